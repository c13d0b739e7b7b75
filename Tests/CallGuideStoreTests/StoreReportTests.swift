import CallGuide
import CallGuideStore
import Foundation
import XCTest

class StoreReportTests: StoreTestCase {
    func testFiguresPerOperatorAndOverall() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        let day1 = Date(timeIntervalSince1970: 1_714_550_400)  // 2024-05-01 08:00 UTC
        let day2 = day1.addingTimeInterval(86_400)
        let calls = [
            record("1", card: nil, operator: "olga", start: day1, seconds: 60, converted: true, nps: 10, offers: [true, false]),
            record("2", card: nil, operator: "olga", start: day1, seconds: 120, outcome: "converted", nps: 9),
            record("3", card: nil, operator: "olga", start: day2, seconds: 30, outcome: "no_answer", nps: 3, offers: [false]),
            record("4", card: nil, operator: "petr", start: day2, seconds: 90, outcome: "callback", nps: 7),
            record("5", card: nil, operator: "petr", start: day2, seconds: 30, outcome: "callback"),
        ]
        for call in calls { try store.storeCall(call, cardChanges: [:], cardRevisionAtStart: nil, transitions: nil) }

        let overall = try XCTUnwrap(store.report().first)
        XCTAssertNil(overall.key)
        XCTAssertEqual(overall.calls, 5)
        XCTAssertEqual(overall.meanDurationSeconds, 66, accuracy: 0.001)
        XCTAssertEqual(overall.conversions, 2)
        XCTAssertEqual(overall.offersMade, 3)
        XCTAssertEqual(overall.offersAccepted, 1)
        XCTAssertEqual(try XCTUnwrap(overall.acceptanceRate), 1.0 / 3, accuracy: 0.001)
        XCTAssertEqual(overall.npsAnswers, 4)
        XCTAssertEqual(overall.promoters, 2)
        XCTAssertEqual(overall.passives, 1)
        XCTAssertEqual(overall.detractors, 1)
        XCTAssertEqual(try XCTUnwrap(overall.nps), 25, accuracy: 0.001)

        let byOperator = try store.report(groupBy: .operator)
        XCTAssertEqual(byOperator.map(\.key), ["olga", "petr"])
        XCTAssertEqual(byOperator.map(\.calls), [3, 2])
        XCTAssertEqual(try XCTUnwrap(byOperator[0].nps), (2.0 - 1.0) * 100 / 3, accuracy: 0.001)
        XCTAssertEqual(byOperator[1].nps, 0)

        XCTAssertEqual(try store.report(groupBy: .day).map(\.key), ["2024-05-01", "2024-05-02"])
        XCTAssertEqual(try store.report(CallFilter(sinceDay: "2024-05-02"), groupBy: .script).map(\.calls), [3])
        let petrNoNPS = try store.report(CallFilter(operator: "petr", script: "order"))
        XCTAssertEqual(petrNoNPS.first?.calls, 2)
    }

    /// Issue 15, one day one clock: a call taken at 01:30 in Vladivostok
    /// (UTC+10) is on that day, though the store's zone (UTC) is still on
    /// the day before; a call stored without its clock keeps the store's.
    func testACallsDayIsItsLocalDayWhereItWasTaken() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        let start = Date(timeIntervalSince1970: 1_773_156_600)  // 2026-03-10 15:30 UTC = 2026-03-11 01:30 +10:00
        var far = record("far", card: nil, start: start)
        far.utcOffsetSeconds = 36_000
        try store.storeCall(far, cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        try store.storeCall(record("old", card: nil, start: start), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)

        XCTAssertEqual(try store.report(groupBy: .day).map(\.key), ["2026-03-10", "2026-03-11"])
        XCTAssertEqual(try store.calls(CallFilter(sinceDay: "2026-03-11")).map(\.id), ["far"])
        XCTAssertEqual(try store.calls(CallFilter(untilDay: "2026-03-10")).map(\.id), ["old"])
        let stored = try XCTUnwrap(store.call("far"))
        XCTAssertEqual(stored.utcOffsetSeconds, 36_000)
        XCTAssertEqual(store.clock(of: stored).isoText(stored.startedAt), "2026-03-11T01:30:00+10:00")
        XCTAssertEqual(store.clock(of: try XCTUnwrap(store.call("old"))).isoText(start), "2026-03-10T15:30:00+00:00")
    }

    func testAReportOfNoCallsHasNoNPS() throws {
        let row = try XCTUnwrap(makeStore().report().first)
        XCTAssertEqual(row.calls, 0)
        XCTAssertNil(row.nps)
        XCTAssertNil(row.acceptanceRate)
        XCTAssertNil(row.conversionRate)
    }
}
