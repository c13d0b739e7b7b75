import CallGuide
import Foundation
import FoundationXML
import XCTest

/// Issue 17, replay fixes: a missing path among several is one ERROR line
/// and the others still run (and the JUnit file is written); errors are
/// counted apart in the closing line; another script's transcript is named.
final class EndToEndReplayErrorsTests: XCTestCase {
    private var sandbox: EndToEndSandbox!
    private var script: String!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
        script = try sandbox.exampleScript()
        try FileManager.default.createDirectory(atPath: sandbox.path("calls"), withIntermediateDirectories: true)
        for name in ["a", "b"] {
            try sandbox.record(script, transcript: sandbox.path("calls/\(name).jsonl"), lines: ["compl"])
        }
    }

    override func tearDown() {
        sandbox = nil
    }

    func testAMissingPathIsOneErrorLineAndTheOthersRun() throws {
        let junit = sandbox.path("report.xml")
        let missing = sandbox.path("nowhere.jsonl")
        let result = try sandbox.callguide(["replay", script, sandbox.path("calls/a.jsonl"), missing, sandbox.path("calls/b.jsonl"), "--junit", junit])
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").map(String.init), [
            "PASS \(sandbox.path("calls/a.jsonl"))",
            "ERROR \(missing): no such file or folder",
            "PASS \(sandbox.path("calls/b.jsonl"))",
            "2 passed, 0 failed, 1 error",
        ])
        let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: junit))
        XCTAssertEqual(try xml.nodes(forXPath: "//testcase").count, 3)
        XCTAssertEqual(try xml.nodes(forXPath: "//testcase/error").count, 1)
        XCTAssertEqual((try xml.nodes(forXPath: "//testsuite").first as? XMLElement)?.attribute(forName: "errors")?.stringValue, "1")

        let json = try sandbox.callguide(["replay", script, sandbox.path("calls"), missing, "--format", "json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["passed"] as? Int, 2)
        XCTAssertEqual(object["failed"] as? Int, 0)
        XCTAssertEqual(object["errors"] as? Int, 1)
    }

    func testFailuresAndErrorsAreCountedApart() throws {
        let text = try String(contentsOfFile: script, encoding: .utf8)
        let edited = try sandbox.write("edited.yaml", text.replacingOccurrences(of: "complaint_end:\n    end: no_sale", with: "complaint_end:\n    end: callback"))
        try sandbox.write("calls/c-broken.jsonl", "{\"seq\": oops\n")
        let result = try sandbox.callguide(["replay", edited, sandbox.path("calls"), sandbox.path("gone")])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stdout.hasSuffix("\n0 passed, 2 failed, 2 errors\n"), result.stdout)
        let clean = try sandbox.callguide(["replay", edited, sandbox.path("calls/a.jsonl")])
        XCTAssertTrue(clean.stdout.hasSuffix("\n0 passed, 1 failed\n"), "no errors: the plain line: \(clean.stdout)")
    }

    func testATranscriptOfAnotherScriptIsNamedAsSuch() throws {
        let text = try String(contentsOfFile: script, encoding: .utf8)
        let other = try sandbox.write("other.yaml", text.replacingOccurrences(of: "id: inbound_order", with: "id: outbound_survey"))
        let result = try sandbox.callguide(["replay", other, sandbox.path("calls/a.jsonl")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.hasPrefix(
            "FAIL \(sandbox.path("calls/a.jsonl")):1: recorded with script 'inbound_order', not 'outbound_survey': a transcript of another script"),
            result.stdout)
    }
}
