@testable import CallGuideCLI
import XCTest

final class EditLineReaderPromptTests: XCTestCase {
    func testPlainPromptIsUnchanged() {
        XCTAssertEqual(EditLineReader.markInvisible("Name? "), "Name? ")
    }

    func testColourEscapesAreMarkedInvisible() {
        let prompt = TerminalStyle(usesColor: true).bold("Q1") + " > "
        XCTAssertEqual(EditLineReader.markInvisible(prompt), "\u{1}\u{1b}[1m\u{1}Q1\u{1}\u{1b}[0m\u{1} > ")
    }

    func testStrayDelimitersInThePromptAreDropped() {
        XCTAssertEqual(EditLineReader.markInvisible("a\u{1}b"), "ab")
    }
}
