import XCTest
@testable import CallGuide

final class TemplateTests: XCTestCase {
    func render(_ text: String, _ context: TestContext = TestContext()) throws -> String {
        let (rendered, errors) = try Template.parse(text).render(in: context)
        XCTAssertEqual(errors, [])
        return rendered
    }

    func parseError(_ text: String) -> ExpressionSyntaxError? {
        do {
            _ = try Template.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func testHolesAndLiterals() throws {
        let template = try Template.parse("Hi {name}, {{total}}: {price * 2}!")
        XCTAssertEqual(template.expressions.map(\.offset), [4, 23])
        XCTAssertEqual(template.expressions.map(\.expression.source), ["name", "price * 2"])
        var context = TestContext()
        context.values = [.plain("name"): .string("Ann"), .plain("price"): number("10.25")]
        XCTAssertEqual(template.render(in: context).text, "Hi Ann, {total}: 20.5!")
        XCTAssertEqual(try render("plain }} and {{"), "plain } and {")
        XCTAssertTrue(try Template.parse("no holes").isPlain)
        XCTAssertEqual(try Template.parse("a {x} b").references.map(\.offset), [3])
    }

    func testBraceErrors() {
        XCTAssertEqual(parseError("Hi {name"), ExpressionSyntaxError("unclosed '{'; write '{{' for a literal brace", offset: 3))
        XCTAssertEqual(parseError("Hi } there")?.offset, 3)
        XCTAssertEqual(parseError("a {} b")?.offset, 2)
        XCTAssertEqual(parseError("a {  } b")?.offset, 2)
        // An error inside a hole points into the template text.
        XCTAssertEqual(parseError("Total: {1 + }"), ExpressionSyntaxError("expected an expression after '+'", offset: 12))
        XCTAssertEqual(parseError("Ok {'}'} {a $}")?.offset, 12)
    }

    /// ASCII texts take a byte path, Cyrillic and Latin-1 texts a scalar
    /// path, others the Character path: offsets must count Characters
    /// every way (é, e + combining accent, CR LF, Cyrillic, a Cyrillic
    /// combining mark).
    func testOffsetsCountCharactersOnEveryPath() throws {
        for (prefix, width) in [
            ("ab ", 3), ("é ", 2), ("e\u{301} ", 2), ("a\r\n", 2), ("Сумма — ", 8), ("Ты\u{483} ", 3), ("«Ґанок» ", 8),
        ] {
            XCTAssertEqual(prefix.count, width, prefix)
            let template = try Template.parse(prefix + "{x + 1}")
            XCTAssertEqual(template.expressions.map(\.offset), [width + 1], prefix)
            XCTAssertEqual(parseError(prefix + "{x $ 1}"), ExpressionSyntaxError("unknown character '$'", offset: width + 3), prefix)
            XCTAssertEqual(parseError(prefix + "}")?.offset, width, prefix)
            let escaped = try Template.parse(prefix + "{{a}} {x} " + prefix)
            XCTAssertEqual(escaped.expressions.map(\.offset), [width + 7], prefix)
            XCTAssertEqual(escaped.parts.compactMap { if case .literal(let text) = $0 { text } else { nil } },
                           [prefix + "{a} ", " " + prefix], prefix)
        }
        XCTAssertEqual(try Template.parse("{12}{0.50}").expressions.map(\.expression.root.tree), ["12", "0.5"])
    }

    func testDisplayOfValues() throws {
        var context = TestContext()
        context.values = [.plain("tags"): .list([.string("a"), .number(2)]), .plain("yes"): .bool(true), .plain("no"): .bool(false)]
        XCTAssertEqual(try render("[{missing}]", context), "[]")
        XCTAssertEqual(try render("{990 - 10.00}"), "980")
        XCTAssertEqual(try render("{1000000000000000000000000000000 + 0}"), "1000000000000000000000000000000")
        XCTAssertEqual(try render("{0.5 - 1}"), "-0.5")
        XCTAssertEqual(try render("{tags} {yes}/{no}", context), "a, 2 yes/no")
    }

    func testInsertedValuesAreData() throws {
        var context = TestContext()
        context.values = [.answer: .string("{1 + 1} }{")]
        XCTAssertEqual(try render("You said: {answer}", context), "You said: {1 + 1} }{")
    }

    func testFailingHoleInsertsNothing() throws {
        let template = try Template.parse("A{1 / 0}B{2}")
        let (text, errors) = template.render(in: TestContext())
        XCTAssertEqual(text, "AB2")
        XCTAssertEqual(errors, [EvaluationError("division by zero", offset: 4)])
    }
}
