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

    func testAReportOfNoCallsHasNoNPS() throws {
        let row = try XCTUnwrap(makeStore().report().first)
        XCTAssertEqual(row.calls, 0)
        XCTAssertNil(row.nps)
        XCTAssertNil(row.acceptanceRate)
        XCTAssertNil(row.conversionRate)
    }
}
