import XCTest
@testable import CallGuide

final class ExpressionParserTests: XCTestCase {
    func tree(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            return try ExpressionParser.parse(source).root.tree
        } catch {
            XCTFail("\(source): \(error.message) at \(error.offset)", file: file, line: line)
            return ""
        }
    }

    func testPrecedenceLoosestFirst() {
        XCTAssertEqual(tree("1 + 2 * 3"), "(+ 1 (* 2 3))")
        XCTAssertEqual(tree("(1 + 2) * 3"), "(* (+ 1 2) 3)")
        XCTAssertEqual(tree("a or b and c"), "(or a (and b c))")
        XCTAssertEqual(tree("not a == b"), "(not (== a b))")
        XCTAssertEqual(tree("a == 1 and b != 2 or c"), "(or (and (== a 1) (!= b 2)) c)")
        XCTAssertEqual(tree("x in [1, 2] == true"), "(== (in x [1 2]) true)")
        XCTAssertEqual(tree("a + 1 in b"), "(in (+ a 1) b)")
        XCTAssertEqual(tree("-a * b"), "(* (- a) b)")
        XCTAssertEqual(tree("2 * -3"), "(* 2 (- 3))")
        XCTAssertEqual(tree("10 - 3 - 2"), "(- (- 10 3) 2)")
        XCTAssertEqual(tree("7 % 3 / 2"), "(/ (% 7 3) 2)")
        XCTAssertEqual(tree("not not a"), "(not (not a))")
    }

    func testLiteralsAndNames() {
        XCTAssertEqual(tree("3.50"), "3.5")
        XCTAssertEqual(tree("'it\\'s' + \"a \\\"b\\\" \\\\ \\n\""), "(+ 'it's' 'a \"b\" \\ \n')")
        XCTAssertEqual(tree("[true, false, null, []]"), "[true false null []]")
        XCTAssertEqual(tree("card.name == call.operator"), "(== card.name call.operator)")
        XCTAssertEqual(tree("answer"), "answer")
        XCTAssertEqual(tree("бюджет_2 > 5"), "(> бюджет_2 5)")
        XCTAssertEqual(tree("round(price * 0.9, 2)"), "round((* price 0.9) 2)")
        XCTAssertEqual(tree("today()"), "today()")
        XCTAssertEqual(tree("card.status"), "card.status")
    }

    func testReferencesWithOffsets() throws {
        let e = try ExpressionParser.parse("answered(plan) and card.name != budget")
        XCTAssertEqual(e.references.map(\.name), [.plain("plan"), .card("name"), .plain("budget")])
        XCTAssertEqual(e.references.map(\.offset), [9, 19, 32])
        XCTAssertEqual(try ExpressionParser.parse("call.script + answer").references.map(\.name), [.call("script"), .answer])
        XCTAssertEqual(try ExpressionParser.parse("ключ == 'да'").references.map(\.offset), [0])
    }

    /// A module's question read from the card's earlier calls: `last.` then
    /// the qualified id, as the stored answers carry it (script language 9.1).
    func testLastTakesAModulesQualifiedQuestion() throws {
        XCTAssertEqual(try ExpressionParser.parse("last.closing.nps >= 9").references.map(\.name), [.last("closing.nps")])
        XCTAssertEqual(try ExpressionParser.parse("last.a.b.c").references.map(\.name), [.last("a.b.c")])
        XCTAssertEqual(try ExpressionParser.parse("task.note").references.map(\.name), [.task("note")])
        XCTAssertThrowsError(try ExpressionParser.parse("last.closing."))
        XCTAssertThrowsError(try ExpressionParser.parse("task.note.x"))
    }

    func testAnsweredGuards() throws {
        XCTAssertEqual(try ExpressionParser.parse("answered(a) and answered(b)").answeredGuards, ["a", "b"])
        XCTAssertEqual(try ExpressionParser.parse("answered(a) and x > 3").answeredGuards, ["a"])
        XCTAssertEqual(try ExpressionParser.parse("answered(a) or answered(b)").answeredGuards, [])
        XCTAssertEqual(try ExpressionParser.parse("not answered(a)").answeredGuards, [])
        XCTAssertEqual(try ExpressionParser.parse("(answered(a) and (answered(b)))").answeredGuards, ["a", "b"])
    }

    func testComparisonsDoNotChain() {
        let error = syntaxError("a < b < c")
        XCTAssertEqual(error, ExpressionSyntaxError("comparisons do not chain; use 'and'", offset: 6))
        XCTAssertEqual(syntaxError("1 == 1 != true")?.offset, 7)
        XCTAssertNil(syntaxError("(a < b) == true"))
    }

    func testSyntaxErrorsWithOffsets() {
        XCTAssertEqual(syntaxError("1 +"), ExpressionSyntaxError("expected an expression after '+'", offset: 3))
        XCTAssertEqual(syntaxError("a and or b"), ExpressionSyntaxError("expected an expression after 'and'", offset: 6))
        XCTAssertEqual(syntaxError("(1 + 2"), ExpressionSyntaxError("unclosed '('", offset: 0))
        XCTAssertEqual(syntaxError("len(a"), ExpressionSyntaxError("unclosed '('", offset: 3))
        XCTAssertEqual(syntaxError("[1, 2"), ExpressionSyntaxError("unclosed '['", offset: 0))
        XCTAssertEqual(syntaxError("a $ b"), ExpressionSyntaxError("unknown character '$'", offset: 2))
        XCTAssertEqual(syntaxError("x == 'abc"), ExpressionSyntaxError("unterminated string", offset: 5))
        XCTAssertEqual(syntaxError(""), ExpressionSyntaxError("expected an expression", offset: 0))
        XCTAssertEqual(syntaxError("a b")?.offset, 2)
        XCTAssertEqual(syntaxError("1 + 2)")?.offset, 5)
        XCTAssertEqual(syntaxError("a = 1")?.message, "unknown character '='; to compare, write '=='")
        XCTAssertEqual(syntaxError("a && b")?.message, "unknown operator '&&'; write 'and'")
        XCTAssertEqual(syntaxError("'a\\q'")?.offset, 2)
        XCTAssertEqual(syntaxError("[1, ]")?.message, "expected an expression after ','")
        XCTAssertEqual(syntaxError("card")?.offset, 4)
        XCTAssertEqual(syntaxError("card.")?.message, "expected a field name after 'card.'")
        XCTAssertEqual(syntaxError("answered(1)")?.offset, 0)
        XCTAssertEqual(syntaxError("answered(a, b)")?.offset, 0)
    }

    func testReservedWordsAreNotNames() {
        for word in ["and", "or", "in"] {
            XCTAssertNotNil(syntaxError("\(word) + 1"), word)
        }
        XCTAssertNotNil(syntaxError("card + 1"))
        XCTAssertNotNil(syntaxError("null(1)"))
        XCTAssertNotNil(syntaxError("answer(1)"))
        XCTAssertTrue(ExpressionParser.isIdentifier("клиент_1"))
        XCTAssertTrue(ExpressionParser.isIdentifier("_x"))
        XCTAssertFalse(ExpressionParser.isIdentifier("1x"))
        XCTAssertFalse(ExpressionParser.isIdentifier("a-b"))
        XCTAssertFalse(ExpressionParser.isIdentifier(""))
    }

    func testOffsetsCountCharacters() {
        // "é" as e + combining accent is one Character.
        XCTAssertEqual(syntaxError("'e\u{301}' $")?.offset, 4)
        XCTAssertEqual(syntaxError("имя + $")?.offset, 6)
    }

    func testNestingIsBounded() {
        let fine = String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)
        XCTAssertNil(syntaxError(fine))
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        XCTAssertEqual(syntaxError(deep)?.offset, 64)
        XCTAssertNotNil(syntaxError(String(repeating: "not ", count: 10_000) + "a"))
        XCTAssertNotNil(syntaxError(String(repeating: "-", count: 10_000) + "1"))
        XCTAssertNotNil(syntaxError(String(repeating: "[", count: 10_000)))
        XCTAssertNotNil(syntaxError(String(repeating: "len(", count: 10_000)))
        let longChain = Array(repeating: "1", count: 10_000).joined(separator: " + ")
        XCTAssertEqual(syntaxError(longChain)?.message, "expression is too long or nested too deeply")
        let shortChain = Array(repeating: "1", count: 100).joined(separator: " + ")
        XCTAssertEqual(try evaluate(shortChain), .number(100))
    }
}

final class ExpressionParserMessageTests: XCTestCase {
    func testNotAfterAComparisonNeedsParentheses() {
        XCTAssertEqual(syntaxError("a == not b"), ExpressionSyntaxError("put 'not ...' in parentheses here", offset: 5))
        XCTAssertNil(syntaxError("a == (not b)"))
    }

    func testTheAliasNamesTheSameType() throws {
        let e: ScriptExpression = try ExpressionParser.parse("1 + 1")
        XCTAssertEqual(e.source, "1 + 1")
        XCTAssertEqual(e.startOffset, 0)
    }
}
