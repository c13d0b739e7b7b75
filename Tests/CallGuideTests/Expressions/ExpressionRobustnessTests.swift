import XCTest
@testable import CallGuide

/// Random input never crashes, and every error points inside the text.
final class ExpressionRobustnessTests: XCTestCase {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    let pieces = ["1", "0", "2.5", "'a'", "\"b\\n\"", "'", "x", "plan", "answer", "card.name", "call.", "(", ")", "[", "]",
                  ",", "+", "-", "*", "/", "%", "==", "<", ">=", "!=", "and", "or", "not", "in", "null", "true",
                  "len(", "round(", "answered(", "days_between(", "today()", "{", "}", "{{", " ", "$", "é", "\\"]

    func testRandomInputsNeverCrash() {
        var random = Generator(state: 42)
        var context = TestContext()
        context.values = [.plain("x"): .number(3), .plain("plan"): .string("pro")]
        let question = Question(text: LocalizedText(variants: [], location: .unknown), type: .text)
        for _ in 0..<3000 {
            let text = (0..<random.next(12)).map { _ in pieces[random.next(pieces.count)] }.joined()
            let length = text.count
            do {
                let e = try ExpressionParser.parse(text)
                do {
                    _ = try e.evaluate(in: context)
                } catch {
                    XCTAssertTrue((0...length).contains(error.offset), text)
                }
                let checked = ExpressionTypeChecker.check(e, expecting: .bool, in: TestEnvironment())
                XCTAssertTrue(checked.problems.allSatisfy { (0...length).contains($0.offset) }, text)
            } catch {
                XCTAssertTrue((0...length).contains(error.offset), text)
            }
            do {
                let t = try Template.parse(text)
                XCTAssertTrue(t.render(in: context).errors.allSatisfy { (0...length).contains($0.offset) }, text)
            } catch {
                XCTAssertTrue((0...length).contains(error.offset), text)
            }
            for type in AnswerType.allCases {
                var q = question
                q.type = type
                if case .success(let value) = AnswerParser.parse(text, for: q, language: nil, fallback: nil) {
                    XCTAssertFalse(value.isNull, text)
                }
            }
        }
    }
}
