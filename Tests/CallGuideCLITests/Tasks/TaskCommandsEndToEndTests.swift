import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// `tasks`, `task`, `next`, `run --task` and `report tasks` through the real
/// binary with piped input (workflow.md 3 to 5, and its bad input).
final class TaskCommandsEndToEndTests: XCTestCase {
    func testNextRetriesNoAnswerThenCancelsAfterMaxAttempts() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        let added = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up", "--note", "Proposal sent"])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(added.stdout.contains("Task added: T000001 callback for C000001 (Olga)"), added.stdout)
        XCTAssertEqual(added.stderr, "", "today is not in the past")

        let first = try workspace.run(["next"], input: ":hangup no_answer\n")
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("Task T000001: no_answer, to be tried again at"), first.stdout)
        var task = try workspace.task("T000001")
        XCTAssertEqual(task["status"]?.string, "open")
        XCTAssertEqual(task["attempts"]?.number, 1)
        XCTAssertEqual(task["taken_by"], .null, "the hold is given back")
        XCTAssertNotEqual(task["due"]?.string, CalendarDate(instant: Date(), in: TimeZone(identifier: "Europe/Kyiv")!).description, "due two hours later")

        let notYet = try workspace.run(["next"])
        XCTAssertEqual(notYet.status, 0, notYet.stderr)
        XCTAssertTrue(notYet.stdout.contains("Nothing is due now for anna (groups: sales). The next task, T000001 (callback for C000001), falls due"), notYet.stdout)

        let second = try workspace.run(["run", "--task", "T000001"], input: ":hangup no_answer\n")
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("Task T000001 cancelled: no_answer after 2 attempts."), second.stdout)
        task = try workspace.task("T000001")
        XCTAssertEqual(task["status"]?.string, "cancelled")
        XCTAssertEqual(task["attempts"]?.number, 2)
        XCTAssertEqual(task["note"]?.string, "Proposal sent\ncancelled: no_answer after 2 attempts")
        let calls = try workspace.fixture.calls()
        XCTAssertEqual(calls.count, 2)
        XCTAssertEqual(task["closed_by"]?.string, calls.last?["id"]?.string)
        XCTAssertEqual(calls.compactMap { $0["outcome"]?.string }, ["hangup", "hangup"])
        // The card's last calls are shown in the centre's time, not the machine's.
        let started = try XCTUnwrap(ISO8601DateFormatter.withFractions.date(from: calls[0]["started"]?.string ?? ""))
        let kyiv = LocalDateTime(instant: started, in: TimeZone(identifier: "Europe/Kyiv")!).description.replacingOccurrences(of: "T", with: " ")
        XCTAssertTrue(second.stdout.contains("  \(kyiv)  anna  follow_up  hangup"), second.stdout)
    }

    func testACallThatEndsNormallyClosesItsTaskAndBusyWithoutARuleIsAnEnd() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up"])
        _ = try workspace.run(["task", "add", "+380501112233", "--due", "today", "--script", "follow_up"])
        let agreed = try workspace.run(["next"], input: "yes\n")
        XCTAssertTrue(agreed.stdout.contains("Task T000001 done."), agreed.stdout)
        let busy = try workspace.run(["next"], input: ":hangup busy\n")
        XCTAssertTrue(busy.stdout.contains("Task T000002 done."), "busy has no retry rule here: \(busy.stdout)")
        let abandoned = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up"])
        XCTAssertEqual(abandoned.status, 0)
        let cut = try workspace.run(["next"], input: "")
        XCTAssertTrue(cut.stdout.contains("Task T000003 is open again, as it was"), cut.stdout)
        let tasks = try workspace.tasks()
        XCTAssertEqual(tasks.map { $0["status"]?.string ?? "" }, ["done", "done", "open"])
        XCTAssertEqual(tasks.map { $0["attempts"]?.number ?? -1 }, [1, 1, 1])
        XCTAssertEqual(tasks.map { $0.keys }.first, ["id", "card", "kind", "due", "assignee", "group", "script", "note", "status", "attempts",
                                                      "created_at", "created_by", "closed_at", "closed_by", "taken_by", "taken_at"])
    }

    func testATransferShowsItsNoteAndWhatWasSaidAboveTheFirstPrompt() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        let store = try workspace.store()
        let now = LocalDateTime(instant: Date().addingTimeInterval(-60), in: TimeZone(identifier: "Europe/Kyiv")!)
        _ = try store.addTask(NewTask(cardID: "C000001", kind: .transfer, due: now, group: "senior", script: "follow_up", note: "Wants a discount",
                                      handover: ["What is your budget?: 500", "Which model?: X200"]))
        let refused = try workspace.run(["next"], as: "anna")
        XCTAssertTrue(refused.stdout.contains("Nothing to do for anna"), "anna is not in senior: \(refused.stdout)")
        let result = try workspace.run(["next"], as: "boris", input: "yes\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let out = result.stdout
        let card = try XCTUnwrap(out.range(of: "Card C000001: Olga"), out)
        let banner = try XCTUnwrap(out.range(of: "Task T000001: transfer"), out)
        let note = try XCTUnwrap(out.range(of: "Note: Wants a discount"), out)
        let said = try XCTUnwrap(out.range(of: "What is your budget?: 500\n    Which model?: X200"), out)
        let prompt = try XCTUnwrap(out.range(of: "Did you read the proposal?"), out)
        XCTAssertTrue(card.lowerBound < banner.lowerBound && banner.lowerBound < note.lowerBound && note.lowerBound < said.lowerBound && said.lowerBound < prompt.lowerBound, out)
        XCTAssertEqual(try workspace.task("T000001")["status"]?.string, "done")
    }

    func testALapsedHoldReturnsTheTaskAndALiveOneNamesItsHolder() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up"])
        // boris took it 31 minutes ago and his call died: the hold lapsed.
        let store = try workspace.store()
        XCTAssertEqual(try store.takeNextTask(operator: "boris", groups: [], callID: "dead", now: Date().addingTimeInterval(-1860))?.id, nil,
                       "not boris's task")
        XCTAssertEqual(try store.takeTask("T000001", operator: "boris", callID: "dead", now: Date().addingTimeInterval(-1860)).id, "T000001")
        let taken = try workspace.run(["next"], as: "anna", input: "yes\n")
        XCTAssertEqual(taken.status, 0, taken.stderr)
        XCTAssertTrue(taken.stdout.contains("Task T000001 done."), taken.stdout)

        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up"])
        _ = try store.takeTask("T000002", operator: "boris", callID: "live")
        let busy = try workspace.run(["run", "--task", "T000002"], as: "anna", input: "yes\n")
        XCTAssertEqual(busy.status, 2)
        XCTAssertTrue(busy.stderr.contains("task T000002 is being worked by boris"), busy.stderr)
        let waiting = try workspace.run(["next"], as: "anna")
        XCTAssertTrue(waiting.stdout.contains("T000002 (callback for C000001), is being worked by boris until"), waiting.stdout)
        XCTAssertEqual(try workspace.task("T000002")["taken_by"]?.string, "boris")
    }

    func testEveryLineTheOperatorEntersRenewsTheHold() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up"])
        let live = try LiveCallguide(["next", "--db", workspace.database], in: workspace.root, environment: ["CALLGUIDE_OPERATOR": "anna"])
        defer { live.killHard() }
        XCTAssertTrue(LiveCallguide.wait { live.output.contains("Did you read the proposal?") }, live.output)
        let store = try workspace.store()
        let first = try XCTUnwrap(try store.task("T000001")?.heldUntil)
        usleep(1_200_000)
        live.type(["perhaps"])  // not an answer: the question stays open, the hold is renewed all the same
        XCTAssertTrue(LiveCallguide.wait { ((try? store.task("T000001")?.heldUntil) ?? nil).map { $0 > first.addingTimeInterval(1) } ?? false },
                      "held until \(first), still: \(live.output)")
    }

    func testResumeTakesItsTaskAgainAndSettlesIt() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up"])
        let live = try LiveCallguide(["next", "--db", workspace.database], in: workspace.root, environment: ["CALLGUIDE_OPERATOR": "anna"])
        XCTAssertTrue(LiveCallguide.wait { live.output.contains("Did you read the proposal?") }, live.output)
        live.killHard()
        XCTAssertEqual(try workspace.task("T000001")["taken_by"]?.string, "anna", "held while the dead call's hold lasts")
        let transcripts = try FileManager.default.subpathsOfDirectory(atPath: workspace.root + "/transcripts").filter { $0.hasSuffix(".jsonl") }
        XCTAssertEqual(transcripts.count, 1)
        let resumed = try workspace.run(["resume", workspace.root + "/transcripts/" + transcripts[0]], input: "yes\n")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("Task T000001 done."), resumed.stdout)
        let task = try workspace.task("T000001")
        XCTAssertEqual(task["attempts"]?.number, 1)
        XCTAssertEqual(task["closed_by"]?.string, try workspace.fixture.calls().first?["id"]?.string)
    }

    func testBadInputIsOneClearSentence() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        let past = try workspace.run(["task", "add", "C000001", "--due", "2020-01-01 10:00", "--script", "follow_up"])
        XCTAssertEqual(past.status, 0, past.stderr)
        XCTAssertTrue(past.stderr.contains("warning: task T000001 is due 2020-01-01 10:00, which has passed; it is kept"), past.stderr)
        let overdue = try workspace.run(["tasks"])
        XCTAssertTrue(overdue.stdout.contains("OVERDUE"), overdue.stdout)

        let operatorName = try workspace.run(["task", "add", "C000001", "--due", "today", "--to", "ana"])
        XCTAssertEqual(operatorName.status, 2)
        XCTAssertEqual(operatorName.stderr, "callguide: unknown operator 'ana' (did you mean 'anna'?); the operators in callguide.yaml are anna, boris\n")
        let group = try workspace.run(["tasks", "--group", "seniors"])
        XCTAssertEqual(group.status, 2)
        XCTAssertEqual(group.stderr, "callguide: unknown group 'seniors' (did you mean 'senior'?); the groups in callguide.yaml are sales, senior\n")
        let nextAs = try workspace.run(["next", "--operator", "zed"])
        XCTAssertEqual(nextAs.status, 2)
        XCTAssertTrue(nextAs.stderr.contains("the operators in callguide.yaml are anna, boris"), nextAs.stderr)

        for action in [["task", "done", "T000099"], ["task", "move", "T000099", "--due", "today"], ["run", "--task", "T000099"]] {
            let missing = try workspace.run(action)
            XCTAssertEqual(missing.status, 2, "\(action)")
            XCTAssertEqual(missing.stderr, "callguide: no task has the id 'T000099' (task ids look like T000001; 'callguide tasks --all' lists them)\n", "\(action)")
        }
        let when = try workspace.run(["task", "add", "C000001", "--due", "someday"])
        XCTAssertEqual(when.status, 2)
        XCTAssertTrue(when.stderr.contains("'--due' takes YYYY-MM-DD, DD.MM.YYYY, today, tomorrow or +N"), when.stderr)
        let card = try workspace.run(["task", "add", "C000042", "--due", "today"])
        XCTAssertEqual(card.status, 2)
        XCTAssertEqual(card.stderr, "callguide: no card has the id or phone C000042\n")
        XCTAssertEqual(try workspace.tasks().count, 1, "nothing made by the refused commands")
    }

    func testAScriptNextCannotFindIsAnErrorAndTheTaskStaysOpen() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "price_list_call"])
        let result = try workspace.run(["next"], input: "yes\n")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("task T000001: no script with id 'price_list_call' in \(workspace.root)/scripts"), result.stderr)
        XCTAssertTrue(result.stderr.contains("follow_up") && result.stderr.contains("the task stays open"), result.stderr)
        let task = try workspace.task("T000001")
        XCTAssertEqual(task["status"]?.string, "open")
        XCTAssertEqual(task["attempts"]?.number, 0)
        XCTAssertEqual(task["taken_by"], .null)
        XCTAssertEqual(try workspace.fixture.calls().count, 0)
    }

    func testAnEmptyQueueSaysWhenTheNextTaskFallsDueAndExitsZero() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        let nothing = try workspace.run(["next"])
        XCTAssertEqual(nothing.status, 0, nothing.stderr)
        XCTAssertEqual(nothing.stdout, "Nothing to do for anna (groups: sales): no open callbacks or transfers.\n")
        _ = try workspace.run(["task", "add", "C000001", "--due", "+1 09:00", "--group", "sales", "--script", "follow_up"])
        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--kind", "todo"])
        let later = try workspace.run(["next"])
        XCTAssertEqual(later.status, 0, later.stderr)
        let tomorrow = CalendarDate(instant: Date(), in: TimeZone(identifier: "Europe/Kyiv")!).adding(days: 1)!
        XCTAssertEqual(later.stdout, "Nothing is due now for anna (groups: sales). The next task, T000001 (callback for C000001), falls due \(tomorrow) 09:00.\n",
                       "a todo is never taken by next")
        let listed = try workspace.run(["tasks", "--due", "open", "--format", "csv"])
        XCTAssertEqual(listed.stdout.split(whereSeparator: \.isNewline).count, 3, "the header, the todo and the callback: \(listed.stdout)")
    }

    func testReportTasksListsWhoDidNotCallBack() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        let kyiv = TimeZone(identifier: "Europe/Kyiv")!
        let twoDaysAgo = CalendarDate(instant: Date(), in: kyiv).adding(days: -2)!
        _ = try workspace.run(["task", "add", "C000001", "--due", "\(twoDaysAgo)", "--script", "follow_up"])
        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up", "--to", "boris"])
        _ = try workspace.run(["next"], as: "boris", input: "yes\n")
        let report = try workspace.run(["report", "tasks", "--by", "operator"])
        XCTAssertEqual(report.status, 0, report.stderr)
        let lines = report.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "operator  made  done  on time  overdue  cancelled  mean attempts")
        XCTAssertEqual(lines[2], "anna         1     0        0        1          0              0")
        XCTAssertEqual(lines[3], "boris        1     1        1        0          0              1")
        XCTAssertTrue(report.stdout.contains("Overdue now (1):"), report.stdout)
        let overdueLine = try XCTUnwrap(lines.first { $0.hasPrefix("T000001") }, report.stdout)
        XCTAssertTrue(overdueLine.contains("anna") && overdueLine.contains("Olga") && overdueLine.contains("not called back"), overdueLine)
        let json = try JSONParser.parse(try workspace.run(["report", "tasks", "--format", "json"]).stdout)
        XCTAssertEqual(json["rows"]?.elements.first?["made"]?.number, 2)
        XCTAssertEqual(json["overdue"]?.elements.first?["not_called_back"], .bool(true))
        let help = try workspace.run(["report", "tasks", "--help"])
        XCTAssertTrue(help.stdout.contains("Usage: callguide report tasks"), help.stdout)
    }
}

extension ISO8601DateFormatter {
    /// `2026-12-01T15:06:27.192Z`, as calls and tasks write instants.
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
