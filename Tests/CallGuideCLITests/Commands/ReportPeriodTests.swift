import CallGuide
import XCTest

@testable import CallGuideCLI

/// `--since`/`--until` words read against a fixed "today" (reports.md 1).
final class ReportPeriodTests: XCTestCase {
    let today = CalendarDate(year: 2026, month: 3, day: 3)!

    func period(_ since: String?, _ until: String?) throws -> ReportPeriod {
        try ReportPeriod.parse(since: since, until: until, today: today, command: "report")
    }

    func testEachNameAsSinceAndUntil() throws {
        // 2026-03-03: 7d goes back over the end of February (28 days in 2026).
        XCTAssertEqual(try period("today", "today"), ReportPeriod(since: today, until: today))
        XCTAssertEqual(try period("yesterday", "yesterday").sinceDay, "2026-03-02")
        XCTAssertEqual(try period("yesterday", "yesterday").untilDay, "2026-03-02")
        XCTAssertEqual(try period("7d", nil).sinceDay, "2026-02-25")
        XCTAssertEqual(try period("30d", nil).sinceDay, "2026-02-02")
        XCTAssertEqual(try period("this-month", nil).sinceDay, "2026-03-01")
        XCTAssertEqual(try period(nil, "7d").untilDay, "2026-03-03")
        XCTAssertEqual(try period(nil, "this-month").untilDay, "2026-03-03")
        XCTAssertEqual(try period("2026-01-31", "2026-02-01"), ReportPeriod(since: CalendarDate(year: 2026, month: 1, day: 31), until: CalendarDate(year: 2026, month: 2, day: 1)))
        XCTAssertEqual(try period(nil, nil), ReportPeriod(since: nil, until: nil))
    }

    func testThisMonthOnTheFirstIsOneDay() throws {
        let first = CalendarDate(year: 2026, month: 1, day: 1)!
        let period = try ReportPeriod.parse(since: "this-month", until: nil, today: first, command: "calls")
        XCTAssertEqual(period.since, first)
        XCTAssertEqual(try ReportPeriod.parse(since: "yesterday", until: nil, today: first, command: "calls").sinceDay, "2025-12-31")
    }

    func testUnknownWordIsAUsageErrorNamingTheOption() {
        XCTAssertThrowsError(try period("last-week", nil)) { error in
            guard case CommandError.usage(let command, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(command, "report")
            XCTAssertTrue(message.contains("'--since'") && message.contains("'last-week'") && message.contains("this-month"), message)
        }
        XCTAssertThrowsError(try period(nil, "2026-02-30"))
        XCTAssertThrowsError(try period(nil, "7D"))
    }

    func testSinceAfterUntilIsAUsageError() throws {
        XCTAssertThrowsError(try period("today", "yesterday")) { error in
            guard case CommandError.usage(_, let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("2026-03-03") && message.contains("2026-03-02") && message.contains("is after"), message)
        }
        XCTAssertThrowsError(try period("2026-03-05", "7d"))
        // The same day at both ends is one day, not an error.
        XCTAssertEqual(try period("7d", "2026-02-25").untilDay, "2026-02-25")
    }
}
