import CallGuide
import Foundation
import XCTest

/// Tasks in scripts through the real binary: `run` shows and records them,
/// `replay` compares them, `check` warns about unknown scripts (W108) and
/// `schema` knows the new keys (workflow, section 2).
final class EndToEndTaskTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    let script = """
        callguide: 1
        id: inbound
        nodes:
          problem:
            ask: What is the problem?
          when_to_call:
            ask: When shall we call you back?
            type: datetime
            task:
              due: answer
              script: follow_up
              note: "About: {problem}"
          escalate:
            end: transferred
            transfer: senior
        """

    func testRunShowsAndRecordsTasksAndReplayComparesThem() throws {
        let path = try sandbox.write("inbound.yaml", script)
        let transcript = sandbox.path("one.jsonl")
        let result = try sandbox.record(path, transcript: transcript, lines: ["Router blinks", "tomorrow 9:30"])
        let tomorrow = LocalDates.iso(daysFromToday: 1)
        XCTAssertTrue(result.stdout.contains("+ callback due \(tomorrow) 09:30 for \(EndToEndSandbox.operatorName)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("+ transfer due "), result.stdout)

        let document = try sandbox.transcript(transcript)
        guard case .start(let start)? = document.lines.first?.event else { return XCTFail("no start") }
        let now = try XCTUnwrap(start.now)
        XCTAssertTrue(now.hasPrefix(LocalDates.iso(daysFromToday: 0) + "T"), now)
        XCTAssertEqual(document.lines.map { EventSummary.describe($0.event) }, [
            "start", "ask problem", "answer problem=\"Router blinks\"", "ask when_to_call",
            "answer when_to_call=\"\(tomorrow)T09:30\"", "task callback@when_to_call due \(tomorrow)T09:30",
            "task transfer@escalate due \(now)", "end transferred@escalate",
        ])
        guard case .end(let end)? = document.lines.last?.event else { return XCTFail("no end") }
        XCTAssertEqual(end.tasks.map(\.kind), [.callback, .transfer])
        XCTAssertEqual(end.tasks[0].note, "About: Router blinks")
        XCTAssertEqual(end.tasks[1].handover.map(\.text), [
            "What is the problem?: Router blinks", "When shall we call you back?: \(tomorrow) 09:30",
        ])

        XCTAssertEqual(try sandbox.callguide(["replay", path, transcript]).status, 0)
        try sandbox.write("inbound.yaml", script.replacingOccurrences(of: "due: answer", with: "due: add_days(answer, 1)"))
        let moved = try sandbox.callguide(["replay", path, transcript])
        XCTAssertEqual(moved.status, 1, moved.stdout + moved.stderr)
        XCTAssertTrue((moved.stdout + moved.stderr).contains("the task of 'when_to_call' changed its due"), moved.stdout + moved.stderr)
    }

    func testCheckWarnsAboutAScriptTheWorkspaceDoesNotHave() throws {
        try sandbox.write("callguide.yaml", "outcomes:\n  transferred: {label: Transferred}\n")
        try sandbox.write("scripts/follow_up.yaml", "callguide: 1\nid: follow_up\nnodes:\n  done: {end: ok}\n")
        let path = try sandbox.write("scripts/inbound.yaml", script.replacingOccurrences(of: "script: follow_up", with: "script: folow_up"))
        let result = try sandbox.callguide(["check", path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("inbound.yaml:11:15: warning: there is no script 'folow_up' in the workspace (yet)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("did you mean 'follow_up'?"), result.stdout)
        XCTAssertEqual(try sandbox.callguide(["check", "--strict", path]).status, 1)
        try sandbox.write("scripts/inbound.yaml", script)
        let clean = try sandbox.callguide(["check", "--strict", path])
        XCTAssertEqual(clean.status, 0, clean.stdout)
    }

    func testSchemaKnowsTasksTransfersAndDatetime() throws {
        let result = try sandbox.callguide(["schema"])
        XCTAssertEqual(result.status, 0)
        for word in ["\"task\"", "\"transfer\"", "\"datetime\"", "\"callback\""] {
            XCTAssertTrue(result.stdout.contains(word), word)
        }
    }
}
