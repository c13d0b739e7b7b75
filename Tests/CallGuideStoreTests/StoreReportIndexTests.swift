@testable import CallGuideStore
import Foundation
import XCTest

/// The overview report over a million calls reads one covering index
/// (migration 8), not the calls table whose rows carry each call's answers:
/// SQLite's own query plan says which it reads.
final class StoreReportIndexTests: StoreTestCase {
    func testAPeriodsFiguresPerOperatorReadOnlyTheCoveringIndex() throws {
        let store = try makeStore()
        let plan = try store.db.query(
            """
            EXPLAIN QUERY PLAN
            SELECT operator, count(*), avg(duration), sum(converted), sum(offers_made), sum(offers_accepted), count(nps_score)
            FROM calls WHERE started_day BETWEEN ? AND ? AND script_id = ? AND outcome != ''
            GROUP BY operator
            """, [.text("2026-01-01"), .text("2026-01-31"), .text("order")])
        let details = plan.compactMap { $0[3].string }
        XCTAssertTrue(details.contains { $0.contains("USING COVERING INDEX calls_report") }, "\(details)")
    }

    /// `report answers` and `report offers` count their own tables'
    /// covering indexes (migration 9), never looking up a row's call.
    func testAnswersAndOffersOfAPeriodReadTheirOwnIndexesAndNoCall() throws {
        let store = try makeStore()
        let answers = try plan(store, """
            SELECT operator, value, count(*) FROM call_answers
            WHERE started_day >= ? AND started_day <= ? AND script_id IN (?, ?) AND node = ? GROUP BY operator, value
            """, 5)
        XCTAssertTrue(answers.contains { $0.contains("USING COVERING INDEX call_answers_report") }, "\(answers)")
        XCTAssertFalse(answers.contains { $0.contains("calls") }, "\(answers)")
        let offers = try plan(store, """
            SELECT node, sku, price, count(*), sum(accepted) FROM call_offers
            WHERE started_day >= ? AND operator = ? GROUP BY node, sku, price ORDER BY node, sku, price
            """, 2)
        XCTAssertEqual(offers, ["SCAN call_offers USING COVERING INDEX call_offers_report"])
    }

    /// `report repeat` reads the calls in card order and finds each one's
    /// next call and whether a task made it in the same index
    /// (`calls_card` holds the call's id and the filter's columns).
    func testRepeatLooksUpTheNextCallInAnIndexOnly() throws {
        let store = try makeStore()
        let repeated = try plan(store, """
            SELECT count(*), sum(CASE WHEN card_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM calls n WHERE n.card_id = calls.card_id AND n.started_at <= calls.started_at + ?
                    AND (n.started_at > calls.started_at OR (n.started_at = calls.started_at AND n.seq > calls.seq))
                    AND NOT EXISTS (SELECT 1 FROM task_calls t WHERE t.call_id = n.id)) THEN 1 ELSE 0 END)
            FROM calls INDEXED BY calls_card WHERE started_day >= ? AND started_day <= ? AND operator = ?
            """, 4)
        XCTAssertTrue(repeated.contains { $0.contains("SEARCH n USING COVERING INDEX calls_card") }, "\(repeated)")
        XCTAssertTrue(repeated.contains { $0.contains("SCAN calls USING COVERING INDEX calls_card") }, "\(repeated)")
    }

    private func plan(_ store: CardStore, _ sql: String, _ parameters: Int) throws -> [String] {
        try store.db.query("EXPLAIN QUERY PLAN " + sql, Array(repeating: SQLValue.text("x"), count: parameters)).compactMap { $0[3].string }
    }
}
