import Foundation
import XCTest
@testable import CallGuide

final class JSONWriterTests: XCTestCase {
    private func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
    }

    func testNumbersInShortestPlainForm() {
        let cases: [(Decimal, String)] = [
            (980, "980"), (decimal("0.3"), "0.3"), (decimal("1127.25"), "1127.25"), (-5, "-5"),
            (decimal("1252.5") * decimal("0.9"), "1127.25"), (decimal("1.50"), "1.5"),
            (decimal("-0.5"), "-0.5"), (0, "0"), (decimal("0.001"), "0.001"),
            (Decimal(sign: .plus, exponent: 3, significand: 1), "1000"),
            (Decimal(sign: .plus, exponent: -1, significand: 30), "3"),
            (Decimal(sign: .plus, exponent: 20, significand: 12), "1200000000000000000000"),
            (Decimal(sign: .minus, exponent: -30, significand: 7), "-0.000000000000000000000000000007"),
            (decimal("12345678901234567890123456789012345678"), "12345678901234567890123456789012345678"),
        ]
        for (number, expected) in cases {
            XCTAssertEqual(JSONWriter.numberText(number), expected)
        }
        XCTAssertEqual(JSONWriter.numberText(Decimal.nan), "null")
    }

    func testEscapesOnlyWhatMustBeEscaped() {
        let text = "a\"b\\c/d\ne\tf\u{01}g\u{7F}h\u{2028}i\u{2029}jПривіт😀\r\u{08}\u{0C}"
        XCTAssertEqual(
            JSONWriter.serialize(.string(text)),
            "\"a\\\"b\\\\c/d\\ne\\tf\\u0001g\\u007fh\\u2028i\\u2029jПривіт😀\\r\\b\\f\"")
    }

    func testCompactOrderedObject() {
        let value = JSONValue.object([
            ("z", .number(1)), ("a", .array([.null, .bool(true), .bool(false), .string("x")])),
            ("m", .object([])), ("e", .array([])),
        ])
        XCTAssertEqual(JSONWriter.serialize(value), #"{"z":1,"a":[null,true,false,"x"],"m":{},"e":[]}"#)
    }

    func testWrittenTextParsesBackToTheSameValue() throws {
        let value = JSONValue.object([
            ("text", .string("line\nbreak \u{2028} \"q\" ✓ \u{0}")),
            ("n", .number(decimal("-1127.25"))), ("list", .array([.number(decimal("0.3"))])),
        ])
        XCTAssertEqual(try JSONParser.parse(JSONWriter.serialize(value)), value)
    }
}
