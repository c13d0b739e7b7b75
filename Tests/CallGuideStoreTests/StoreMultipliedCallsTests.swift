import CallGuide
@testable import CallGuideStore
import Foundation
import XCTest

/// `ScaleData.multiplyCalls`, the reports benchmark's million calls: each
/// copy is a call of its own, with its answers, offers and task calls, a
/// card of its own, and its days moved back, so the reports count it. On
/// SQLite only: on PostgreSQL it needs a superuser (which the tests' login
/// is not, on purpose); `callguide-bench reports --quick` runs it there.
final class StoreMultipliedCallsTests: StoreTestCase {
    func testEveryCopyHasItsOwnIdsCardAndDayAndTheReportsCountIt() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        let card = try store.createCard([:]).id
        try store.storeCall(record("1", card: card, offers: [true]), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        try store.storeCall(record("2", card: nil, operator: "petr"), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)

        XCTAssertEqual(try ScaleData.multiplyCalls(location: storeLocation(), copies: 2), 6)
        let calls = try store.db.query("SELECT id, card_id, started_day, seq FROM calls ORDER BY seq").map { $0.values.map(\.string) }
        XCTAssertEqual(calls.map { $0[0] }, ["1", "2", "1-1", "2-1", "1-2", "2-2"])
        XCTAssertEqual(calls.map { $0[1] }, [card, nil, card + "-1", nil, card + "-2", nil])
        // 2024-05-01 moved back one and two days.
        XCTAssertEqual(calls.map { $0[2] }, ["2024-05-01", "2024-05-01", "2024-04-30", "2024-04-30", "2024-04-29", "2024-04-29"])
        XCTAssertEqual(try store.report(groupBy: .operator).map(\.calls), [3, 3])
        XCTAssertEqual(try store.report(CallFilter(sinceDay: "2024-04-30")).first?.calls, 4)
        XCTAssertEqual(try store.offerReport().map(\.made), [3])
        let answerDays = try store.db.query("SELECT started_day FROM call_answers ORDER BY call_seq").map { $0[0].string }
        XCTAssertEqual(answerDays, ["2024-05-01", "2024-05-01", "2024-04-30", "2024-04-30", "2024-04-29", "2024-04-29"])
    }
}
