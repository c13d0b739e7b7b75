@testable import CallGuide
import XCTest

/// W105 grouped (issue 16): a language few texts have is one warning.
final class LanguageCoverageTests: XCTestCase {
    private func script(texts: [String]) -> [UInt8] {
        var yaml = "callguide: 1\nid: w\nlanguage: ru\nnodes:\n"
        for (index, text) in texts.enumerated() { yaml += "  n\(index):\n    say: \(text)\n" }
        return Array((yaml + "  done:\n    end: ok\n").utf8)
    }

    func testOneMisspeltLanguageCodeIsOneWarningWithDidYouMean() {
        let texts = (0..<23).map { "{ru: Привет \($0), uk: Привіт \($0)}" } + ["{ru: Пока, ua: Бувай}"]
        let diagnostics = ScriptLoader.load(script(texts: texts)).diagnostics
        XCTAssertEqual(diagnostics.map(\.code), [.W105])
        XCTAssertEqual(diagnostics.first?.message, "'ua' is the language of 1 text only; 23 other texts have no 'ua' version")
        XCTAssertEqual(diagnostics.first?.hint, "did you mean 'uk'?")
        XCTAssertEqual(diagnostics.first?.location.line, 4 + 23 * 2 + 2)
    }

    func testALanguageFewTextsHaveIsOneWarningToAddOrRemoveIt() {
        let texts = (0..<5).map { "{ru: Привет \($0), uk: Привіт \($0)}" } + ["{ru: Пока, uk: Бувай, en: Bye}"]
        let diagnostics = ScriptLoader.load(script(texts: texts)).diagnostics
        XCTAssertEqual(diagnostics.map(\.message), ["'en' is the language of 1 text only; 5 other texts have no 'en' version"])
        XCTAssertEqual(diagnostics.first?.hint, "add 'en' to the other texts, or remove it")
    }

    func testTextsMissingAWidelyUsedLanguageAreEachNamed() {
        let texts = (0..<3).map { "{ru: Привет \($0), uk: Привіт \($0)}" } + ["{ru: Пока}", "{ru: Ещё}"]
        let diagnostics = ScriptLoader.load(script(texts: texts)).diagnostics
        XCTAssertEqual(diagnostics.map(\.message), Array(repeating: "this text has no 'uk' version, which other texts of the script have", count: 2))
    }
}
