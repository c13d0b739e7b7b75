import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// `report repeat` (reports.md 2) on hand-made calls.
class StoreRepeatReportTests: StoreTestCase {
    let t0 = Date(timeIntervalSince1970: 1_714_550_400)  // 2024-05-01 08:00 UTC

    /// Card A: a1 at t0, a2 at t0 + 2 days, a3 at t0 + 10 days.
    /// Card B: b1 at t0, b2 at t0 + 1 day made for a callback task.
    /// c1 at t0 with no card.
    func storeCalls() throws -> CardStore {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        let a = try store.createCard([:]).id
        let b = try store.createCard([:]).id
        let day = { (n: Double) in self.t0.addingTimeInterval(n * 86_400) }
        for (id, card, start) in [("a1", a, day(0)), ("a2", a, day(2)), ("a3", a, day(10)), ("b1", b, day(0)), ("c1", nil, day(0))] {
            try store.storeCall(record(id, card: card, start: start), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        }
        let task = try store.addTask(NewTask(cardID: b, due: LocalDateTime(startOf: CalendarDate(isoText: "2024-05-02")!), assignee: "olga"), now: day(0))
        _ = try store.takeTask(task.id, operator: "olga", callID: "b2", now: day(1))
        try store.storeCall(record("b2", card: b, start: day(1)), cardChanges: [:], baseline: nil, transitions: nil,
                            worked: TaskCallEnd(taskID: task.id, outcome: "sale", reason: nil, retry: [:]))
        return store
    }

    func testACallFollowedWithinTheWindowIsARepeatUnlessTheNextCallWasPlanned() throws {
        let store = try storeCalls()
        // 7 days: a1 is followed by a2 (2 days); a2 by a3 only after 8 days; b1's
        // follower b2 was a callback task; c1 has no card. 1 of 5 calls with a card.
        let week = try store.repeatReport()
        XCTAssertEqual(week, RepeatReport(days: 7, calls: 6, withoutCard: 1, repeated: 1))
        XCTAssertEqual(week.share, 0.2)
        // 10 days: a2 -> a3 (8 days) counts too: 2 of 5.
        XCTAssertEqual(try store.repeatReport(days: 10).repeated, 2)
        // The period holds a2 alone (2024-05-03); its follower a3 is after it and still counts.
        XCTAssertEqual(try store.repeatReport(CallFilter(sinceDay: "2024-05-03", untilDay: "2024-05-03"), days: 10),
                       RepeatReport(days: 10, calls: 1, withoutCard: 0, repeated: 1))
    }

    /// Card D: d1 at t0; d2 at t0 + 1 day for a task; d3 at t0 + 3 days;
    /// d4 and d5 both at t0 + 20 days. A planned call in between does not
    /// hide the unplanned one after it; a planned call is itself repeated
    /// by an unplanned one; of two calls started together, the one stored
    /// later follows the other.
    func testTheNextUnplannedCallCountsPastAPlannedOneAndTiesGoByStoreOrder() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        let d = try store.createCard([:]).id
        let day = { (n: Double) in self.t0.addingTimeInterval(n * 86_400) }
        try store.storeCall(record("d1", card: d, start: day(0)), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        let task = try store.addTask(NewTask(cardID: d, due: LocalDateTime(startOf: CalendarDate(isoText: "2024-05-02")!), assignee: "olga"), now: day(0))
        _ = try store.takeTask(task.id, operator: "olga", callID: "d2", now: day(1))
        try store.storeCall(record("d2", card: d, start: day(1)), cardChanges: [:], baseline: nil, transitions: nil,
                            worked: TaskCallEnd(taskID: task.id, outcome: "sale", reason: nil, retry: [:]))
        for (id, start) in [("d3", day(3)), ("d4", day(20)), ("d5", day(20))] {
            try store.storeCall(record(id, card: d, start: start), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        }
        // d1 -> d3 (3 days, past the planned d2), d2 -> d3, d4 -> d5; not d3 (17 days) nor d5.
        XCTAssertEqual(try store.repeatReport(), RepeatReport(days: 7, calls: 5, withoutCard: 0, repeated: 3))
        // The last day alone: d4 and d5, and only d4 is followed.
        XCTAssertEqual(try store.repeatReport(CallFilter(sinceDay: "2024-05-21")), RepeatReport(days: 7, calls: 2, withoutCard: 0, repeated: 1))
    }

    func testAnEmptyPeriodHasNoShare() throws {
        let report = try storeCalls().repeatReport(CallFilter(sinceDay: "2030-01-01"))
        XCTAssertEqual(report, RepeatReport(days: 7, calls: 0, withoutCard: 0, repeated: 0))
        XCTAssertNil(report.share)
    }
}
