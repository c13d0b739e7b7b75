import CallGuide
import Foundation
import Glibc
import XCTest

/// The operator's screen in Russian and Ukrainian (issue 16), driven through
/// the real binary with piped input: chosen by `ui_language`, `--lang` or the
/// locale, and unknown codes refused with what exists.
final class EndToEndLocalizationTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    static let script = """
        callguide: 1
        id: lang_call
        language: en
        title: {en: Language call, ru: Звонок на трёх языках, uk: Дзвінок трьома мовами}
        outcomes:
          done: {label: {en: Done, ru: Готово, uk: Завершено}, converted: false}
        handlers:
          price: {label: {en: Price objection, ru: Возражение по цене, uk: Заперечення щодо ціни}, start: discount}
        nodes:
          greeting:
            say: {en: "Hello!", ru: "Здравствуйте!", uk: "Добрий день!"}
          budget:
            ask: {en: "What budget?", ru: "Какой бюджет?", uk: "Який бюджет?"}
            type: number
            min: 10
            max: 1000
            hint: {en: "Ask gently.", ru: "Спросите мягко.", uk: "Запитайте м'яко."}
          wants:
            ask: {en: "Delivery?", ru: "Нужна доставка?", uk: "Потрібна доставка?"}
            type: yesno
            optional: true
          close:
            end: done
          discount:
            say: {en: "Ten percent off.", ru: "Скидка десять процентов.", uk: "Знижка десять відсотків."}
          back_to_call:
            return: true
        """

    private let answers = ["много", "5000", ":skip", ":hlp", ":help", "!prise", "500", ":history", ":card", "да"]

    private func input(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

    func testRussianScreenChosenByLang() throws {
        let script = try sandbox.write("lang.yaml", Self.script)
        let transcript = sandbox.path("ru.jsonl")
        let result = try sandbox.callguide(["run", script, "--lang", "ru", "--card", "+7 900 555-44-33", "--transcript", transcript],
                                           input: input(answers))
        XCTAssertEqual(result.status, 0, result.stderr)
        let out = result.stdout
        for expected in [
            "Новый клиент: для номера +7 900 555-44-33 заведена карточка",
            "(имя пока неизвестно)", "Раньше звонков не было.",
            "Здравствуйте!", "Какой бюджет?", "  (число)", "  подсказка: Спросите мягко.",
            "  ✗ нужно число, например 1500 или 1 500,50",
            "  ✗ нужно число от 10 до 1000",
            "  ✗ вопрос «budget» обязательный, пропустить его нельзя",
            "  ✗ нет такой команды ':hlp' (может быть, ':help'?); список команд — :help",
            "Команды:", "  :back             отменить последний ответ и задать тот вопрос снова",
            "Обработчики (возражения, вопросы клиента):", "  !price           Возражение по цене",
            "  ✗ нет обработчика 'prise' (может быть, '!price'?)",
            "  budget: 500",
            "Нужна доставка?", "  (да/нет, можно :skip)",
            "Звонок завершён: done — Готово",
        ] {
            XCTAssertTrue(out.contains(expected), "missing «\(expected)» in:\n\(out)")
        }
        XCTAssertFalse(out.contains("expected"), out)
        XCTAssertFalse(out.contains("Commands:"), out)
        XCTAssertTrue(result.stderr.contains("Запись звонка: \(transcript)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("сохранён в"), result.stderr)

        // The transcript keeps the Russian words of what was refused; replay,
        // which never compares them, takes the call on an English screen.
        let document = try sandbox.transcript(transcript)
        let errors = document.lines.compactMap { line -> String? in
            if case .invalid(_, _, let error) = line.event { return error }
            return nil
        }
        XCTAssertEqual(errors.first, "нужно число, например 1500 или 1 500,50")
        let replay = try sandbox.callguide(["replay", script, transcript, "--text"])
        XCTAssertEqual(replay.status, 0, replay.stdout + replay.stderr)
    }

    func testUkrainianScreenChosenByTheLocale() throws {
        let script = try sandbox.write("lang.yaml", Self.script)
        let result = try sandbox.callguide(["run", script, "--transcript", sandbox.path("uk.jsonl")],
                                           input: input(["lots", "500", ":history", "так"]),
                                           environment: ["LANG": "uk_UA.UTF-8"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let out = result.stdout
        // The script's texts stay in its language; the screen is Ukrainian.
        for expected in ["What budget?", "  (число)", "  підказка: Ask gently.", "  ✗ потрібне число, наприклад 1500 або 1 500,50",
                         "  budget: 500", "  (так/ні, можна :skip)", "Дзвінок завершено: done — Done"] {
            XCTAssertTrue(out.contains(expected), "missing «\(expected)» in:\n\(out)")
        }
        // LC_ALL wins over LANG, as POSIX says.
        let english = try sandbox.callguide(["run", script, "--transcript", sandbox.path("en.jsonl")], input: input(["500", "y"]),
                                            environment: ["LANG": "uk_UA.UTF-8", "LC_ALL": "en_US.UTF-8"])
        XCTAssertTrue(english.stdout.contains("Call ended: done"), english.stdout)

        // The built-in outcomes read in the screen's language too.
        let hangup = try sandbox.callguide(["run", script, "--transcript", sandbox.path("hangup.jsonl")],
                                           input: input([":hangup передзвонить"]), environment: ["LANG": "uk_UA.UTF-8"])
        XCTAssertTrue(hangup.stdout.contains("Дзвінок завершено: hangup — дзвінок перервано (передзвонить)"), hangup.stdout)
        let abandoned = try sandbox.callguide(["run", script, "--transcript", sandbox.path("abandoned.jsonl")], input: "")
        XCTAssertTrue(abandoned.stdout.contains("Call ended: abandoned\n"), abandoned.stdout)
    }

    /// `ui_language` in callguide.yaml chooses the screen whatever `--lang`
    /// and the locale say; `--lang` still chooses the script's texts.
    func testWorkspaceUILanguageWins() throws {
        try sandbox.write("shop/callguide.yaml", "ui_language: uk\n")
        let script = try sandbox.write("shop/lang.yaml", Self.script)
        let result = try sandbox.callguide(["run", script, "--lang", "ru", "--transcript", sandbox.path("shop.jsonl")],
                                           input: input([":help", "500", "ні"]), environment: ["LANG": "ru_RU.UTF-8"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Какой бюджет?"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Команди:"), result.stdout)
        // The arguments are named in the screen's language, and the column
        // fits the longest command rather than cutting it.
        XCTAssertTrue(result.stdout.contains("  :hangup [ПРИЧИНА] завершити дзвінок зараз (підсумок hangup)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  :note ТЕКСТ       додати нотатку до дзвінка"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  \\ТЕКСТ            ввести ТЕКСТ як відповідь"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Дзвінок завершено: done"), result.stdout)
    }

    func testUnknownLanguageCodesAreRefusedWithWhatExists() throws {
        let script = try sandbox.write("lang.yaml", Self.script)
        let german = try sandbox.callguide(["run", script, "--lang", "de"])
        XCTAssertEqual(german.status, 2)
        XCTAssertTrue(german.stderr.contains("unknown language 'de' for --lang: the script's texts are in en, ru, uk, and the operator screen speaks en, ru, uk"), german.stderr)
        let capitals = try sandbox.callguide(["run", script, "--lang", "UK"])
        XCTAssertEqual(capitals.status, 2)
        XCTAssertTrue(capitals.stderr.contains("did you mean 'uk'?"), capitals.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.path("transcripts")), "nothing is written for a refused call")

        try sandbox.write("shop/callguide.yaml", "card: {}\nui_language: UA\n")
        let shopScript = try sandbox.write("shop/lang.yaml", Self.script)
        let badConfiguration = try sandbox.callguide(["run", shopScript])
        XCTAssertEqual(badConfiguration.status, 2)
        XCTAssertTrue(badConfiguration.stderr.contains("callguide.yaml:2:14: error: the operator screen has no language 'UA'; it speaks en, ru, uk"),
                      badConfiguration.stderr)
        XCTAssertTrue(badConfiguration.stderr.contains("did you mean 'uk'?"), badConfiguration.stderr)

        let demo = try sandbox.callguide(["demo", "--lang", "de"])
        XCTAssertEqual(demo.status, 2)
        XCTAssertTrue(demo.stderr.contains("the operator screen speaks en, ru, uk"), demo.stderr)
    }

    /// A script language the screen has no table for: the texts are in it,
    /// the screen in the locale's language (else English), and it says so.
    func testScriptLanguageWithoutAScreenTable() throws {
        let script = try sandbox.write("de.yaml", """
            callguide: 1
            id: german
            language: de
            nodes:
              budget: {ask: {de: "Welches Budget?", en: "What budget?"}, type: number}
              close: {end: done}
            """)
        let result = try sandbox.callguide(["run", script, "--lang", "de", "--transcript", sandbox.path("de.jsonl")],
                                           input: input(["viel", "500"]), environment: ["LANG": "ru_RU.UTF-8"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Welches Budget?"), result.stdout)
        XCTAssertTrue(result.stdout.contains("✗ нужно число"), result.stdout)
        XCTAssertTrue(result.stderr.contains("the operator screen has no 'de'; it speaks русский (from the locale)"), result.stderr)
    }

    /// A call made on a Russian screen resumes on one: the transcript's
    /// `start` line keeps the call's language.
    func testResumeSpeaksTheCallsLanguage() throws {
        let script = try sandbox.write("lang.yaml", Self.script)
        let full = sandbox.path("full.jsonl")
        let made = try sandbox.callguide(["run", script, "--lang", "ru", "--transcript", full], input: input(["500", "да"]))
        XCTAssertEqual(made.status, 0, made.stderr)
        let lines = try String(contentsOfFile: full, encoding: .utf8).split(separator: "\n").map(String.init)
        // The process died after the budget was answered (start, say, ask, answer, ask).
        let cut = try sandbox.write("cut.jsonl", lines[0..<5].joined(separator: "\n") + "\n")
        chmod(cut, 0o600)
        try FileManager.default.removeItem(atPath: sandbox.path("callguide.db"))
        let resumed = try sandbox.callguide(["resume", cut], input: input(["может быть", "нет"]))
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        for expected in ["Продолжаем звонок", "восстановлен 1 ответ.", "  budget: 500", "Нужна доставка?", "✗ нужно «да» или «нет» (д/н)", "Звонок завершён: done"] {
            XCTAssertTrue(resumed.stdout.contains(expected), "missing «\(expected)» in:\n\(resumed.stdout)")
        }
    }

    func testDemoSpeaksRussianAndSaysItsWorkspaceIsTemporary() throws {
        let result = try sandbox.callguide(["demo", "--auto", "--lang", "ru"], timeout: 60)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Вы оператор"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Карточка "), result.stdout)
        XCTAssertTrue(result.stdout.contains("Звонок завершён: sale"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Задача T000001 назначена."), "the demo books a callback: \(result.stdout)")
        XCTAssertTrue(result.stdout.contains("Рабочая папка демо временная"), result.stdout)
    }
}
