import CallGuide
import Foundation
import XCTest

/// What a crash can leave behind, and how `resume` and `replay` recover it.
final class EndToEndRecoveryTests: XCTestCase {
    let script = """
        callguide: 1
        id: recovery
        nodes:
          first: {ask: First?}
          second: {ask: Second?}
          done: {end: ok}
        """

    /// Records a whole call and returns the transcript's lines.
    private func recordedLines(_ sandbox: EndToEndSandbox) throws -> [String] {
        let scriptPath = try sandbox.write("recovery.yaml", script)
        try sandbox.record(scriptPath, transcript: sandbox.path("full.jsonl"), lines: ["one", "two"])
        return try String(contentsOfFile: sandbox.path("full.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func writeTranscript(_ sandbox: EndToEndSandbox, _ name: String, _ text: String) throws -> String {
        let path = try sandbox.write(name, text)
        chmod(path, 0o600)
        return path
    }

    func testResumeWritesAgainTheQuestionACrashCutOff() throws {
        let sandbox = try EndToEndSandbox()
        let lines = try recordedLines(sandbox)
        // The process died while writing "ask second" (line 4).
        let cut = try writeTranscript(sandbox, "cut.jsonl", lines[0..<3].joined(separator: "\n") + "\n" + lines[3].prefix(25))
        try FileManager.default.removeItem(atPath: sandbox.path("callguide.db"))
        let resumed = try sandbox.callguide(["resume", cut], input: "two\n")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("Second?"), resumed.stdout)
        let document = try sandbox.transcript(cut)
        XCTAssertEqual(EventSummary.describe(document), EventSummary.describe(try sandbox.transcript(sandbox.path("full.jsonl"))))
        XCTAssertEqual(document.lines.map(\.line.seq), Array(0..<document.lines.count))
        let replay = try sandbox.callguide(["replay", "recovery.yaml", cut])
        XCTAssertEqual(replay.status, 0, replay.stdout)
    }

    func testResumeFinishesACallWhoseEndLineWasTorn() throws {
        let sandbox = try EndToEndSandbox()
        let lines = try recordedLines(sandbox)
        try FileManager.default.removeItem(atPath: sandbox.path("callguide.db"))
        let cut = try writeTranscript(sandbox, "cut.jsonl", lines[0..<5].joined(separator: "\n") + "\n" + lines[5].prefix(20))
        let resumed = try sandbox.callguide(["resume", cut])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let document = try sandbox.transcript(cut)
        XCTAssertTrue(document.hasEnd)
        XCTAssertFalse(document.tornLastLine)
        let calls = try sandbox.callguide(["calls", "--format", "json"])
        XCTAssertEqual(calls.stdout.components(separatedBy: "\"outcome\":\"ok\"").count, 2, calls.stdout)
    }

    func testResumeStoresAnEndedCallTheDatabaseNeverGot() throws {
        let sandbox = try EndToEndSandbox()
        _ = try recordedLines(sandbox)
        let elsewhere = sandbox.path("other.db")
        let first = try sandbox.callguide(["resume", "full.jsonl", "--db", elsewhere])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("storing it now"), first.stdout)
        let again = try sandbox.callguide(["resume", "full.jsonl", "--db", elsewhere])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("already ended and is stored"), again.stderr)
    }

    func testAWholeLastLineWithoutItsNewlineIsKept() throws {
        let sandbox = try EndToEndSandbox()
        let lines = try recordedLines(sandbox)
        // Killed between the line and its newline: the answer is whole.
        let cut = try writeTranscript(sandbox, "cut.jsonl", lines[0..<3].joined(separator: "\n"))
        try FileManager.default.removeItem(atPath: sandbox.path("callguide.db"))
        let resumed = try sandbox.callguide(["resume", cut], input: "two\n")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let answers = try sandbox.transcript(cut).lines.filter { if case .answer = $0.event { return true } else { return false } }
        XCTAssertEqual(answers.count, 2, "the restored answer stays in the transcript's events")
    }

    func testAScriptWithoutVersionReplays() throws {
        let sandbox = try EndToEndSandbox()
        let scriptPath = try sandbox.write("plain.yaml", "callguide: 1\nid: plain\nnodes: {q: {ask: Name?}, e: {end: done}}\n")
        try sandbox.record(scriptPath, transcript: sandbox.path("plain.jsonl"), lines: ["Bob"])
        let replay = try sandbox.callguide(["replay", "plain.yaml", "plain.jsonl"])
        XCTAssertEqual(replay.status, 0, replay.stdout + replay.stderr)
    }

    func testTheStartLineCarriesTheCallsStartTime() throws {
        let sandbox = try EndToEndSandbox()
        let scriptPath = try sandbox.write("started.yaml", """
            callguide: 1
            id: started
            nodes:
              q: {ask: "Started at {call.started}?"}
              e: {end: done}
            """)
        try sandbox.record(scriptPath, transcript: sandbox.path("s.jsonl"), lines: ["yes"])
        let replay = try sandbox.callguide(["replay", "started.yaml", "s.jsonl", "--text"])
        XCTAssertEqual(replay.status, 0, replay.stdout)
    }
}

/// Reading commands never leave an empty database behind.
final class EndToEndMissingDatabaseTests: XCTestCase {
    func testReadingCommandsRefuseAMissingDatabase() throws {
        let sandbox = try EndToEndSandbox()
        for arguments in [["report"], ["calls"], ["card", "find", "olga"], ["card", "show", "C000001"], ["card", "export"]] {
            let result = try sandbox.callguide(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stdout)")
            XCTAssertTrue(result.stderr.contains("no database here yet"), result.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.path("callguide.db")))
    }
}
