import XCTest
@testable import CallGuide

/// The operator screen's tables: complete in every language, with the same
/// placeholders as English, and used by the engine's answer errors.
final class UITextTests: XCTestCase {
    /// A table that lacks a key would show that key in English on a Russian
    /// or Ukrainian screen: this fails first, naming the language and keys.
    func testEveryLanguageHasEveryKey() {
        for language in UILanguage.allCases {
            let missing = UIMessage.allCases.filter { language.table[$0] == nil }
            XCTAssertEqual(missing.map(\.rawValue), [], "the \(language.rawValue) table lacks these keys")
            let empty = UIMessage.allCases.filter { language.table[$0]?.isEmpty == true }
            XCTAssertEqual(empty.map(\.rawValue), [], "the \(language.rawValue) table has empty texts")
        }
    }

    func testEveryTranslationKeepsEnglishPlaceholders() {
        for language in UILanguage.allCases where language != .en {
            for message in UIMessage.allCases {
                guard let english = UITables.english[message], let text = language.table[message] else { continue }
                XCTAssertEqual(UIText.placeholders(text), UIText.placeholders(english),
                               "\(language.rawValue).\(message.rawValue): '\(text)'")
            }
        }
    }

    /// A translation is a translation: Russian and Ukrainian texts that hold
    /// words are not English ones left in place.
    func testRussianAndUkrainianAreTranslated() {
        let sameEverywhere: Set<UIMessage> = []
        for language in [UILanguage.ru, .uk] {
            let untranslated = UIMessage.allCases.filter {
                !sameEverywhere.contains($0) && language.table[$0] == UITables.english[$0]
            }
            XCTAssertEqual(untranslated.map(\.rawValue), [], "\(language.rawValue) keeps English texts")
        }
        XCTAssertNotEqual(UITables.russian[.expectedNumber], UITables.ukrainian[.expectedNumber])
    }

    func testFillReplacesPlaceholdersOnceAndKeepsTypedBraces() {
        let ui = UIText(.en)
        XCTAssertEqual(ui(.notAnOption, "{2}", "1 a, 2 b"), "'{2}' is not an option; expected one of: 1 a, 2 b")
        XCTAssertEqual(ui(.statusRefused, "new", "vip"), "the card's status cannot change from 'new' to 'vip'; it stays 'new'")
        XCTAssertEqual(UIText.fill("{1} and {3} and {", ["a"]), "a and {3} and {")
        XCTAssertEqual(UIText(.ru)(.callEnded, "sale"), "Звонок завершён: sale")
        XCTAssertEqual(UIText(.uk)(.callEnded, "sale"), "Дзвінок завершено: sale")
    }

    func testLocaleNames() {
        XCTAssertEqual(UILanguage(locale: "ru_RU.UTF-8"), .ru)
        XCTAssertEqual(UILanguage(locale: "uk_UA@euro"), .uk)
        XCTAssertEqual(UILanguage(locale: "en_GB.UTF-8"), .en)
        XCTAssertEqual(UILanguage(locale: "ru"), .ru)
        XCTAssertNil(UILanguage(locale: "C.UTF-8"))
        XCTAssertNil(UILanguage(locale: "POSIX"))
        XCTAssertNil(UILanguage(locale: "de_DE.UTF-8"))
    }

    func testDisplayShowsBooleansInTheScreensLanguage() {
        XCTAssertEqual(UIText(.ru).display(.bool(true)), "да")
        XCTAssertEqual(UIText(.uk).display(.bool(false)), "ні")
        XCTAssertEqual(UIText(.en).display(.bool(true)), "yes")
        XCTAssertEqual(UIText(.ru).display(.string("Olga")), "Olga")
    }

    // MARK: The engine speaks the screen's language

    private let script = """
        callguide: 1
        id: lang
        nodes:
          budget: {ask: Budget?, type: number, min: 10, max: 100}
          when_: {ask: When?, type: date}
          pay: {ask: How?, type: choice, options: [bank_card, cash]}
          close: {end: done}
        """

    func testAnswerErrorsInRussianAndUkrainian() throws {
        let loaded = try XCTUnwrap(loadScript(script))
        for (language, expected) in [
            (UILanguage.ru, ["нужно число, например 1500 или 1 500,50", "нужно число от 10 до 100",
                             "такой даты нет: 31.02.2026", "нужен один из вариантов: 1 bank_card, 2 cash"]),
            (.uk, ["потрібне число, наприклад 1500 або 1 500,50", "потрібне число від 10 до 100",
                   "такої дати немає: 31.02.2026", "потрібен один із варіантів: 1 bank_card, 2 cash"]),
            (.en, ["expected a number, e.g. 1500 or 1 500,50", "expected a number from 10 to 100",
                   "there is no such date: 31.02.2026", "expected one of: 1 bank_card, 2 cash"]),
        ] {
            var session = CallSession(script: loaded, context: testContext())
            session.ui = UIText(language)
            var events = session.start()
            for line in ["lots", "500", "50", "31.02.2026", "2026-03-01", "cheque"] { events += session.handle(line) }
            let errors = events.compactMap { event -> String? in
                if case .invalid(_, _, let error) = event { return error }
                return nil
            }
            XCTAssertEqual(errors, expected, language.rawValue)
        }
    }

    /// `:back` recomputes the call in a new session: it keeps the language.
    func testBackKeepsTheLanguage() throws {
        let loaded = try XCTUnwrap(loadScript(script))
        var session = CallSession(script: loaded, context: testContext())
        session.ui = UIText(.uk)
        _ = session.start()
        _ = session.handle("50")
        _ = session.handle(":back")
        XCTAssertEqual(session.ui.language, .uk)
        let events = session.handle(":skip") + session.handle(":bakc")
        let errors = events.compactMap { event -> String? in
            if case .invalid(_, _, let error) = event { return error }
            return nil
        }
        XCTAssertEqual(errors, ["питання «budget» обов'язкове, пропустити його не можна",
                                "немає такої команди ':bakc' (можливо, ':back'?); список команд — :help"])
    }

    /// Transcripts keep the words of `invalid` events; replay never compares
    /// them, so a call made on a Russian screen replays on an English one.
    func testReplayIgnoresTheScreensWords() throws {
        let loaded = try XCTUnwrap(loadScript(script))
        var session = CallSession(script: loaded, context: testContext())
        session.ui = UIText(.ru)
        var events = session.start()
        for line in ["lots", "50", "2026-03-01", "cash"] { events += session.handle(line) }
        let recorded = events.enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
        for compareTexts in [false, true] {
            let result = Replayer.replay(recorded, against: loaded, startedAt: "2026-11-23T10:00:00.000Z", compareTexts: compareTexts)
            XCTAssertNil(result.divergence, "\(String(describing: result.divergence))")
        }
    }
}
