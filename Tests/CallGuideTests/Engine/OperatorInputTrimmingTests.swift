import Foundation
import XCTest
@testable import CallGuide

/// The engine's own trimming must equal Foundation's `.whitespaces`
/// trimming on every input, its fast ASCII cases included.
final class OperatorInputTrimmingTests: XCTestCase {
    private let samples = [
        "", " ", "\t", " \t ", "yes", " yes", "yes ", "\tyes\t", "  call back at 5  ", "a", " a ", "\u{00A0}a\u{00A0}",
        " é ", "é", " \u{2003}x ", "x\u{3000}", "\n x \n", " \u{1F600} ", "a \t b", " \t\u{00A0} ", "\u{0301}a ",
    ]

    func testTrimmingMatchesFoundation() {
        for sample in samples {
            let expected = sample.trimmingCharacters(in: .whitespaces)
            XCTAssertEqual(OperatorInput.trimmingWhitespace(sample), expected, sample.debugDescription)
            XCTAssertEqual(OperatorInput.trimmingWhitespace(sample[...]), expected, sample.debugDescription)
            // A part of a longer line (a combining mark would join the "x").
            guard sample.unicodeScalars.first?.properties.generalCategory != .nonspacingMark else { continue }
            let sliced = ("x" + sample).dropFirst()
            XCTAssertEqual(OperatorInput.trimmingWhitespace(sliced), expected, sample.debugDescription)
        }
    }

    func testCommandArgumentsAreTrimmed() {
        XCTAssertEqual(OperatorInput(line: ":note   call back \t"), .command(name: "note", argument: "call back"))
        XCTAssertEqual(OperatorInput(line: ":hangup \u{00A0}busy\u{00A0}"), .command(name: "hangup", argument: "busy"))
        XCTAssertEqual(OperatorInput(line: ":note \t "), .command(name: "note", argument: ""))
    }
}
