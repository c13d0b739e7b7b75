import XCTest
@testable import CallGuide

final class ExpressionTypeCheckerTests: XCTestCase {
    func check(_ source: String, expecting: ValueType? = nil, _ environment: TestEnvironment = TestEnvironment(),
               file: StaticString = #filePath, line: UInt = #line) -> (type: ValueType, problems: [ExpressionProblem]) {
        do {
            return ExpressionTypeChecker.check(try ExpressionParser.parse(source), expecting: expecting, in: environment)
        } catch {
            XCTFail("\(source): \(error.message)", file: file, line: line)
            return (.any, [])
        }
    }

    func problems(_ source: String, expecting: ValueType? = nil) -> [ExpressionProblem] {
        check(source, expecting: expecting).problems
    }

    func testWellTypedExpressions() {
        for source in [
            "budget > 1000 and plan == 'premium'", "discount * budget / 100", "'tv' in extras",
            "plan in ['basic', 'pro']", "contains(extras, 'sms')", "len(email) > 3", "age >= 18",
            "days_between(birthday, today()) > 365", "card.name + ' ' + call.operator", "budget == null",
            "round(budget * 0.9, 2)", "min(age, 10) + max(budget, 1)", "lower(plan) == 'pro'",
            "answered(plan) and not agree", "birthday < '2000-01-01'", "upper(card.status) in 'ACTIVE'",
        ] {
            XCTAssertEqual(problems(source, expecting: source.contains("*") || source.contains("+") ? nil : .bool), [], source)
        }
    }

    func testResultTypes() {
        XCTAssertEqual(check("1 + 2").type, .integer)
        XCTAssertEqual(check("age * 2").type, .integer)
        XCTAssertEqual(check("age / 2").type, .number)
        XCTAssertEqual(check("budget + 1").type, .number)
        XCTAssertEqual(check("'a' + plan").type, .string)
        XCTAssertEqual(check("today()").type, .date)
        XCTAssertEqual(check("[1, 2.5]").type, .list(.number))
        XCTAssertEqual(check("plan").type, .choice(node: "plan", keys: ["basic", "premium", "pro"]))
    }

    func testUnknownNamesAreE008WithSuggestion() {
        XCTAssertEqual(problems("bugdet > 5"), [ExpressionProblem(code: .E008, message: "unknown name 'bugdet'", offset: 0, hint: "did you mean 'budget'?")])
        XCTAssertEqual(problems("1 + zzz").first?.hint, nil)
        XCTAssertEqual(problems("1 + zzz").first?.offset, 4)
        let card = problems("card.nmae == 'x'")
        XCTAssertEqual(card.first?.code, .E006)
        XCTAssertEqual(card.first?.hint, "did you mean 'name'?")
        XCTAssertEqual(problems("call.operater").first?.hint, "did you mean 'call.operator'?")
        XCTAssertEqual(problems("answer > 1").first?.code, .E008)
        var environment = TestEnvironment()
        environment.answerType = .number
        XCTAssertEqual(check("answer > 1", environment).problems, [])
    }

    func testAnsweredTakesAQuestion() {
        XCTAssertEqual(problems("answered(plan)"), [])
        let variable = problems("answered(discount)")
        XCTAssertEqual(variable.map(\.code), [.E008])
        XCTAssertEqual(variable.first?.offset, 9)
        XCTAssertTrue(variable.first?.message.contains("question id") ?? false)
        XCTAssertEqual(problems("answered(plann)").first?.hint, "did you mean 'plan'?")
    }

    func testUnknownFunctionAndArity() {
        XCTAssertEqual(problems("uper(email)"), [ExpressionProblem(code: .E008, message: "unknown function 'uper'", offset: 0, hint: "did you mean 'upper'?")])
        XCTAssertEqual(problems("len(email, plan)").map(\.code), [.E009])
        XCTAssertEqual(problems("today(1)").map(\.code), [.E009])
        XCTAssertEqual(problems("foo(bugdet)").map(\.code), [.E008, .E008])
    }

    func testTypeErrorsAreE009() {
        XCTAssertEqual(problems("budget + 'x'").map(\.code), [.E009])
        XCTAssertEqual(problems("budget + 'x'").first?.offset, 7)
        XCTAssertEqual(problems("email * 2").map(\.code), [.E009])
        XCTAssertEqual(problems("budget == 'a lot'").first?.message, "cannot compare a number with a text")
        XCTAssertEqual(problems("budget < email").map(\.code), [.E009])
        XCTAssertEqual(problems("agree < true").map(\.code), [.E009])
        XCTAssertEqual(problems("-email").map(\.code), [.E009])
        XCTAssertEqual(problems("not budget").map(\.code), [.E009])
        XCTAssertEqual(problems("agree and 5").first?.offset, 10)
        XCTAssertEqual(problems("1 in 5").map(\.code), [.E009])
        XCTAssertEqual(problems("age in 'abc'").map(\.code), [.E009])
        XCTAssertEqual(problems("len(5)").map(\.code), [.E009])
        XCTAssertEqual(problems("upper(age)").map(\.code), [.E009])
        XCTAssertEqual(problems("round(email)").map(\.code), [.E009])
        XCTAssertEqual(problems("min(age, email)").map(\.code), [.E009])
        XCTAssertEqual(problems("days_between(age, today())").map(\.code), [.E009])
        XCTAssertEqual(problems("days_between('2024-13-01', today())").map(\.code), [.E009])
    }

    func testConditionsMustBeBoolean() {
        let result = problems("  budget + 1", expecting: .bool)
        XCTAssertEqual(result, [ExpressionProblem(code: .E009, message: "condition must be true or false, but this is a number", offset: 2)])
        XCTAssertEqual(problems("plan", expecting: .bool).map(\.code), [.E009])
        XCTAssertEqual(problems("agree", expecting: .bool), [])
        XCTAssertEqual(problems("null", expecting: .bool), [])
        XCTAssertEqual(problems("email", expecting: .number).first?.message, "expected a number, but this is a text")
    }

    func testChoiceKeysAreChecked() {
        XCTAssertEqual(problems("plan == 'premum'"),
                       [ExpressionProblem(code: .E009, message: "'plan' has no option 'premum'", offset: 8, hint: "did you mean 'premium'?")])
        XCTAssertEqual(problems("'premum' != plan").first?.offset, 0)
        XCTAssertEqual(problems("plan == 'premium'"), [])
        XCTAssertEqual(problems("plan in ['basic', 'gold']").map(\.message), ["'plan' has no option 'gold'"])
        XCTAssertEqual(problems("'tvv' in extras").first?.hint, "did you mean 'tv'?")
        XCTAssertEqual(problems("contains(extras, 'clod')").map(\.message), ["'extras' has no option 'clod'"])
        XCTAssertEqual(problems("contains(extras, 'cloud')"), [])
        XCTAssertEqual(problems("plan == 5").map(\.code), [.E009])
    }

    func testTemplatesAreCheckedWithTemplateOffsets() throws {
        let template = try Template.parse("Hi {card.name}, budget {bugdet}")
        let found = ExpressionTypeChecker.check(template, in: TestEnvironment())
        XCTAssertEqual(found.map(\.offset), [24])
        XCTAssertEqual(found.map(\.code), [.E008])
    }

    func testCompatibility() {
        XCTAssertTrue(ValueType.integer.isCompatible(with: .number))
        XCTAssertTrue(ValueType.date.isCompatible(with: .string))
        XCTAssertTrue(ValueType.null.isCompatible(with: .bool))
        XCTAssertTrue(ValueType.any.isCompatible(with: .list(.number)))
        XCTAssertFalse(ValueType.bool.isCompatible(with: .number))
        XCTAssertFalse(ValueType.list(.string).isCompatible(with: .list(.number)))
        XCTAssertEqual(ValueType.of(.list([.number(1), .string("a")])), .list(.any))
    }

    /// `ValueType.of` takes a shortcut for numbers with no negative exponent;
    /// it must agree with `isWhole` (the slow twin) on every kind of number.
    func testNumberLiteralTypesAgreeWithIsWhole() {
        for text in ["0", "1", "100", "-2", "1000000", "10.0", "10.50", "1.5", "-0.25", "0.0", "123456789012345678901234567890", "1e3"] {
            guard let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                XCTFail("\(text) is not a number"); continue
            }
            XCTAssertEqual(ValueType.of(.number(number)), number.isWhole ? .integer : .number, text)
        }
        XCTAssertEqual(ValueType.of(.number(Decimal(string: "7")!)), .integer)
        XCTAssertEqual(ValueType.of(.number(Decimal(string: "7.25")!)), .number)
        XCTAssertEqual(ValueType.of(.number(Decimal.nan)), .number)
    }
}
