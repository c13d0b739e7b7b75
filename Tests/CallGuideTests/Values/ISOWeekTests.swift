import CallGuide
import XCTest

final class ISOWeekTests: XCTestCase {
    func testWeeksBelongToTheYearOfTheirThursday() throws {
        // Checked against Python's date.isocalendar(): 2024-12-29 is a Sunday
        // of 2024-W52, the next day a Monday of 2025-W01; 2021-01-03 (Sunday)
        // is still 2020-W53; 2026-12-31 (Thursday) is 2026-W53.
        let cases = [("2024-12-29", "2024-W52", 7), ("2024-12-30", "2025-W01", 1), ("2021-01-03", "2020-W53", 7),
                     ("2026-12-31", "2026-W53", 4), ("2024-01-01", "2024-W01", 1)]
        for (day, week, weekday) in cases {
            let date = try XCTUnwrap(CalendarDate(isoText: day))
            XCTAssertEqual(date.isoWeek, week, day)
            XCTAssertEqual(date.isoWeekday, weekday, day)
        }
        XCTAssertEqual(CalendarDate(isoText: "2024-05-31")?.monthText, "2024-05")
    }
}
