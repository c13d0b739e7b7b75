import XCTest
@testable import CallGuide

final class OperatorInputTests: XCTestCase {
    func testUnicodeWhitespaceAroundALineIsTrimmed() {
        XCTAssertEqual(OperatorInput(line: "\u{00A0}yes\u{3000}"), .answer("yes"))
        XCTAssertEqual(OperatorInput(line: "\t 20 000 "), .answer("20 000"))
        XCTAssertEqual(OperatorInput(line: "!\u{2003}price "), .handler("price"))
        XCTAssertEqual(OperatorInput(line: ":note\u{2009} call at 5\u{00A0}"), .command(name: "note", argument: "call at 5"))
        XCTAssertEqual(OperatorInput(line: "\u{2003}"), .empty)
    }

    func testVisibleEndsAreKeptExactly() {
        XCTAssertEqual(OperatorInput(line: "Іван"), .answer("Іван"))
        XCTAssertEqual(OperatorInput(line: "a\u{0301}"), .answer("a\u{0301}"))
        XCTAssertEqual(OperatorInput(line: "a  b"), .answer("a  b"))
        XCTAssertEqual(OperatorInput(line: ":back"), .command(name: "back", argument: ""))
        XCTAssertEqual(OperatorInput(line: "\n"), .answer("\n"))
    }
}
