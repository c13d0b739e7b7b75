import XCTest
@testable import CallGuide

final class ExpressionEvaluationTests: XCTestCase {
    func testDecimalArithmeticIsExact() throws {
        XCTAssertEqual(try evaluate("0.1 + 0.2"), number("0.3"))
        XCTAssertEqual(try evaluate("1252.5 * 0.9"), number("1127.25"))
        XCTAssertEqual(try evaluate("990 - 10.00").displayText, "980")
        XCTAssertEqual(try evaluate("2 + 3 * 4"), .number(14))
        XCTAssertEqual(try evaluate("(2 + 3) * 4"), .number(20))
        XCTAssertEqual(try evaluate("-2 * 3"), .number(-6))
        XCTAssertEqual(try evaluate("10 / 4"), number("2.5"))
        XCTAssertEqual(try evaluate("1000000000000000 * 1000000000000000").displayText, "1000000000000000000000000000000")
    }

    func testDivisionKeepsSixteenDigits() throws {
        guard case .number(let third) = try evaluate("1 / 3") else { return XCTFail("not a number") }
        let text = canonicalNumberText(third)
        XCTAssertTrue(text.hasPrefix("0.3333333333333333"), text)
        XCTAssertEqual(evaluationError("1 / 0"), EvaluationError("division by zero", offset: 2))
        XCTAssertEqual(evaluationError("5 % (2 - 2)")?.offset, 2)
    }

    func testRemainderTakesTheSignOfTheDividend() throws {
        XCTAssertEqual(try evaluate("7 % 3"), .number(1))
        XCTAssertEqual(try evaluate("-7 % 3"), .number(-1))
        XCTAssertEqual(try evaluate("7 % -3"), .number(1))
        XCTAssertEqual(try evaluate("-7 % -3"), .number(-1))
        XCTAssertEqual(try evaluate("5.5 % 2"), number("1.5"))
        XCTAssertEqual(try evaluate("6 % 3"), .number(0))
    }

    func testComparisonsAndEquality() throws {
        XCTAssertEqual(try evaluate("3 > 2"), .bool(true))
        XCTAssertEqual(try evaluate("3 <= 2"), .bool(false))
        XCTAssertEqual(try evaluate("2 >= 2.0"), .bool(true))
        XCTAssertEqual(try evaluate("1.0 == 1"), .bool(true))
        XCTAssertEqual(try evaluate("'abc' < 'abd'"), .bool(true))
        XCTAssertEqual(try evaluate("'2024-01-31' < '2024-02-01'"), .bool(true))
        XCTAssertEqual(try evaluate("'1' == 1"), .bool(false))
        XCTAssertEqual(try evaluate("[1, 'a'] == [1, 'a']"), .bool(true))
        XCTAssertEqual(evaluationError("1 < 'a'")?.offset, 2)
        XCTAssertNotNil(evaluationError("true < false"))
    }

    func testNullRules() throws {
        XCTAssertEqual(try evaluate("x < 3"), .bool(false))
        XCTAssertEqual(try evaluate("x >= 3"), .bool(false))
        XCTAssertEqual(try evaluate("x == null"), .bool(true))
        XCTAssertEqual(try evaluate("x != null"), .bool(false))
        XCTAssertEqual(try evaluate("x + 1"), .null)
        XCTAssertEqual(try evaluate("x * 2"), .null)
        XCTAssertEqual(try evaluate("-x"), .null)
        XCTAssertEqual(try evaluate("'a' + x"), .null)
        XCTAssertEqual(try evaluate("not null"), .bool(true))
        XCTAssertEqual(try evaluate("not x"), .bool(true))
        XCTAssertEqual(try evaluate("x and true"), .bool(false))
        XCTAssertEqual(try evaluate("x or true"), .bool(true))
        XCTAssertEqual(try evaluate("1 or false"), .bool(false), "non-true counts as false")
        XCTAssertEqual(try evaluate("lower(x)"), .null)
        XCTAssertEqual(try evaluate("round(x, 2)"), .null)
        XCTAssertEqual(try evaluate("len(x)"), .number(0))
        XCTAssertEqual(try evaluate("x in [1, 2]"), .bool(false))
        XCTAssertEqual(try evaluate("1 in x"), .bool(false))
        XCTAssertEqual(try evaluate("x / 0"), .null)
    }

    func testAndOrShortCircuit() throws {
        XCTAssertEqual(try evaluate("false and 1 / 0 > 1"), .bool(false))
        XCTAssertEqual(try evaluate("true or 1 / 0 > 1"), .bool(true))
        XCTAssertNotNil(evaluationError("true and 1 / 0 > 1"))
    }

    func testPlusIsStrict() throws {
        XCTAssertEqual(try evaluate("'Hello, ' + 'Ann'"), .string("Hello, Ann"))
        XCTAssertEqual(evaluationError("'a' + 1"),
                       EvaluationError("'+' adds two numbers or joins two texts, but got a text and a number", offset: 4))
        XCTAssertNotNil(evaluationError("true + 1"))
        XCTAssertEqual(evaluationError("'a' * 2")?.offset, 4)
        XCTAssertEqual(evaluationError("-'a'")?.offset, 0)
    }

    func testMembership() throws {
        XCTAssertEqual(try evaluate("2 in [1, 2, 3]"), .bool(true))
        XCTAssertEqual(try evaluate("'tv' in ['sms', 'tv']"), .bool(true))
        XCTAssertEqual(try evaluate("'x' in ['sms', 'tv']"), .bool(false))
        XCTAssertEqual(try evaluate("'ell' in 'hello'"), .bool(true))
        XCTAssertEqual(try evaluate("'' in 'hello'"), .bool(true))
        XCTAssertEqual(try evaluate("'z' in 'hello'"), .bool(false))
        XCTAssertNotNil(evaluationError("1 in 'hello'"))
        XCTAssertEqual(evaluationError("1 in 5")?.offset, 2)
    }

    func testNamesComeFromTheContext() throws {
        var context = TestContext()
        context.values = [.plain("price"): number("1252.5"), .answer: .string("yes"), .card("name"): .string("Ann"),
                          .call("operator"): .string("olga"), .plain("tags"): .list([.string("vip")])]
        XCTAssertEqual(try evaluate("price * 0.9", context), number("1127.25"))
        XCTAssertEqual(try evaluate("answer == 'yes'", context), .bool(true))
        XCTAssertEqual(try evaluate("card.name + '/' + call.operator", context), .string("Ann/olga"))
        XCTAssertEqual(try evaluate("'vip' in tags", context), .bool(true))
    }

    func testFunctions() throws {
        var context = TestContext()
        context.answered = ["plan"]
        context.values = [.plain("plan"): .string("pro"), .plain("extras"): .list([.string("sms"), .string("tv")])]
        XCTAssertEqual(try evaluate("answered(plan)", context), .bool(true))
        XCTAssertEqual(try evaluate("answered(budget)", context), .bool(false))
        XCTAssertEqual(try evaluate("len('привет')"), .number(6))
        XCTAssertEqual(try evaluate("len(extras)", context), .number(2))
        XCTAssertNotNil(evaluationError("len(5)"))
        XCTAssertEqual(try evaluate("lower('ÀBC')"), .string("àbc"))
        XCTAssertEqual(try evaluate("upper('abc')"), .string("ABC"))
        XCTAssertNotNil(evaluationError("upper(1)"))
        XCTAssertEqual(try evaluate("contains(extras, 'tv')", context), .bool(true))
        XCTAssertEqual(try evaluate("contains(extras, 'cloud')", context), .bool(false))
        XCTAssertEqual(try evaluate("contains('hello', 'ell')"), .bool(true))
        XCTAssertNotNil(evaluationError("contains(1, 2)"))
        XCTAssertEqual(try evaluate("round(2.5)"), .number(3))
        XCTAssertEqual(try evaluate("round(-2.5)"), .number(-3))
        XCTAssertEqual(try evaluate("round(1127.255, 2)"), number("1127.26"))
        XCTAssertEqual(try evaluate("round(1234, -2)"), .number(1200))
        XCTAssertNotNil(evaluationError("round(1.5, 0.5)"))
        XCTAssertEqual(try evaluate("min(3, 2.5)"), number("2.5"))
        XCTAssertEqual(try evaluate("max(3, 2.5)"), .number(3))
        XCTAssertEqual(try evaluate("max('a', 'b')"), .string("b"))
        XCTAssertNotNil(evaluationError("min(1, 'a')"))
        XCTAssertEqual(try evaluate("today()"), .string("2024-03-15"))
        XCTAssertEqual(try evaluate("days_between('2024-02-28', '2024-03-01')"), .number(2))
        XCTAssertEqual(try evaluate("days_between('2023-03-01', '2023-02-28')"), .number(-1))
        XCTAssertEqual(try evaluate("days_between('2000-01-01', today())"), .number(8840))
        XCTAssertEqual(evaluationError("days_between('2024-02-30', today())")?.offset, 0)
        XCTAssertNotNil(evaluationError("days_between('15.03.2024', today())"))
    }

    func testFunctionErrors() {
        XCTAssertEqual(evaluationError("x + lenght('a')"), EvaluationError("unknown function 'lenght'", offset: 4))
        XCTAssertEqual(evaluationError("len('a', 'b')"), EvaluationError("len() takes 1 argument, but got 2", offset: 0))
        XCTAssertEqual(evaluationError("round()")?.message, "round() takes 1 or 2 arguments, but got 0")
    }

    func testOverflowIsAnError() {
        let big = "1" + String(repeating: "0", count: 100)
        XCTAssertNotNil(evaluationError("\(big) * \(big)"))
    }
}
