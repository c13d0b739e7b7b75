import Foundation
import XCTest
@testable import CallGuide

final class JSONParserTests: XCTestCase {
    private func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
    }

    private func number(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Decimal? {
        do {
            guard case .number(let value) = try JSONParser.parse(text) else {
                XCTFail("not a number: \(text)", file: file, line: line)
                return nil
            }
            return value
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return nil
        }
    }

    private func rejection(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
        do {
            let value = try JSONParser.parse(text)
            XCTFail("accepted \(text) as \(value)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testNumbersAreExactDecimals() {
        XCTAssertEqual(number("0.3"), decimal("0.3"))
        XCTAssertEqual(number("1127.25"), decimal("1127.25"))
        XCTAssertEqual(number("1e3"), 1000)
        XCTAssertEqual(number("1E+3"), 1000)
        XCTAssertEqual(number("-0.5"), decimal("-0.5"))
        XCTAssertEqual(number("25e-2"), decimal("0.25"))
        XCTAssertEqual(number("0"), 0)
        XCTAssertEqual(number("-0"), 0)
        XCTAssertEqual(number("0.000"), 0)
        XCTAssertEqual(number("980"), 980)
        XCTAssertEqual(number("100.500"), decimal("100.5"))
        XCTAssertEqual(number("18446744073709551615"), decimal("18446744073709551615"))
        XCTAssertEqual(number("123456789012345678901234567890"), decimal("123456789012345678901234567890"))
        XCTAssertEqual(number("1000000000000000000000000"), decimal("1000000000000000000000000"))
        XCTAssertEqual(number("0.1").map(JSONWriter.numberText), "0.1")
        XCTAssertEqual(number("1.5e2").map(JSONWriter.numberText), "150")
    }

    /// Zeros before a digit that overflows the 64-bit significand were once
    /// counted twice, so large but representable numbers were refused.
    func testLongSignificandsWithZerosStayInRange() {
        var checked = 0
        for exponent in stride(from: 90, through: 127, by: 1) {
            for text in ["100000000000000000001e\(exponent)", "100000000000000000001" + String(repeating: "0", count: exponent)] {
                guard let expected = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { continue }
                XCTAssertEqual(number(text), expected, text)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }

    func testStructuresKeepOrder() throws {
        let value = try JSONParser.parse(#" { "b" : [1, "two", null, true, false, {}, []], "a": {"x": -1} } "#)
        XCTAssertEqual(value, .object([
            ("b", .array([.number(1), .string("two"), .null, .bool(true), .bool(false), .object([]), .array([])])),
            ("a", .object([("x", .number(-1))])),
        ]))
        XCTAssertEqual(value["a"]?["x"], .number(-1))
        XCTAssertNil(value["c"])
    }

    func testStringEscapesAndUnicode() throws {
        XCTAssertEqual(try JSONParser.parse(#""a\"b\\c\/d\n\t\r\b\f\u0041\u00e9\u2028\ud83d\ude00""#),
                       .string("a\"b\\c/d\n\t\r\u{08}\u{0C}Aé\u{2028}😀"))
        XCTAssertEqual(try JSONParser.parse("\"Привіт ✓\""), .string("Привіт ✓"))
    }

    func testRejectionsCarryOffsets() {
        XCTAssertEqual(rejection("{\"a\":1} x")?.offset, 8)
        XCTAssertEqual(rejection("{\"a\":1} x")?.message, "unexpected 'x' after the JSON value")
        XCTAssertEqual(rejection("012")?.offset, 0)
        XCTAssertEqual(rejection("012")?.message, "leading zero in a number")
        XCTAssertEqual(rejection("[1,]")?.offset, 3)
        XCTAssertEqual(rejection("{\"a\" 1}")?.offset, 5)
        XCTAssertEqual(rejection("{\"a\":1,}")?.offset, 7)
        XCTAssertEqual(rejection("{\"a\":1")?.message, "expected ',' or '}', found end of input")
        XCTAssertEqual(rejection("\"abc")?.message, "unterminated string")
        XCTAssertEqual(rejection("\"a\nb\"")?.offset, 2)
        XCTAssertEqual(rejection("\"\\ud800\"")?.message, "lone surrogate in \\u escape")
        XCTAssertEqual(rejection("\"\\udc00\"")?.offset, 1)
        XCTAssertEqual(rejection("\"\\ud800\\u0041\"")?.message, "lone surrogate in \\u escape")
        XCTAssertEqual(rejection("\"\\x\"")?.message, "invalid escape '\\x'")
        XCTAssertEqual(rejection("\"\\u12\"")?.message, "\\u escape needs four hex digits")
        XCTAssertEqual(rejection("tru")?.offset, 0)
        XCTAssertEqual(rejection("nul1")?.offset, 0)
        XCTAssertEqual(rejection("1.")?.offset, 2)
        XCTAssertEqual(rejection(".5")?.offset, 0)
        XCTAssertEqual(rejection("-")?.offset, 1)
        XCTAssertEqual(rejection("1e")?.offset, 2)
        XCTAssertEqual(rejection("+1")?.offset, 0)
        XCTAssertEqual(rejection("")?.message, "expected a value, found end of input")
        XCTAssertEqual(rejection("{\"a\":1,\"a\":2}")?.message, "duplicate key 'a'")
        XCTAssertEqual(rejection("{\"a\":1,\"a\":2}")?.offset, 7)
        XCTAssertEqual(rejection("{1:2}")?.message, "expected a string key, found '1'")
        XCTAssertEqual(rejection("1e999999999999")?.message, "number out of range")
        XCTAssertNotNil(rejection("NaN"))
    }

    func testInvalidUTF8IsRejected() {
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xC3, 0x28, 0x22])) { error in
            XCTAssertEqual((error as? JSONParseError)?.message, "string is not valid UTF-8")
        }
    }

    func testValidAndInvalidUTF8OnEitherSideOfAnEscape() throws {
        XCTAssertEqual(try JSONParser.parse(Array("\"Іван ✓ 😀\"".utf8)), .string("Іван ✓ 😀"))
        XCTAssertEqual(try JSONParser.parse(Array("\"Ів\\n😀\"".utf8)), .string("Ів\n😀"))
        // A cut multi-byte sequence, a lone continuation byte, an overlong form.
        for bad: [UInt8] in [[0x22, 0x61, 0xE2, 0x82, 0x22], [0x22, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22],
                             [0x22, 0x5C, 0x6E, 0xF0, 0x9F, 0x98, 0x22], [0x22, 0xEF, 0xBF, 0xBD, 0xFF, 0x22]] {
            XCTAssertThrowsError(try JSONParser.parse(bad)) { error in
                XCTAssertEqual((error as? JSONParseError)?.message, "string is not valid UTF-8")
            }
        }
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertEqual(rejection(deep)?.offset, JSONParser.maximumDepth)
        let fine = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        XCTAssertNoThrow(try JSONParser.parse(fine))
    }
}
