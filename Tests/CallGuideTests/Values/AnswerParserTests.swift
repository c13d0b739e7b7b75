import XCTest
@testable import CallGuide

final class AnswerParserTests: XCTestCase {
    let here = SourceLocation(line: 1, column: 1)

    func text(_ variants: [(String?, String)]) -> LocalizedText {
        LocalizedText(variants: variants.map {
            // Test texts are well-formed templates.
            LocalizedText.Variant(language: $0.0, template: (try? Template.parse($0.1)) ?? Template(parts: [.literal($0.1)]),
                                  position: ScalarPosition(start: here, textColumn: nil))
        }, location: here)
    }

    func question(_ type: AnswerType, options: [(String, String)] = [], min: Decimal? = nil, max: Decimal? = nil,
                  pattern: String? = nil, message: LocalizedText? = nil) -> Question {
        Question(text: text([(nil, "?")]), type: type,
                 options: options.map { Option(key: $0.0, label: text([(nil, $0.1)]), location: here) },
                 min: min, max: max, pattern: pattern, message: message)
    }

    func accepts(_ line: String, _ q: Question, _ expected: Value, language: String? = nil,
                 file: StaticString = #filePath, line number: UInt = #line) {
        switch AnswerParser.parse(line, for: q, language: language, fallback: nil) {
        case .success(let value): XCTAssertEqual(value, expected, "'\(line)'", file: file, line: number)
        case .failure(let rejection): XCTFail("'\(line)' rejected: \(rejection.message)", file: file, line: number)
        }
    }

    func rejection(_ line: String, _ q: Question, language: String? = nil) -> String? {
        if case .failure(let r) = AnswerParser.parse(line, for: q, language: language, fallback: "en") { return r.message }
        return nil
    }

    func testText() {
        let q = question(.text)
        accepts("  hello world ", q, .string("hello world"))
        XCTAssertEqual(rejection("   ", q), "expected an answer")
        let code = question(.text, pattern: "[A-Z]{2}[0-9]{3}", message: text([("en", "a code like AB123"), ("ru", "код вида AB123")]))
        accepts("AB123", code, .string("AB123"))
        XCTAssertEqual(rejection("AB1234", code), "a code like AB123")
        XCTAssertEqual(rejection("xAB123", code, language: "ru"), "код вида AB123")
        let alternatives = question(.text, pattern: "a|ab")
        accepts("ab", alternatives, .string("ab"))
        XCTAssertEqual(rejection("abc", alternatives), "the answer does not have the expected form (a|ab)")
        accepts("anything", question(.text, pattern: "(unclosed"), .string("anything"))
    }

    func testNumber() {
        let q = question(.number)
        accepts("1500", q, .number(1500))
        accepts("1,5", q, number("1.5"))
        accepts("1,500", q, number("1.5"))
        accepts("1.5", q, number("1.5"))
        accepts("20 000", q, .number(20000))
        accepts("1_500,50", q, number("1500.5"))
        accepts("1'000'000", q, .number(1_000_000))
        accepts("-3", q, .number(-3))
        accepts("+3", q, .number(3))
        accepts(",5", q, number("0.5"))
        accepts("0.1", q, number("0.1"))
        for bad in ["abc", "1.5.0", "1,000.50", "5.", "1  000", "_1", "1_", "--1", "1e5", "12abc", "-", ""] {
            XCTAssertNotNil(rejection(bad, q), bad)
        }
        XCTAssertEqual(rejection("abc", q), "expected a number, e.g. 1500 or 1 500,50")
    }

    func testNumberBounds() {
        XCTAssertEqual(rejection("25000", question(.number, max: 20000)), "expected a number at most 20000")
        XCTAssertEqual(rejection("5", question(.number, min: 10)), "expected a number at least 10")
        XCTAssertEqual(rejection("0", question(.number, min: decimal("0.5"), max: 2)), "expected a number from 0.5 to 2")
        accepts("20 000", question(.number, max: 20000), .number(20000))
        accepts("10", question(.integer, min: 10, max: 20), .number(10))
    }

    func testInteger() {
        let q = question(.integer)
        accepts("42", q, .number(42))
        accepts("1 000", q, .number(1000))
        accepts("5,0", q, .number(5))
        XCTAssertEqual(rejection("1,5", q), "expected a whole number, e.g. 12 or 20 000")
        XCTAssertNotNil(rejection("twelve", q))
    }

    func testYesNo() {
        let q = question(.yesno)
        for yes in ["y", "Yes", "TRUE", "да", "Д", "так", "т"] { accepts(yes, q, .bool(true)) }
        for no in ["n", "NO", "false", "Нет", "н", "ні"] { accepts(no, q, .bool(false)) }
        XCTAssertEqual(rejection("maybe", q), "expected yes or no (y/n)")
        XCTAssertEqual(AnswerParser.parseYesNo(" YES "), true)
        XCTAssertNil(AnswerParser.parseYesNo("yess"))
    }

    func testChoice() {
        let q = question(.choice, options: [("basic", "Basic plan"), ("premium", "Premium"), ("pro", "Professional")])
        accepts("basic", q, .string("basic"))
        accepts("PREMIUM", q, .string("premium"))
        accepts("2", q, .string("premium"))
        accepts("3", q, .string("pro"))
        accepts("b", q, .string("basic"))
        accepts("prem", q, .string("premium"))
        accepts("profes", q, .string("pro"))
        accepts("pro", q, .string("pro"))
        XCTAssertEqual(rejection("p", q), "'p' matches several options: premium, pro")
        XCTAssertEqual(rejection("gold", q), "expected one of: 1 basic, 2 premium, 3 pro")
        XCTAssertNotNil(rejection("4", q))
        XCTAssertNotNil(rejection("0", q))
        let twoOptions = question(.choice, options: [("basic", "basic"), ("premium", "premium")])
        XCTAssertEqual(rejection("x", twoOptions), "expected one of: 1 basic, 2 premium")
        XCTAssertNotNil(rejection("1", question(.choice)))
    }

    func testChoiceKeysComeBeforeNumbersAndLabelsAreLocalized() {
        let numeric = question(.choice, options: [("2", "two"), ("1", "one")])
        accepts("1", numeric, .string("1"))
        let localized = Question(
            text: text([(nil, "?")]), type: .choice,
            options: [Option(key: "yes_plan", label: text([("en", "Annual"), ("ru", "Годовой")]), location: here),
                      Option(key: "month", label: text([("en", "Monthly"), ("ru", "Месячный")]), location: here)])
        accepts("год", localized, .string("yes_plan"), language: "ru")
        accepts("ann", localized, .string("yes_plan"), language: "en")
    }

    func testMulti() {
        let q = question(.multi, options: [("sms", "SMS"), ("tv", "Television"), ("cloud", "Cloud storage")])
        accepts("cloud, sms", q, .list([.string("sms"), .string("cloud")]))
        accepts("3 1 tv", q, .list([.string("sms"), .string("tv"), .string("cloud")]))
        accepts("tv,tv, tele", q, .list([.string("tv")]))
        XCTAssertEqual(rejection("sms, radio", q), "'radio' is not an option; expected one of: 1 sms, 2 tv, 3 cloud")
        XCTAssertNotNil(rejection(", ,", q))
    }

    func testScaleAndNPS() {
        let scale = question(.scale, min: 1, max: 5)
        accepts("5", scale, .number(5))
        XCTAssertEqual(rejection("6", scale), "expected 1 to 5")
        XCTAssertEqual(rejection("2.5", scale), "expected 1 to 5")
        XCTAssertEqual(rejection("good", scale), "expected 1 to 5")
        let nps = question(.nps)
        accepts("0", nps, .number(0))
        accepts("10", nps, .number(10))
        XCTAssertEqual(rejection("11", nps), "expected 0 to 10")
        XCTAssertEqual(rejection("-1", nps), "expected 0 to 10")
    }

    func testDate() {
        let q = question(.date)
        accepts("2024-02-29", q, .string("2024-02-29"))
        accepts("29.02.2024", q, .string("2024-02-29"))
        accepts("1.3.2024", q, .string("2024-03-01"))
        XCTAssertEqual(rejection("2023-02-29", q), "there is no such date: 2023-02-29")
        XCTAssertNotNil(rejection("31.04.2024", q))
        // Without the call's date there is nothing to count from.
        XCTAssertEqual(rejection("tomorrow", q), "expected a date as YYYY-MM-DD, DD.MM.YYYY, today, tomorrow or +N (in N days)")
        XCTAssertNotNil(rejection("2024/02/01", q))
        XCTAssertNotNil(rejection("24-02-01", q))
    }

    func testPhone() {
        let q = question(.phone)
        accepts("+7 (912) 345-67-89", q, .string("+79123456789"))
        accepts("8 912 345 67 89", q, .string("89123456789"))
        accepts("1234567", q, .string("1234567"))
        XCTAssertNotNil(rejection("123456", q))
        XCTAssertNotNil(rejection("1234567890123456", q))
        XCTAssertNotNil(rejection("12+34567", q))
        XCTAssertNotNil(rejection("912-ABC-6789", q))
    }

    func testEmail() {
        let q = question(.email)
        accepts("Ann.Lee@Example.COM", q, .string("Ann.Lee@example.com"))
        for bad in ["ann", "ann@example", "@example.com", "ann@@example.com", "ann@example..com", "ann@.com", "an n@x.com", "ann@example.com."] {
            XCTAssertEqual(rejection(bad, q), "expected an email address like name@example.com", bad)
        }
    }

    func testNumberHelper() {
        XCTAssertEqual(AnswerParser.parseNumber("1\u{00A0}000"), Decimal(1000))
        XCTAssertNil(AnswerParser.parseNumber("1 000 ,5"))
    }

    func testSmallNumbersAreTheSameDecimalsAsThePlainTextReader() throws {
        let texts = ["7", "007", "0.5", "1.50", "12.345", "1500", "20000", "0.000123", "999999999999999999",
                     "99999999999999999.9", "123456789012345678", "100.000"]
        for text in texts {
            let fast = try XCTUnwrap(AnswerParser.smallDecimal(text), text)
            let general = try XCTUnwrap(Decimal(plainText: text), text)
            XCTAssertEqual(fast, general, text)
            XCTAssertEqual(fast.exponent, general.exponent, text)
            XCTAssertEqual(fast.significand, general.significand, text)
            XCTAssertEqual(canonicalNumberText(fast), canonicalNumberText(general), text)
            XCTAssertEqual(fast.isWhole, general.isWhole, text)
            XCTAssertEqual(Value.number(fast).hashValue, Value.number(general).hashValue, text)
        }
        for text in ["", "0", "0.0", ".", "1.", ".5", "1.2.3", "1234567890123456789", "1e5", "-1", "1 000"] {
            XCTAssertNil(AnswerParser.smallDecimal(text), text)
        }
        XCTAssertEqual(AnswerParser.parseNumber(" 1 500,50 "), Decimal(string: "1500.5"))
        XCTAssertEqual(AnswerParser.parseNumber("\u{00A0}-12\u{3000}"), Decimal(-12))
        XCTAssertEqual(AnswerParser.parseNumber("12345678901234567890.5"), Decimal(string: "12345678901234567890.5"))
    }
}

/// Defect 8 of issue 10: numbers are refused, never rounded; lines over the
/// limit are refused at the prompt.
final class AnswerLimitTests: XCTestCase {
    func testANumberADecimalCannotHoldExactlyIsRefused() {
        XCTAssertNil(AnswerParser.parseNumber("12345678901234567890123456789012345678901234"))
        XCTAssertNil(AnswerParser.parseNumber("1.0000000000000000000000000000000000000000001"))
        XCTAssertEqual(AnswerParser.parseNumber("1 500,50"), Decimal(string: "1500.5"))
        XCTAssertEqual(AnswerParser.parseNumber("12345678901234567890123456789012345678"), Decimal(string: "12345678901234567890123456789012345678"))
        XCTAssertEqual(AnswerParser.parseNumber("100000000000000000000000000000000000000000000"), Decimal(string: "1e44"))
    }

    func testAnAnswerOverTheLimitIsRefusedAndTheQuestionStaysOpen() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: long
            nodes:
              comment: {ask: Anything else?}
              done: {end: sale}
            """))
        var session = CallSession(script: script, context: testContext())
        _ = session.start()
        let long = String(repeating: "a", count: CallSession.inputLimit + 5)
        let events = session.handle(long)
        guard case .invalid(let node, let input, let error)? = events.first, events.count == 1 else {
            return XCTFail("\(events.map(describe))")
        }
        XCTAssertEqual(node, "comment")
        XCTAssertEqual(input.count, CallSession.inputLimit + 1, "the event keeps enough to be refused again, not the whole paste")
        XCTAssertTrue(error.contains("10000"), error)
        XCTAssertEqual(session.status, .awaiting(node: "comment"))
        XCTAssertEqual(session.handle(String(repeating: "a", count: CallSession.inputLimit)).map(describe).first, "answer comment=" + String(repeating: "a", count: CallSession.inputLimit))
    }
}
