@testable import CallGuideCLI
import CallGuide
import XCTest

/// The caret underlines the whole token, as Swift and rustc do (issue 16).
final class DiagnosticRendererTests: XCTestCase {
    private func caretLine(_ source: String, line: Int = 1, column: Int, length: Int? = nil) -> String {
        let file = SourceFile(path: "s.yaml", bytes: Array(source.utf8))
        let diagnostic = Diagnostic(.E006, "m", at: SourceLocation(line: line, column: column), length: length)
        let lines = DiagnosticRenderer(style: .plain).render(diagnostic, in: file).split(separator: "\n")
        return lines.count > 2 ? String(lines[2]) : ""
    }

    func testANameIsUnderlinedWhole() {
        XCTAssertEqual(caretLine("    next: dnoe\n", column: 11), "          ^~~~")
        XCTAssertEqual(caretLine("    say: Hello {card.nmae}\n", column: 17), "                ^~~~~~~~~")
        XCTAssertEqual(caretLine("  будже:\n", column: 3), "  ^~~~~")
    }

    func testAQuotedStringIsUnderlinedToItsClosingQuote() {
        XCTAssertEqual(caretLine("  - if: pay == 'card'\n", column: 16), "               ^~~~~~")
    }

    func testPunctuationIsOneCaretAndALengthWins() {
        XCTAssertEqual(caretLine("  greet: {say: x\n", column: 10), "         ^")
        XCTAssertEqual(caretLine("  wants to buy now:\n", column: 3, length: 16), "  ^" + String(repeating: "~", count: 15))
        // Never past the end of the line.
        XCTAssertEqual(caretLine("  ab\n", column: 3, length: 40), "  ^~")
    }

    func testTokenLength() {
        XCTAssertEqual(DiagnosticRenderer.tokenLength("card.name == 1"), 9)
        XCTAssertEqual(DiagnosticRenderer.tokenLength("name."), 4)
        XCTAssertEqual(DiagnosticRenderer.tokenLength("'open"), 1)
        XCTAssertEqual(DiagnosticRenderer.tokenLength(""), 1)
    }
}
