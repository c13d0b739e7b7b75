@testable import CallGuide
import XCTest

/// `datetime` answers, relative dates and the calendar arithmetic behind
/// `add_days`/`add_minutes` (workflow, section 2.4).
final class DateTimeAnswerTests: XCTestCase {
    let here = SourceLocation(line: 1, column: 1)
    let today = "2026-12-30"

    func question(_ type: AnswerType) -> Question {
        Question(text: LocalizedText(template: Template(plainText: "?"), position: ScalarPosition(start: here, textColumn: nil)), type: type)
    }

    func parsed(_ line: String, _ type: AnswerType, today: String? = nil) -> Result<Value, AnswerRejection> {
        AnswerParser.parse(line, for: question(type), language: nil, fallback: nil, today: today ?? self.today)
    }

    func value(_ line: String, _ type: AnswerType, file: StaticString = #filePath, line number: UInt = #line) -> String? {
        switch parsed(line, type) {
        case .success(.string(let text)): return text
        case .success(let other): XCTFail("'\(line)' gave \(other)", file: file, line: number)
        case .failure(let rejection): XCTFail("'\(line)' rejected: \(rejection.message)", file: file, line: number)
        }
        return nil
    }

    func rejection(_ line: String, _ type: AnswerType) -> String? {
        if case .failure(let rejection) = parsed(line, type) { return rejection.message }
        return nil
    }

    func testDatetimeTakesEveryWrittenForm() {
        XCTAssertEqual(value("2027-01-05 09:30", .datetime), "2027-01-05T09:30")
        XCTAssertEqual(value("5.1.2027 9:30", .datetime), "2027-01-05T09:30")
        XCTAssertEqual(value("05.01.2027 23:59", .datetime), "2027-01-05T23:59")
        XCTAssertEqual(value("2027-01-05T09:30", .datetime), "2027-01-05T09:30")
        XCTAssertEqual(value("  today 18:00 ", .datetime), "2026-12-30T18:00")
        XCTAssertEqual(value("Tomorrow 10:00", .datetime), "2026-12-31T10:00")
        XCTAssertEqual(value("+2 8:15", .datetime), "2027-01-01T08:15")
        XCTAssertEqual(value("сегодня 12:00", .datetime), "2026-12-30T12:00")
        XCTAssertEqual(value("ЗАВТРА 12:00", .datetime), "2026-12-31T12:00")
        XCTAssertEqual(value("сьогодні 07:05", .datetime), "2026-12-30T07:05")
    }

    func testDatetimeRefusesWhatIsNoMoment() {
        XCTAssertEqual(rejection("tomorrow", .datetime), "expected a time too, e.g. tomorrow 10:30")
        XCTAssertEqual(rejection("2027-01-05", .datetime), "expected a time too, e.g. 2027-01-05 10:30")
        for line in ["2027-01-05 24:00", "2027-01-05 9:60", "2027-02-30 10:00", "yesterday 10:00", "10:00", "+ 10:00", "+1x 10:00", "2027-01-05 10.00"] {
            XCTAssertNotNil(rejection(line, .datetime), line)
        }
        XCTAssertEqual(rejection("soon", .datetime),
                       "expected a date and time as YYYY-MM-DD HH:MM, DD.MM.YYYY HH:MM, today HH:MM, tomorrow HH:MM or +N HH:MM")
    }

    func testDateTakesRelativeWordsCountedFromTheCallsDay() {
        XCTAssertEqual(value("today", .date), "2026-12-30")
        XCTAssertEqual(value("tomorrow", .date), "2026-12-31")
        XCTAssertEqual(value("+3", .date), "2027-01-02")
        XCTAssertEqual(value("+0", .date), "2026-12-30")
        XCTAssertEqual(value("Завтра", .date), "2026-12-31")
        XCTAssertEqual(value("сьогодні", .date), "2026-12-30")
        XCTAssertNotNil(rejection("-1", .date))
        XCTAssertNotNil(rejection("+999999", .date))
        // Without the call's date, a relative date is refused, never guessed.
        if case .success(let value) = parsed("tomorrow", .date, today: "") { XCTFail("took \(value)") }
    }

    func testCalendarArithmeticCrossesMonthsYearsAndLeapDays() throws {
        let date = try XCTUnwrap(CalendarDate(isoText: "2028-02-28"))
        XCTAssertEqual(date.adding(days: 1)?.description, "2028-02-29")
        XCTAssertEqual(date.adding(days: 2)?.description, "2028-03-01")
        XCTAssertEqual(date.adding(days: -59)?.description, "2027-12-31")
        XCTAssertNil(CalendarDate(isoText: "9999-12-31")?.adding(days: 1))
        XCTAssertNil(date.adding(days: Int.max))
        // dayNumber and init(dayNumber:) are inverses over the whole calendar.
        for text in ["0001-01-01", "1600-02-29", "1900-03-01", "2000-02-29", "2026-12-31", "9999-12-31"] {
            let day = try XCTUnwrap(CalendarDate(isoText: text))
            XCTAssertEqual(CalendarDate(dayNumber: day.dayNumber), day, text)
        }
        let moment = try XCTUnwrap(LocalDateTime(isoText: "2026-12-31T23:30"))
        XCTAssertEqual(moment.adding(minutes: 45)?.description, "2027-01-01T00:15")
        XCTAssertEqual(moment.adding(minutes: -24 * 60)?.description, "2026-12-30T23:30")
        XCTAssertTrue(moment < moment.adding(minutes: 1)!)
        XCTAssertNil(LocalDateTime(isoText: "2026-12-31 23:30"))
        XCTAssertEqual(LocalDateTime(dateOrDateTime: "2026-12-31")?.description, "2026-12-31T00:00")
    }
}
