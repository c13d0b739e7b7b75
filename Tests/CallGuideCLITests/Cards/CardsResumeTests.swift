import CallGuide
import Foundation
import XCTest

/// `resume` after the process was killed at several points of a call.
final class CardsResumeTests: XCTestCase {
    static let all = WorkspaceFixture.answers(name: "Olga", company: "Acme", budget: "700", status: "potential", offer: "yes", buy: "yes", score: "10")

    func testResumeAfterKillWithNoAnswer() throws { try killAndResume(typedBeforeKill: [], expectedAnswers: 0) }
    func testResumeAfterKillWithOneAnswer() throws { try killAndResume(typedBeforeKill: Array(Self.all.prefix(1)), expectedAnswers: 1) }
    func testResumeAfterKillWithThreeAnswers() throws { try killAndResume(typedBeforeKill: Array(Self.all.prefix(3)), expectedAnswers: 3) }

    func testResumeAfterKillInsideAHandler() throws {
        // Two answers, then the side handler; killed while its question waits.
        try killAndResume(typedBeforeKill: Array(Self.all.prefix(2)) + ["!side"], expectedAnswers: 2, waitForHandler: true,
                          rest: ["side note"] + Array(Self.all.dropFirst(2)),
                          nodes: ["customer_name", "company", "side_question", "budget", "new_status", "filters", "buy", "score"])
    }

    func testResumingAnEndedCallIsRefused() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let transcript = workspace.root + "/transcripts/ended.jsonl"
        XCTAssertEqual(try workspace.runCall(card: nil, answers: Self.all, extra: ["--transcript", transcript]).status, 0)
        let before = try String(contentsOfFile: transcript, encoding: .utf8)
        let result = try workspace.callguide(["resume", transcript, "--db", workspace.database])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("already ended"), result.stderr)
        XCTAssertEqual(try String(contentsOfFile: transcript, encoding: .utf8), before)
        XCTAssertEqual(try workspace.calls().count, 1)
    }

    func testResumeRefusesAScriptThatChangedIncompatibly() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let transcript = workspace.root + "/transcripts/cut.jsonl"
        let call = try start(workspace, transcript: transcript)
        call.type(Array(Self.all.prefix(3)))
        XCTAssertTrue(LiveCallguide.wait { Self.answers(transcript).count == 3 })
        call.killHard()
        // The budget is now a yes/no question: "700" no longer fits.
        let changed = WorkspaceFixture.cardScript.replacingOccurrences(of: "ask: \"Budget?\"\n    type: number", with: "ask: \"Budget?\"\n    type: yesno")
        XCTAssertNotEqual(changed, WorkspaceFixture.cardScript)
        try changed.write(toFile: workspace.script, atomically: true, encoding: .utf8)
        let result = try workspace.callguide(["resume", transcript, "--script", workspace.script, "--db", workspace.database], input: "yes\n")
        XCTAssertEqual(result.status, 2, result.stdout)
        XCTAssertTrue(result.stderr.contains("no longer fits this call"), result.stderr)
        XCTAssertTrue(result.stderr.contains("budget"), result.stderr)
        XCTAssertEqual(try workspace.calls().count, 0)
    }

    func testAChangeMadeBeforeTheResumeIsNotOverwritten() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers()).status, 0)
        let transcript = workspace.root + "/transcripts/cut.jsonl"
        let call = try LiveCallguide(
            ["run", workspace.script, "--card", "C000001", "--operator", "anna", "--db", workspace.database, "--transcript", transcript],
            in: workspace.root)
        call.type(["Olga", "Call A Ltd"])
        XCTAssertTrue(LiveCallguide.wait { Self.answers(transcript).count == 2 }, call.output)
        call.killHard()
        // While the call is down, the company changes on the card.
        let set = try workspace.callguide(["card", "set", "C000001", "company=Set Meanwhile", "--db", workspace.database])
        XCTAssertEqual(set.status, 0, set.stderr)

        let resumed = try workspace.callguide(["resume", transcript, "--db", workspace.database],
                                              input: ["500", "potential", "no", "no", "7"].joined(separator: "\n") + "\n")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("Card not changed:"), resumed.stdout)
        let card = try workspace.card("C000001")
        XCTAssertEqual(card["company"]?.string, "Set Meanwhile", "the change made before the resume stays")
        XCTAssertEqual(card["fields"]?["budget"]?.number, 500, "a field nobody else touched is applied")
    }

    // MARK: Helpers

    private func killAndResume(typedBeforeKill: [String], expectedAnswers: Int, waitForHandler: Bool = false, rest: [String]? = nil,
                               nodes: [String] = ["customer_name", "company", "budget", "new_status", "filters", "buy", "score"],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let transcript = workspace.root + "/transcripts/killed.jsonl"
        let call = try start(workspace, transcript: transcript)
        call.type(typedBeforeKill)
        let reached = LiveCallguide.wait {
            let events = transcriptEvents(transcript)
            let answers = events.filter { $0["event"]?.string == "answer" }.count
            let asked = events.contains { $0["event"]?.string == "ask" }
            let inHandler = events.contains { $0["event"]?.string == "handler" } && events.last?["event"]?.string == "ask"
            return answers == expectedAnswers && asked && (!waitForHandler || inHandler)
        }
        XCTAssertTrue(reached, call.output, file: file, line: line)
        call.killHard()
        XCTAssertFalse(transcriptEvents(transcript).contains { $0["event"]?.string == "end" }, file: file, line: line)

        let remaining = rest ?? Array(Self.all.dropFirst(expectedAnswers))
        let resumed = try workspace.callguide(["resume", transcript], input: ([":history"] + remaining).joined(separator: "\n") + "\n")
        XCTAssertEqual(resumed.status, 0, resumed.stderr, file: file, line: line)
        XCTAssertTrue(resumed.stdout.contains("\(expectedAnswers) answer\(expectedAnswers == 1 ? "" : "s") restored"), resumed.stdout, file: file, line: line)
        for answer in typedBeforeKill where !answer.hasPrefix("!") {
            XCTAssertTrue(resumed.stdout.contains(answer), "restored '\(answer)' in :history: \(resumed.stdout)", file: file, line: line)
        }
        XCTAssertTrue(resumed.stdout.contains("Call ended: sale"), resumed.stdout, file: file, line: line)

        let events = transcriptEvents(transcript)
        XCTAssertEqual(events.compactMap { $0["seq"]?.number }, (0..<events.count).map { Decimal($0) }, "seq continues with no gap or repeat", file: file, line: line)
        XCTAssertEqual(Self.answers(transcript), nodes, "every answer exactly once", file: file, line: line)
        XCTAssertEqual(events.filter { $0["event"]?.string == "end" }.count, 1, file: file, line: line)

        let calls = try workspace.calls()
        XCTAssertEqual(calls.count, 1, "stored once", file: file, line: line)
        XCTAssertEqual(calls.first?["answers"]?["customer_name"]?.string, "Olga", file: file, line: line)
        XCTAssertEqual(calls.first?["answers"]?["score"]?.number, 10, file: file, line: line)
        XCTAssertEqual(try workspace.card("C000001")["company"]?.string, "Acme", file: file, line: line)
    }

    private func start(_ workspace: WorkspaceFixture, transcript: String) throws -> LiveCallguide {
        try LiveCallguide(["run", workspace.script, "--card", "+7 900 123-45-67", "--operator", "anna", "--db", workspace.database,
                           "--transcript", transcript], in: workspace.root)
    }

    private static func answers(_ transcript: String) -> [String] {
        transcriptEvents(transcript).filter { $0["event"]?.string == "answer" }.compactMap { $0["node"]?.string }
    }
}
