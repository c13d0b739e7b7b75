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
}
