import XCTest
@testable import CallGuide

/// `Question` keeps its fields in a shared box: it must still behave as a
/// value, and still print its fields.
final class QuestionValueTests: XCTestCase {
    private let text = LocalizedText(variants: [], location: .unknown)

    func testSettingAFieldOfACopyLeavesTheOriginalAlone() {
        let original = Question(text: text, type: .choice, options: [
            Option(key: "a", label: text, location: .unknown),
        ], optional: false)
        var copy = original
        copy.optional = true
        copy.options.append(Option(key: "b", label: text, goto: "next", location: .unknown))
        copy.saveLocation = SourceLocation(line: 3, column: 5)
        XCTAssertFalse(original.optional)
        XCTAssertEqual(original.options.map(\.key), ["a"])
        XCTAssertNil(original.saveLocation)
        XCTAssertTrue(copy.optional)
        XCTAssertEqual(copy.options.map(\.key), ["a", "b"])
        XCTAssertEqual(copy.option("b")?.goto, "next")
        XCTAssertEqual(copy.saveLocation, SourceLocation(line: 3, column: 5))
        XCTAssertEqual(copy.type, .choice)
    }

    func testAQuestionPrintsItsFields() {
        let question = Question(text: text, type: .number, min: 1, max: 5, optional: true)
        let printed = "\(question)"
        for part in ["type: CallGuide.AnswerType.number", "optional: true", "max: Optional(5)"] {
            XCTAssertTrue(printed.contains(part), "\(part) not in \(printed)")
        }
    }
}
