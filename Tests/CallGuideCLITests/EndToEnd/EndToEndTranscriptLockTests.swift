import CallGuide
import Foundation
import Glibc
import XCTest

/// One writer per transcript (issue 10, defect 3): a live call's transcript
/// is locked; a second `resume` says who holds it and exits 2 without
/// writing anything. Real processes throughout.
final class EndToEndTranscriptLockTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
        try sandbox.write("lock.yaml", """
            callguide: 1
            id: lock
            nodes:
              first: {ask: First?}
              second: {ask: Second?}
              done: {end: ok}
            """)
    }

    override func tearDown() {
        sandbox = nil
    }

    private func live(_ arguments: [String], operator name: String) throws -> LiveCallguide {
        try LiveCallguide(arguments, in: sandbox.root.path,
                          environment: ["CALLGUIDE_OPERATOR": name, "CALLGUIDE_DB": sandbox.path("callguide.db"), "TERM": "dumb"])
    }

    private func bytes(_ path: String) -> Data {
        FileManager.default.contents(atPath: path) ?? Data()
    }

    /// Waits until the transcript holds `count` lines.
    private func waitForLines(_ count: Int, in path: String, file: StaticString = #filePath, line: UInt = #line) {
        let reached = LiveCallguide.wait { transcriptEvents(path).count >= count }
        XCTAssertTrue(reached, "the transcript never reached \(count) lines", file: file, line: line)
    }

    func testResumingALiveCallIsRefusedNamingItsHolder() throws {
        let path = sandbox.path("live.jsonl")
        let call = try live(["run", "lock.yaml", "--transcript", path], operator: "Ann Live")
        call.type(["one"])
        waitForLines(4, in: path)  // start, ask, answer, ask
        let before = bytes(path)

        let second = try sandbox.callguide(["resume", "live.jsonl", "--script", "lock.yaml"], input: "intruder\n")
        XCTAssertEqual(second.status, 2, second.stdout)
        XCTAssertTrue(second.stderr.contains("live.jsonl: this call is in use by pid \(call.process.processIdentifier), operator Ann Live on host "),
                      second.stderr)
        XCTAssertEqual(bytes(path), before, "the refused resume wrote nothing")
        // The same call reached through a symbolic link is the same call.
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("link.jsonl"), withDestinationPath: path)
        let viaLink = try sandbox.callguide(["resume", "link.jsonl", "--script", "lock.yaml"], input: "intruder\n")
        XCTAssertEqual(viaLink.status, 2, viaLink.stdout)
        XCTAssertTrue(viaLink.stderr.contains("link.jsonl: this call is in use by pid \(call.process.processIdentifier), operator Ann Live"), viaLink.stderr)
        XCTAssertEqual(bytes(path), before)

        call.type(["two"])
        XCTAssertEqual(call.finish(), 0, call.output)
        let document = try sandbox.transcript(path)
        XCTAssertEqual(document.lines.map(\.line.seq), Array(0..<document.lines.count))
        XCTAssertEqual(EventSummary.describe(document).filter { $0.hasPrefix("end") }.count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".lock"), "the holder's note goes with the lock")
    }

    func testTwoResumesAtOnceOnlyOneWrites() throws {
        try sandbox.record("lock.yaml", transcript: sandbox.path("full.jsonl"), lines: ["one", "two"])
        let lines = try String(contentsOfFile: sandbox.path("full.jsonl"), encoding: .utf8).split(separator: "\n")
        let path = try sandbox.write("cut.jsonl", lines[0..<4].joined(separator: "\n") + "\n")  // up to "ask second"
        chmod(path, 0o600)
        try FileManager.default.removeItem(atPath: sandbox.path("callguide.db"))

        let first = try live(["resume", "cut.jsonl", "--script", "lock.yaml"], operator: "Ann First")
        XCTAssertTrue(LiveCallguide.wait { first.output.contains("Resuming call") }, first.output)
        let before = bytes(path)
        let second = try sandbox.callguide(["resume", "cut.jsonl", "--script", "lock.yaml"], input: "two\n",
                                           environment: ["CALLGUIDE_OPERATOR": "Bo Second"])
        XCTAssertEqual(second.status, 2, second.stdout)
        XCTAssertTrue(second.stderr.contains("in use by pid \(first.process.processIdentifier), operator Ann First"), second.stderr)
        XCTAssertEqual(bytes(path), before)

        first.type(["two"])
        XCTAssertEqual(first.finish(), 0, first.output)
        let document = try sandbox.transcript(path)
        XCTAssertEqual(EventSummary.describe(document), EventSummary.describe(try sandbox.transcript(sandbox.path("full.jsonl"))))
        XCTAssertEqual(document.lines.map(\.line.seq), Array(0..<document.lines.count))
    }

    func testACallKilledHardCanBeResumedAtOnce() throws {
        let path = sandbox.path("killed.jsonl")
        let call = try live(["run", "lock.yaml", "--transcript", path], operator: "Ann Killed")
        call.type(["one"])
        waitForLines(4, in: path)
        call.killHard()
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".lock"), "a killed process leaves its note behind")

        let resumed = try sandbox.callguide(["resume", "killed.jsonl", "--script", "lock.yaml"], input: "two\n")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(try sandbox.transcript(path).hasEnd)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".lock"))
    }
}
