@testable import CallGuide
@testable import CallGuideCLI
import XCTest

/// Which language the operator's screen speaks: `ui_language`, else
/// `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG), else English.
final class OperatorLanguageTests: XCTestCase {
    private func environment(_ values: [String: String]) -> (String) -> String? { { values[$0] } }

    func testOrderOfChoice() {
        let russianLocale = environment(["LANG": "ru_RU.UTF-8"])
        XCTAssertEqual(OperatorLanguage.choose(configured: .uk, callLanguage: "ru", environment: russianLocale).ui.language, .uk)
        XCTAssertEqual(OperatorLanguage.choose(configured: nil, callLanguage: "uk", environment: russianLocale).ui.language, .uk)
        XCTAssertEqual(OperatorLanguage.choose(configured: nil, callLanguage: nil, environment: russianLocale).ui.language, .ru)
        XCTAssertEqual(OperatorLanguage.choose(configured: nil, callLanguage: nil, environment: environment([:])).ui.language, .en)
        XCTAssertEqual(OperatorLanguage.choose(configured: nil, callLanguage: nil, environment: environment(["LANG": "C.UTF-8"])).ui.language, .en)
    }

    func testLocaleVariablesInPOSIXOrder() {
        let all = environment(["LC_ALL": "uk_UA.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"])
        XCTAssertEqual(OperatorLanguage.choose(configured: nil, callLanguage: nil, environment: all).ui.language, .uk)
        let messages = environment(["LC_ALL": "", "LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"])
        XCTAssertEqual(OperatorLanguage.choose(configured: nil, callLanguage: nil, environment: messages).ui.language, .ru)
    }

    /// A script language the screen has no table for goes on to the locale,
    /// and says so; a language the screen speaks needs no word.
    func testNoticeForAScriptLanguageWithoutATable() {
        let german = OperatorLanguage.choose(configured: nil, callLanguage: "de", environment: environment(["LANG": "uk_UA.UTF-8"]))
        XCTAssertEqual(german.ui.language, .uk)
        XCTAssertEqual(german.notice, "callguide: the script's texts are in 'de', but the operator screen has no 'de'; it speaks українська (from the locale); its languages are en, ru, uk, chosen with ui_language in callguide.yaml")
        XCTAssertNil(OperatorLanguage.choose(configured: nil, callLanguage: "ru", environment: environment([:])).notice)
        XCTAssertNil(OperatorLanguage.choose(configured: .en, callLanguage: "de", environment: environment([:])).notice)
    }

    func testCallLanguageMustExistSomewhere() throws {
        let script = try XCTUnwrap(ScriptLoader.load(Array("""
            callguide: 1
            id: t
            language: en
            nodes:
              hello: {say: {en: Hello, de: Hallo}}
              done: {end: ok}
            """.utf8)).checked)
        XCTAssertNoThrow(try OperatorLanguage.checkCallLanguage("de", script: script, command: "run"))
        XCTAssertNoThrow(try OperatorLanguage.checkCallLanguage("uk", script: script, command: "run"))
        XCTAssertThrowsError(try OperatorLanguage.checkCallLanguage("fr", script: script, command: "run")) { error in
            XCTAssertEqual(error as? CommandError, .usage(command: "run", message: "unknown language 'fr' for --lang: the script's texts are in en, de, and the operator screen speaks en, ru, uk"))
        }
        XCTAssertThrowsError(try OperatorLanguage.checkCallLanguage("DE", script: script, command: "run")) { error in
            guard case .usage(_, let message)? = error as? CommandError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasSuffix("(did you mean 'de'? language codes are lower case, as the script writes them)"), message)
        }
    }
}
