import CallGuide
import Foundation
import XCTest

/// `callguide cases` through the real binary: the generated calls are
/// ordinary transcripts that `replay` passes as they are, and together they
/// cover every branch of the example scripts.
final class EndToEndCasesTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    private func scripts() throws -> [String] {
        [try sandbox.exampleScript(), try sandbox.fixture("support-line.yaml"), try sandbox.fixture("survey.yaml")]
    }

    func testGeneratedCasesReplayAndCoverEveryBranch() throws {
        for (index, script) in try scripts().enumerated() {
            let folder = sandbox.path("cases-\(index)")
            let generated = try sandbox.callguide(["cases", script, "--out", folder])
            XCTAssertEqual(generated.status, 0, generated.stdout + generated.stderr)
            XCTAssertTrue(generated.stdout.contains("(100%)"), generated.stdout)
            XCTAssertFalse(generated.stdout.contains("Not reached"), generated.stdout)

            let replay = try sandbox.callguide(["replay", script, folder, "--coverage", "--format", "json"])
            XCTAssertEqual(replay.status, 0, replay.stdout + replay.stderr)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(object["failed"] as? Int, 0)
            let coverage = try XCTUnwrap(object["coverage"] as? [String: Any])
            for part in ["nodes", "branches"] {
                let counts = try XCTUnwrap(coverage[part] as? [String: Int])
                XCTAssertEqual(counts["hit"], counts["total"], "\(script) \(part): \(coverage)")
            }
            XCTAssertEqual((coverage["missed"] as? [Any])?.count, 0)
        }
    }

    func testFilesArePrivateNamedByCaseAndTheSameOnEveryRun() throws {
        let script = try sandbox.exampleScript()
        XCTAssertEqual(try sandbox.callguide(["cases", script, "--out", sandbox.path("a")]).status, 0)
        XCTAssertEqual(try sandbox.callguide(["cases", script, "--out", sandbox.path("b")]).status, 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: sandbox.path("a")).sorted()
        XCTAssertEqual(names.first, "case-001.jsonl")
        XCTAssertGreaterThan(names.count, 1)
        for name in names {
            XCTAssertEqual(try sandbox.mode(of: sandbox.path("a/\(name)")), 0o600, name)
            let first = try Data(contentsOf: URL(fileURLWithPath: sandbox.path("a/\(name)")))
            let second = try Data(contentsOf: URL(fileURLWithPath: sandbox.path("b/\(name)")))
            XCTAssertEqual(first, second, "\(name) differs between two runs")
        }
        let document = try sandbox.transcript(sandbox.path("a/case-001.jsonl"))
        guard case .start(let start)? = document.lines.first?.event else { return XCTFail("no start line") }
        XCTAssertEqual(start.call, "case-001")
        XCTAssertEqual(start.today, CaseGenerator.defaultToday)
    }

    func testMaxTodayAndExistingFiles() throws {
        let script = try sandbox.exampleScript()
        let one = try sandbox.callguide(["cases", script, "--out", sandbox.path("one"), "--max", "1", "--today", "2027-02-03"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.hasPrefix("1 call written"), one.stdout)
        XCTAssertTrue(one.stdout.contains("Not reached:"), one.stdout)
        XCTAssertTrue(try String(contentsOfFile: sandbox.path("one/case-001.jsonl"), encoding: .utf8).contains("\"today\":\"2027-02-03\""))

        let again = try sandbox.callguide(["cases", script, "--out", sandbox.path("one"), "--max", "1"])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("case-001.jsonl already exists"), again.stderr)

        XCTAssertEqual(try sandbox.callguide(["cases", script, "--max", "0"]).status, 2)
        XCTAssertEqual(try sandbox.callguide(["cases", script, "--today", "15.01.2026"]).status, 2)
        let help = try sandbox.callguide(["cases", "--help"])
        XCTAssertTrue(help.stdout.contains("Usage: callguide cases SCRIPT"), help.stdout)
    }
}
