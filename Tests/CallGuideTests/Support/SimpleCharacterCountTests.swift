import XCTest
@testable import CallGuide

/// The byte-level Character count is either `String.count` or nil.
final class SimpleCharacterCountTests: XCTestCase {
    private func count(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { simpleCharacterCount($0) }
    }

    func testScriptTextsAreCountedOnTheirBytes() {
        for text in [
            "Hello, {call.operator}!", "Добрый день! Меня зовут {call.operator}, магазин «ДомТехника».",
            "Добрий день! Чим можу допомогти? Ґанок, їжак, єнот, і все.", "Сумма — 12.90 €… “quoted”",
            "café déjà vu", "tab\tand\nnewline", "",
        ] {
            XCTAssertEqual(count(text), text.count, text)
        }
    }

    func testScalarsThatMayJoinTheirNeighbourAreLeftToString() {
        for text in [
            "cafe\u{301}", "Ты\u{483} он", "line\r\nnext", "a\u{200D}b", "zero\u{200B}width", "\u{2028}",
            "👍🏽 ok", "🇺🇦", "한국어", "ह\u{93F}न्दी",
        ] {
            XCTAssertNil(count(text), text.debugDescription)
        }
    }

    func testRandomTextsNeverDisagreeWithString() {
        let pieces = ["a", " ", "{", "Ж", "ї", "«", "—", "\u{301}", "\u{483}", "\r", "\n", "é", "€", "\u{200D}", "👍", "\u{1F3FD}", "Ω"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            if let counted = count(text) { XCTAssertEqual(counted, text.count, text.debugDescription) }
        }
    }
}
