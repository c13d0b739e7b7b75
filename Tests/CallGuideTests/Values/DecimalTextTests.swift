import XCTest
@testable import CallGuide

final class DecimalTextTests: XCTestCase {
    func testCanonicalNumberText() {
        XCTAssertEqual(canonicalNumberText(decimal("980.00")), "980")
        XCTAssertEqual(canonicalNumberText(decimal("0.30")), "0.3")
        XCTAssertEqual(canonicalNumberText(decimal("-0.000123")), "-0.000123")
        XCTAssertEqual(canonicalNumberText(decimal("1000000000000000000000000000000")), "1000000000000000000000000000000")
        XCTAssertEqual(canonicalNumberText(decimal("0")), "0")
        XCTAssertEqual(canonicalNumberText(-decimal("0")), "0")
        XCTAssertEqual(canonicalNumberText(decimal("12.5") * decimal("100")), "1250")
        XCTAssertEqual(canonicalNumberText(Decimal(sign: .plus, exponent: -20, significand: 1)), "0.00000000000000000001")
        XCTAssertEqual(canonicalNumberText(Decimal(sign: .minus, exponent: 3, significand: 25)), "-25000")
        // Around the edge of the UInt64 fast path.
        XCTAssertEqual(canonicalNumberText(decimal("18446744073709551615")), "18446744073709551615")
        XCTAssertEqual(canonicalNumberText(decimal("18446744073709551616")), "18446744073709551616")
        XCTAssertEqual(canonicalNumberText(decimal("-123456789012345678901.5")), "-123456789012345678901.5")
        XCTAssertEqual(canonicalNumberText(decimal("1844674407370955161.5")), "1844674407370955161.5")
    }

    func testPlainTextParsing() {
        XCTAssertEqual(Decimal(plainText: "12.50"), decimal("12.5"))
        XCTAssertEqual(Decimal(plainText: "-3"), Decimal(-3))
        XCTAssertNil(Decimal(plainText: "1.5x"))
        XCTAssertNil(Decimal(plainText: "1e5"))
        XCTAssertNil(Decimal(plainText: ".5"))
        XCTAssertNil(Decimal(plainText: ""))
        XCTAssertNil(Decimal(plainText: "1" + String(repeating: "0", count: 200)))
    }

    func testRoundingAndWholeness() {
        XCTAssertTrue(decimal("3.000").isWhole)
        XCTAssertFalse(decimal("3.01").isWhole)
        XCTAssertEqual(decimal("2.345").roundedHalfAwayFromZero(digits: 2), decimal("2.35"))
        XCTAssertEqual(decimal("-2.345").roundedHalfAwayFromZero(digits: 2), decimal("-2.35"))
        XCTAssertEqual(decimal("-2.7").truncated, Decimal(-2))
    }

    func testCalendarDates() {
        XCTAssertNotNil(CalendarDate(isoText: "2024-02-29"))
        XCTAssertNil(CalendarDate(isoText: "2023-02-29"))
        XCTAssertNil(CalendarDate(isoText: "1900-02-29"))
        XCTAssertNotNil(CalendarDate(isoText: "2000-02-29"))
        XCTAssertNil(CalendarDate(isoText: "2024-2-29"))
        XCTAssertEqual(CalendarDate(year: 7, month: 3, day: 1)?.description, "0007-03-01")
        XCTAssertEqual(CalendarDate(isoText: "2025-01-01").map(\.dayNumber).map { $0 - CalendarDate(isoText: "2024-01-01")!.dayNumber }, 366)
    }

    func testSuggestions() {
        XCTAssertEqual(Suggestions.closest(to: "bugdet", among: ["plan", "budget"]), "budget")
        XCTAssertEqual(Suggestions.closest(to: "Budget", among: ["budget"]), "budget")
        XCTAssertEqual(Suggestions.closest(to: "premum", among: ["basic", "premium", "pro"]), "premium")
        XCTAssertNil(Suggestions.closest(to: "xyz", among: ["budget", "plan"]))
        XCTAssertNil(Suggestions.closest(to: "ab", among: ["xy"]))
        XCTAssertEqual(Suggestions.closest(to: "a", among: ["b"]), "b")
        XCTAssertEqual(Suggestions.closest(to: "бюджт", among: ["бюджет"]), "бюджет")
        XCTAssertEqual(Suggestions.distance(Array("ca"), Array("ac")), 1)
        XCTAssertEqual(Suggestions.hint(for: "stauts", among: ["status"]), "did you mean 'status'?")
    }
}
