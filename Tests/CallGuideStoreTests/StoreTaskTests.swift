import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// Tasks in the store: made, listed, taken from the queue, settled with
/// the call that worked them (workflow.md 1 and 3).
class StoreTaskTests: StoreTestCase {
    let kyiv = TimeZone(identifier: "Europe/Kyiv")!
    /// 2026-12-01 10:00 in Kyiv (UTC+2).
    let morning = Date(timeIntervalSince1970: 1_796_112_000)

    func makeKyivStore() throws -> CardStore { try openStore(timeZone: kyiv) }

    func local(_ text: String) -> LocalDateTime { LocalDateTime(isoText: text)! }

    func callback(_ store: CardStore, card: String, due: String, to: String? = "anna", group: String? = nil, kind: ClientTask.Kind = .callback) throws -> ClientTask {
        try store.addTask(NewTask(cardID: card, kind: kind, due: local(due), assignee: to, group: group, script: "follow_up"), now: morning)
    }

    func testATaskIsStoredWithEveryFieldAndItsDueAsAUTCInstant() throws {
        let store = try makeKyivStore()
        let card = try store.createCard(["name": .string("Olga")])
        let task = try store.addTask(NewTask(cardID: card.id, due: local("2026-12-01T15:30"), assignee: "anna", script: "follow_up", note: "Proposal sent",
                                             handover: ["Budget?: 500"]), now: morning)
        XCTAssertEqual(task.id, "T000001")
        XCTAssertEqual(task.dueAt, Date(timeIntervalSince1970: 1_796_112_000 + 5.5 * 3600), "15:30 in Kyiv is 13:30 UTC")
        XCTAssertEqual(task.status, .open)
        XCTAssertEqual(task.attempts, 0)
        XCTAssertEqual(task.handover, ["Budget?: 500"])
        XCTAssertEqual(task.clientName, "Olga")
        XCTAssertNil(task.createdBy)
        XCTAssertEqual(try callback(store, card: card.id, due: "2026-12-02T09:00").id, "T000002")
    }

    func testADateAloneIsDueFromMidnightAndOverdueWhenTheDayEnds() throws {
        let store = try makeKyivStore()
        let card = try store.createCard()
        let task = try store.addTask(NewTask(cardID: card.id, due: LocalDateTime(startOf: CalendarDate(isoText: "2026-12-01")!), dueHasTime: false, assignee: "anna"), now: morning)
        XCTAssertFalse(task.isOverdue(at: morning))
        XCTAssertFalse(task.isOverdue(at: morning.addingTimeInterval(13 * 3600)), "23:00 the same day")
        XCTAssertTrue(task.isOverdue(at: morning.addingTimeInterval(14 * 3600)), "00:00 the next day")
        XCTAssertEqual(try store.tasks(TaskFilter(due: .overdue), now: morning).map(\.id), [])
        XCTAssertEqual(try store.tasks(TaskFilter(due: .today), now: morning).map(\.id), [task.id])
    }

    func testAnUnknownCardOrTaskIsRefused() throws {
        let store = try makeKyivStore()
        XCTAssertThrowsError(try callback(store, card: "C000009", due: "2026-12-01T11:00")) {
            XCTAssertEqual($0 as? TaskStoreError, .noCard(key: "C000009"))
        }
        XCTAssertThrowsError(try store.closeTask("T000042", as: .done)) { XCTAssertEqual($0 as? TaskStoreError, .noSuchTask(id: "T000042")) }
        XCTAssertThrowsError(try store.moveTask("T000042", due: nil, assignee: "anna", group: nil)) { XCTAssertEqual($0 as? TaskStoreError, .noSuchTask(id: "T000042")) }
    }

    func testListingsFilterByOwnerAndDueAndAreSoonestFirst() throws {
        let store = try makeKyivStore()
        let card = try store.createCard()
        let late = try callback(store, card: card.id, due: "2026-12-01T08:00")
        let later = try callback(store, card: card.id, due: "2026-12-01T18:00", to: nil, group: "sales")
        let tomorrow = try callback(store, card: card.id, due: "2026-12-02T09:00")
        let borisOwn = try callback(store, card: card.id, due: "2026-12-01T07:00", to: "boris")
        let anna = TaskFilter.Owner.operator("anna", groups: ["sales"])
        XCTAssertEqual(try store.tasks(TaskFilter(owner: anna, due: .today), now: morning).map(\.id), [late.id, later.id])
        XCTAssertEqual(try store.tasks(TaskFilter(owner: anna, due: .overdue), now: morning).map(\.id), [late.id])
        XCTAssertEqual(try store.tasks(TaskFilter(owner: anna, due: .open), now: morning).map(\.id), [late.id, later.id, tomorrow.id])
        XCTAssertEqual(try store.tasks(TaskFilter(owner: .group("sales"), due: .open), now: morning).map(\.id), [later.id])
        XCTAssertEqual(try store.tasks(TaskFilter(owner: .all, due: .open), now: morning).map(\.id), [borisOwn.id, late.id, later.id, tomorrow.id])
        try store.closeTask(late.id, as: .done, note: "called from the mobile", now: morning)
        XCTAssertEqual(try store.tasks(TaskFilter(owner: anna, due: .open), now: morning).map(\.id), [later.id, tomorrow.id])
        let closed = try XCTUnwrap(try store.tasks(TaskFilter(owner: anna, due: .all), now: morning).first)
        XCTAssertEqual(closed.status, .done)
        XCTAssertEqual(closed.closedAt, morning)
        XCTAssertEqual(closed.note, "called from the mobile")
        XCTAssertThrowsError(try store.closeTask(late.id, as: .cancelled)) { XCTAssertEqual($0 as? TaskStoreError, .closed(id: late.id, status: "done")) }
    }

    func testMovingChangesDueAndOwner() throws {
        let store = try makeKyivStore()
        let card = try store.createCard()
        let task = try callback(store, card: card.id, due: "2026-12-01T08:00")
        let moved = try store.moveTask(task.id, due: local("2026-12-03T12:00"), assignee: nil, group: "senior", now: morning)
        XCTAssertEqual(moved.dueAt, local("2026-12-03T12:00").instant(in: kyiv))
        XCTAssertNil(moved.assignee)
        XCTAssertEqual(moved.group, "senior")
    }

    // MARK: The queue

    func testNextTakesTheEarliestDueOwnBeforeGroupAndNeverTodosOrFutureTasks() throws {
        let store = try makeKyivStore()
        let card = try store.createCard()
        _ = try callback(store, card: card.id, due: "2026-12-01T08:00", kind: .todo)
        _ = try callback(store, card: card.id, due: "2026-12-01T11:00")
        let group = try callback(store, card: card.id, due: "2026-12-01T09:00", to: nil, group: "sales")
        let own = try callback(store, card: card.id, due: "2026-12-01T09:00")
        _ = try callback(store, card: card.id, due: "2026-12-01T08:30", to: "boris")
        let first = try store.takeNextTask(operator: "anna", groups: ["sales"], callID: "call-1", now: morning)
        XCTAssertEqual(first?.id, own.id, "own before the group's on the same due time")
        XCTAssertEqual(first?.takenBy, "anna")
        XCTAssertEqual(first?.heldUntil, morning.addingTimeInterval(1800))
        XCTAssertEqual(try store.takeNextTask(operator: "anna", groups: ["sales"], callID: "call-2", now: morning)?.id, group.id)
        XCTAssertNil(try store.takeNextTask(operator: "anna", groups: ["sales"], callID: "call-3", now: morning), "11:00 has not come; the todo is not for next")
        XCTAssertEqual(try store.nextTaskDue(operator: "anna", groups: ["sales"], now: morning)?.dueAt, local("2026-12-01T09:00").instant(in: kyiv),
                       "the held ones come first in 'when is the next one'")
    }

    func testAHoldIsRenewedByAnswersAndALapsedHoldReturnsTheTask() throws {
        let store = try makeKyivStore()
        let card = try store.createCard()
        let task = try callback(store, card: card.id, due: "2026-12-01T09:00")
        XCTAssertEqual(try store.takeNextTask(operator: "anna", groups: [], callID: "c1", now: morning)?.id, task.id)
        try store.renewHold(task: task.id, callID: "c1", now: morning.addingTimeInterval(1700))
        XCTAssertNil(try store.takeNextTask(operator: "anna", groups: [], callID: "c2", now: morning.addingTimeInterval(1900)), "renewed at 10:28")
        XCTAssertThrowsError(try store.takeTask(task.id, operator: "boris", callID: "c2", now: morning.addingTimeInterval(1900))) {
            guard case .takenByOther(let id, let by, _, _)? = $0 as? TaskStoreError else { return XCTFail("\($0)") }
            XCTAssertEqual([id, by], [task.id, "anna"])
        }
        let lapsed = morning.addingTimeInterval(1700 + 1801)
        XCTAssertNil(try store.task(task.id, now: lapsed)?.takenBy, "a lapsed hold reads as none")
        XCTAssertEqual(try store.takeNextTask(operator: "anna", groups: [], callID: "c3", now: lapsed)?.id, task.id)
        XCTAssertEqual(try store.taskWorked(byCall: "c1"), task.id)
        XCTAssertEqual(try store.taskWorked(byCall: "c3"), task.id)
        try store.releaseTask(task.id, callID: "c3")
        XCTAssertNil(try store.task(task.id, now: lapsed)?.takenBy)
        XCTAssertNil(try store.taskWorked(byCall: "c3"), "a call that never started is no attempt")
    }

    func testTheSameCallTakesItsTaskAgainOnResume() throws {
        let store = try makeKyivStore()
        let card = try store.createCard()
        let task = try callback(store, card: card.id, due: "2026-12-01T09:00")
        _ = try store.takeTask(task.id, operator: "anna", callID: "c1", now: morning)
        XCTAssertEqual(try store.takeTask(task.id, operator: "anna", callID: "c1", now: morning.addingTimeInterval(60)).heldUntil,
                       morning.addingTimeInterval(60 + 1800))
    }

    // MARK: Settling with the call

    func store(_ store: CardStore, call id: String, card: String, outcome: String, reason: String? = nil, task: String?, made: [NewTask] = [],
               retry: [String: RetryRule] = ["no_answer": RetryRule(afterSeconds: 7200, maxAttempts: 2)], at end: Date) throws -> StoreCallResult {
        let record = CallRecord(id: id, cardId: card, operator: "anna", scriptId: "follow_up", startedAt: end.addingTimeInterval(-60), endedAt: end, outcome: outcome)
        return try store.storeCall(record, cardChanges: [:], baseline: nil, transitions: nil,
                                   worked: task.map { TaskCallEnd(taskID: $0, outcome: outcome, reason: reason, retry: retry) }, made: made)
    }

    func testACallEndsItsTaskDoneOrRetriesOrCancelsOrReopens() throws {
        let db = try makeKyivStore()
        let card = try db.createCard()
        let task = try callback(db, card: card.id, due: "2026-12-01T09:00")
        _ = try db.takeNextTask(operator: "anna", groups: [], callID: "c1", now: morning)
        let first = try store(db, call: "c1", card: card.id, outcome: "hangup", reason: "no_answer", task: task.id, at: morning)
        XCTAssertEqual(first.task, .retried(morning.addingTimeInterval(7200), rule: "no_answer"))
        var now = try XCTUnwrap(try db.task(task.id, now: morning))
        XCTAssertEqual([now.status.rawValue, "\(now.attempts)"], ["open", "1"])
        XCTAssertNil(now.takenBy, "the hold is given back")
        XCTAssertEqual(now.dueAt, morning.addingTimeInterval(7200))

        let later = morning.addingTimeInterval(7300)
        _ = try db.takeNextTask(operator: "anna", groups: [], callID: "c2", now: later)
        XCTAssertEqual(try store(db, call: "c2", card: card.id, outcome: "abandoned", task: task.id, at: later).task, .reopened)
        now = try XCTUnwrap(try db.task(task.id, now: later))
        XCTAssertEqual([now.status.rawValue, "\(now.attempts)"], ["open", "2"], "an abandoned call counts but changes nothing else")
        XCTAssertEqual(now.dueAt, morning.addingTimeInterval(7200))

        _ = try db.takeNextTask(operator: "anna", groups: [], callID: "c3", now: later)
        XCTAssertEqual(try store(db, call: "c3", card: card.id, outcome: "hangup", reason: "no_answer", task: task.id, at: later).task, .cancelled(rule: "no_answer"))
        now = try XCTUnwrap(try db.task(task.id, now: later))
        XCTAssertEqual([now.status.rawValue, "\(now.attempts)", now.closedBy ?? "-"], ["cancelled", "3", "c3"])
        XCTAssertEqual(now.note, "cancelled: no_answer after 3 attempts")

        let other = try callback(db, card: card.id, due: "2026-12-01T09:30")
        _ = try db.takeTask(other.id, operator: "anna", callID: "c4", now: later)
        XCTAssertEqual(try store(db, call: "c4", card: card.id, outcome: "agreed", task: other.id, at: later).task, .done)
        let done = try XCTUnwrap(try db.task(other.id, now: later))
        XCTAssertEqual([done.status.rawValue, "\(done.attempts)", done.closedBy ?? "-"], ["done", "1", "c4"])
        XCTAssertEqual(done.closedAt, later)
    }

    func testAnOutcomeUnderRetryIsRetriedLikeAHangupReason() throws {
        let db = try makeKyivStore()
        let card = try db.createCard()
        let task = try callback(db, card: card.id, due: "2026-12-01T09:00")
        _ = try db.takeTask(task.id, operator: "anna", callID: "c1", now: morning)
        let result = try store(db, call: "c1", card: card.id, outcome: "busy", task: task.id, retry: ["busy": RetryRule(afterSeconds: 900, maxAttempts: 5)], at: morning)
        XCTAssertEqual(result.task, .retried(morning.addingTimeInterval(900), rule: "busy"))
    }

    func testTasksMadeByACallAreStoredWithItAndNotWithoutIt() throws {
        let db = try makeKyivStore()
        let card = try db.createCard()
        let made = NewTask(cardID: card.id, due: local("2026-12-03T10:00"), group: "senior", handover: ["Budget?: 500"])
        let result = try store(db, call: "c1", card: card.id, outcome: "transfer", task: nil, made: [made], at: morning)
        XCTAssertEqual(result.madeTasks, ["T000001"])
        XCTAssertEqual(try db.task("T000001")?.createdBy, "c1")
        XCTAssertEqual(try db.task("T000001")?.handover, ["Budget?: 500"])
        // A task for a card that is not there fails the whole call: nothing half-stored.
        let broken = NewTask(cardID: "C000099", due: local("2026-12-03T10:00"), assignee: "anna")
        XCTAssertThrowsError(try store(db, call: "c2", card: card.id, outcome: "sale", task: nil, made: [broken], at: morning))
        XCTAssertNil(try db.call("c2"))
        XCTAssertEqual(try db.taskCount(), 1)
    }

    // MARK: The report

    /// Hand-computed: five tasks made on 2026-12-01, at 2026-12-03 12:00 Kyiv.
    /// anna: T1 done on time (closed 12-01 10:00, due 12-01 11:00), T2 done
    ///       late (closed 12-01 12:00, due 12-01 11:00), T3 open, due 12-02
    ///       09:00, 0 attempts: 1d 3h late, not called back.
    /// senior (group): T4 cancelled (1 attempt), T5 open due 12-03 11:00
    ///       with 1 attempt: 1 h late.
    /// Made 5, done 2, on time 1, overdue 2, cancelled 1, attempts 1+1+0+1+1
    /// = 4, mean 0.8.
    func testTheTaskReportMatchesAHandComputedDay() throws {
        let db = try makeKyivStore()
        let card = try db.createCard(["name": .string("Olga")])
        let retry: [String: RetryRule] = [:]
        let t1 = try callback(db, card: card.id, due: "2026-12-01T11:00")
        let t2 = try callback(db, card: card.id, due: "2026-12-01T11:00")
        let t3 = try callback(db, card: card.id, due: "2026-12-02T09:00")
        let t4 = try callback(db, card: card.id, due: "2026-12-01T11:00", to: nil, group: "senior")
        let t5 = try callback(db, card: card.id, due: "2026-12-03T11:00", to: nil, group: "senior")
        _ = try db.takeTask(t1.id, operator: "anna", callID: "c1", now: morning)
        _ = try store(db, call: "c1", card: card.id, outcome: "agreed", task: t1.id, retry: retry, at: morning)
        _ = try db.takeTask(t2.id, operator: "anna", callID: "c2", now: morning)
        _ = try store(db, call: "c2", card: card.id, outcome: "agreed", task: t2.id, retry: retry, at: morning.addingTimeInterval(7200))
        _ = try db.takeTask(t4.id, operator: "boris", callID: "c4", now: morning)
        _ = try store(db, call: "c4", card: card.id, outcome: "hangup", reason: "busy", task: t4.id,
                      retry: ["busy": RetryRule(afterSeconds: 60, maxAttempts: 1)], at: morning)
        _ = try db.takeTask(t5.id, operator: "boris", callID: "c5", now: morning)
        _ = try store(db, call: "c5", card: card.id, outcome: "abandoned", task: t5.id, retry: retry, at: morning)
        let now = local("2026-12-03T12:00").instant(in: kyiv)

        let all = try db.taskReport(sinceDay: "2026-12-01", untilDay: "2026-12-01", now: now)
        XCTAssertEqual(all.rows.count, 1)
        let row = all.rows[0]
        XCTAssertEqual([row.made, row.done, row.doneOnTime, row.overdueNow, row.cancelled, row.attempts], [5, 2, 1, 2, 1, 4])
        XCTAssertEqual(row.meanAttempts, Decimal(string: "0.8"))
        XCTAssertEqual(all.overdue.map(\.task.id), [t3.id, t5.id], "the longest overdue first")
        XCTAssertEqual(all.overdue.map(\.lateSeconds), [27 * 3600, 3600])
        XCTAssertEqual(all.overdue.map(\.notCalledBack), [true, false])

        let byOperator = try db.taskReport(by: .operator, now: now)
        XCTAssertEqual(byOperator.rows.map { $0.key ?? "" }, ["anna", "group:senior"])
        XCTAssertEqual(byOperator.rows.map(\.made), [3, 2])
        XCTAssertEqual(byOperator.rows.map(\.meanAttempts), [Decimal(string: "0.7"), Decimal(1)], "2/3 rounds to 0.7")
        let byGroup = try db.taskReport(by: .group, now: now)
        XCTAssertEqual(byGroup.rows.map { $0.key ?? "" }, ["-", "senior"])
        XCTAssertEqual(try db.taskReport(sinceDay: "2026-12-02", now: now).rows.map(\.made), [0], "nothing made since")
    }
}
