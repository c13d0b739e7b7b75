@testable import CallGuide
import XCTest

/// W107: conditions on a bounded question that no answer can make true.
final class ImpossibleConditionTests: XCTestCase {
    private func w106(_ condition: String, rules: Bool = false) -> [String] {
        let guarded = rules
            ? "  route:\n    next:\n      - if: \(condition)\n        goto: done\n"
            : "  route:\n    when: \(condition)\n    say: Dead?\n"
        let yaml = """
            callguide: 1
            id: w
            variables: {total: 0}
            nodes:
              age: {ask: Age?, type: integer, min: 18, max: 60}
              score: {ask: Score?, type: nps}
              free: {ask: Amount?, type: number}

            """ + guarded + "  done: {end: ok}\n"
        return ScriptLoader.load(Array(yaml.utf8)).diagnostics.filter { $0.code == .W107 }.map { "\($0.location.line):\($0.location.column) \($0.message)" }
    }

    func testComparisonsBeyondTheBoundsAreFound() {
        XCTAssertEqual(w106("age > 65"), ["9:15 the 'when' of 'route' can never be true: 'age' is at most 60"])
        XCTAssertEqual(w106("age >= 61").count, 1)
        XCTAssertEqual(w106("age < 18").first?.hasSuffix("'age' is at least 18"), true)
        XCTAssertEqual(w106("age <= 17").count, 1)
        XCTAssertEqual(w106("age == 70").count, 1)
        XCTAssertEqual(w106("65 < age").count, 1, "the constant on the left")
        XCTAssertEqual(w106("score > 10").first?.hasSuffix("'score' is at most 10"), true)
        XCTAssertEqual(w106("age > 60 and score > 5").count, 1)
        XCTAssertEqual(w106("age > 60 or score > 10").count, 1)
        XCTAssertEqual(w106("age > 65", rules: true), ["10:17 rule 1 of 'route' can never be true: 'age' is at most 60"])
    }

    func testWhatAnAnswerCanMakeTrueIsLeftAlone() {
        for condition in ["age >= 60", "age < 19", "age == 18", "age != 70", "age > 60 or score > 5", "free > 1000000",
                          "total > 100", "not (age > 65)", "59 < age"] {
            XCTAssertEqual(w106(condition), [], condition)
        }
    }
}
