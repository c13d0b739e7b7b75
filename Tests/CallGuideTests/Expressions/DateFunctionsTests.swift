@testable import CallGuide
import XCTest

/// `now()`, `add_days`, `add_minutes` and comparisons of dates and
/// datetimes, evaluated and type-checked (workflow, section 2.4).
final class DateFunctionsTests: XCTestCase {
    struct Clock: EvaluationContext {
        var today = "2026-12-30"
        var now = "2026-12-30T16:45"
        func value(of name: QualifiedName) -> Value { .null }
        func isAnswered(_ node: String) -> Bool { false }
    }

    func evaluated(_ source: String) throws -> Value {
        try ExpressionParser.parse(source).evaluate(in: Clock())
    }

    func problems(_ source: String, _ environment: TestEnvironment = TestEnvironment()) throws -> [String] {
        ExpressionTypeChecker.check(try ExpressionParser.parse(source), expecting: nil, in: environment).problems.map(\.message)
    }

    func type(_ source: String) throws -> ValueType {
        ExpressionTypeChecker.check(try ExpressionParser.parse(source), expecting: nil, in: TestEnvironment()).type
    }

    func testNowIsTheCallsLocalStart() throws {
        XCTAssertEqual(try evaluated("now()"), .string("2026-12-30T16:45"))
        // A context without a clock of its own: today at 00:00.
        XCTAssertEqual(try ExpressionParser.parse("now()").evaluate(in: TestContext()), .string("2024-03-15T00:00"))
    }

    func testAddDaysKeepsDatesDatesAndDatetimesDatetimes() throws {
        XCTAssertEqual(try evaluated("add_days(today(), 2)"), .string("2027-01-01"))
        XCTAssertEqual(try evaluated("add_days(now(), -1)"), .string("2026-12-29T16:45"))
        XCTAssertEqual(try evaluated("add_minutes(now(), 90)"), .string("2026-12-30T18:15"))
        XCTAssertEqual(try evaluated("add_minutes('2026-12-31T23:59', 1)"), .string("2027-01-01T00:00"))
        XCTAssertEqual(try evaluated("add_days(null, 1)"), .null)
        XCTAssertThrowsError(try evaluated("add_days('soon', 1)"))
        XCTAssertThrowsError(try evaluated("add_days(today(), 1.5)"))
        XCTAssertThrowsError(try evaluated("add_days('9999-12-31', 1)"))
    }

    func testDatesAndDatetimesCompareInTimeOrder() throws {
        XCTAssertEqual(try evaluated("add_minutes(now(), 1) > now()"), .bool(true))
        XCTAssertEqual(try evaluated("add_days(today(), 1) > today()"), .bool(true))
        XCTAssertEqual(try evaluated("'2026-12-30T09:00' < '2026-12-30T10:00'"), .bool(true))
    }

    func testTheCheckerTypesTheFunctions() throws {
        XCTAssertEqual(try type("now()"), .datetime)
        XCTAssertEqual(try type("add_days(today(), 1)"), .date)
        XCTAssertEqual(try type("add_days(now(), 1)"), .datetime)
        XCTAssertEqual(try type("add_minutes(now(), 30)"), .datetime)
        XCTAssertEqual(try problems("add_minutes(birthday, 30)"), ["add_minutes() needs a datetime first, but this is a date"])
        XCTAssertEqual(try problems("add_days(budget, 1)"), ["add_days() needs a date or a datetime first, but this is a number"])
        XCTAssertEqual(try problems("add_days(today(), 'one')"), ["add_days() needs a whole number second, but this is a text"])
        XCTAssertEqual(try problems("add_days('2026-02-30', 1)"), ["'2026-02-30' is not a date or datetime; write YYYY-MM-DD or YYYY-MM-DDTHH:MM"])
        XCTAssertEqual(try problems("now(1)"), ["now() takes 0 arguments, but got 1"])
    }

    func testADateIsNotComparedWithADatetime() throws {
        XCTAssertEqual(try problems("now() > today()"),
                       ["'>' compares dates with dates and datetimes with datetimes, but this is a date and time and a date"])
        XCTAssertEqual(try problems("now() > today() + 'T00:00'"), [])
        XCTAssertEqual(try problems("birthday < today()"), [])
        XCTAssertEqual(try problems("add_minutes(now(), 5) >= now()"), [])
    }
}
