@testable import CallGuide
import Foundation
import XCTest

/// The decoder's shortcuts each have a slow twin; these check that both agree.
final class DecodingFastPathTests: XCTestCase {
    private func bytes(_ d: Decimal) -> [UInt8] { withUnsafeBytes(of: d) { Array($0) } }

    func testPlainDecimalTextIsTheDecimalFoundationReads() throws {
        var texts = ["12.90", "12.9", "-0.5", "100.00", "1.0", "0.001", "-7.250", "123456789012345678.0",
                     "99999999999999999.9", "0.000000000000000001", "5.50000"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let whole = String(UInt64.random(in: 0..<1_000_000_000, using: &generator))
            let fraction = String(UInt64.random(in: 0..<100_000_000, using: &generator))
            texts.append((Bool.random(using: &generator) ? "-" : "") + whole + "." + fraction)
        }
        let posix = Locale(identifier: "en_US_POSIX")
        for text in texts {
            let expected = try XCTUnwrap(Decimal(string: text, locale: posix), text)
            // More than 18 digits, and zero, are left to Foundation.
            let digits = text.filter(\.isNumber).count
            guard let fast = Decimal(plainDecimalText: text) else {
                XCTAssertTrue(expected.isZero || digits > 18, "\(text) should take the fast path")
                continue
            }
            XCTAssertEqual(fast, expected, text)
            XCTAssertEqual(bytes(fast), bytes(expected), "\(text): same value but another representation")
        }
    }

    func testOtherFloatFormsAreLeftToFoundation() {
        for text in ["1e3", ".5", "5.", "+1.5", "1_000.5", "0.0", "-0.00", "1234567890123456789.5", "1.2.3", "", "-", ".inf", "1.5x"] {
            XCTAssertNil(Decimal(plainDecimalText: text), text)
        }
    }

    func testYAMLFloatsDecodeToTheSameNumbersEitherWay() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: floats
            nodes:
              a:
                offer: Filters?
                item: {a: 12.90, b: 1_000.5, c: 1.5e3, d: -0.25, e: 0.0}
              b: {end: done}
            """))
        guard case .offer(let offer)? = script.node("a")?.kind else { return XCTFail("not an offer") }
        let posix = Locale(identifier: "en_US_POSIX")
        let expected = ["12.90", "1000.5", "1.5e3", "-0.25", "0.0"].map { Value.number(Decimal(string: $0, locale: posix)!) }
        XCTAssertEqual(offer.item.map(\.value), expected)
    }

    func testReservedWordsAreFoundWithoutTheSet() {
        for word in ExpressionParser.reservedWords {
            XCTAssertTrue(ExpressionParser.isReservedWord(word), word)
            XCTAssertTrue(Identifier.isReserved(word), word)
        }
        XCTAssertEqual(Identifier.reservedWords, ExpressionParser.reservedWords)
        for word in ["", "a", "o", "an", "on", "is", "ands", "nul", "Null", "TRUE", "cards", "answered", "falsey", "x", "reply", "calls", "ca11"] {
            XCTAssertFalse(ExpressionParser.isReservedWord(word), word)
            XCTAssertFalse(Identifier.isReserved(word), word)
        }
    }

    func testNodeFieldKeysAreReadAsTheirNames() {
        XCTAssertLessThanOrEqual(NodeFields.Key.allCases.count, 32, "NodeFields keeps one lane of a SIMD32 per key")
        for key in NodeFields.Key.allCases {
            XCTAssertEqual(NodeFields.Key(key.name), key)
            XCTAssertNil(NodeFields.Key(key.name + "s"))
            XCTAssertNil(NodeFields.Key(String(key.name.dropLast())))
            XCTAssertNil(NodeFields.Key(key.name.uppercased()))
        }
        XCTAssertNil(NodeFields.Key(""))
        XCTAssertNil(NodeFields.Key("sax"))
        XCTAssertNil(NodeFields.Key("tape"))
    }

    func testToolKeysAreTheKeysStartingWithXDash() {
        for text in ["x-", "x-tool", "x-é", "x-\u{301}", "x", "-x", "X-a", "xa", "", "é"] {
            XCTAssertEqual(text.isToolKey, text.hasPrefix("x-"), text)
        }
    }

    func testDuplicateOptionKeysAreFoundInLongLists() {
        let keys = (0..<40).map { "o\($0)" } + ["o3", "o30", "o39"]
        let yaml = """
            callguide: 1
            id: many
            nodes:
              a:
                ask: Which?
                type: choice
                options: [\(keys.joined(separator: ", "))]
              b: {end: done}
            """
        let found = ScriptLoader.load(Array(yaml.utf8)).diagnostics.filter { $0.message.hasPrefix("duplicate option key") }
        XCTAssertEqual(found.map(\.message), [
            "duplicate option key 'o3' (first at line 7)",
            "duplicate option key 'o30' (first at line 7)",
            "duplicate option key 'o39' (first at line 7)",
        ])
        let script = ScriptLoader.load(Array(yaml.utf8)).script
        XCTAssertEqual(script?.node("a")?.question?.options.map(\.key), (0..<40).map { "o\($0)" })
    }

    func testDuplicateOptionKeysPointAtTheFirstInLongMappings() {
        let lines = (0..<20).map { "      o\($0): Option \($0)" } + ["      o2: Again", "      o17: Again"]
        let yaml = """
            callguide: 1
            id: many
            nodes:
              a:
                ask: Which?
                type: choice
                options:

            """ + lines.joined(separator: "\n") + "\n  b: {end: done}\n"
        let found = ScriptLoader.load(Array(yaml.utf8)).diagnostics.filter { $0.message.hasPrefix("duplicate option key") }
        XCTAssertEqual(found.map(\.message), [
            "duplicate option key 'o2' (first at line 10)",
            "duplicate option key 'o17' (first at line 25)",
        ])
    }
}
