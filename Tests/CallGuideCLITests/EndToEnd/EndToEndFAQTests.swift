import CallGuide
import Foundation
import XCTest

/// `?WORDS` in a real `callguide run` (script language 9.2), with piped
/// input and on a pseudo-terminal: the best entries shown with their
/// answers, the question left open, a `faq` event in the transcript, and
/// replay feeding it back without comparing it.
final class EndToEndFAQTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    private let script = """
        callguide: 1
        id: faq_call
        language: ru
        faq:
          - id: delivery
            q: {ru: "Сколько идёт доставка?", uk: "Скільки триває доставка?"}
            a: {ru: "Один-два дня по городу.", uk: "Один-два дні містом."}
            tags: [курьер]
          - q: {ru: "Есть ли гарантия?", uk: "Чи є гарантія?"}
            a: {ru: "Два года на всё.", uk: "Два роки на все."}
          - q: {ru: "Можно ли оплатить картой?", uk: "Чи можна сплатити карткою?"}
            a: {ru: "Да, курьеру или на сайте; доставка оплачивается так же.", uk: "Так, кур'єру або на сайті."}
        nodes:
          name: {ask: {ru: "Как вас зовут?", uk: "Як вас звати?"}}
          budget: {ask: {ru: "Какой бюджет?", uk: "Який бюджет?"}, type: number}
          done: {end: sale}
        """

    private func faqEvents(_ document: TranscriptDocument) -> [FAQLookup] {
        document.lines.compactMap { line -> FAQLookup? in
            guard case .faq(let lookup) = line.event else { return nil }
            return lookup
        }
    }

    func testPipedLookupsShowAnswersKeepTheQuestionAndReplay() throws {
        let path = try sandbox.write("faq.yaml", script)
        let transcript = sandbox.path("faq.jsonl")
        let result = try sandbox.record(path, transcript: transcript, lines: [
            "?ГАРАНТ", "Ann", ":help", "?ДОСТАВКА", "?телепорт", "?", "500",
        ])
        let out = result.stdout
        XCTAssertTrue(out.contains("  ?1 Есть ли гарантия?\n     Два года на всё."), out)
        // "доставка" in #1's question and in #3's answer: the question first.
        XCTAssertTrue(out.contains("  ?1 Сколько идёт доставка?\n     Один-два дня по городу.\n  ?2 Можно ли оплатить картой?"), out)
        XCTAssertTrue(out.contains("no typical question matches 'телепорт'"), out)
        XCTAssertTrue(out.contains("type words after ? to look up a typical question"), out)
        XCTAssertTrue(out.contains("?WORDS"), "`:help` mentions ?: \(out)")

        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(faqEvents(document), [
            FAQLookup(node: "name", query: "ГАРАНТ", shown: ["#2"]),
            FAQLookup(node: "budget", query: "ДОСТАВКА", shown: ["delivery", "#3"]),
            FAQLookup(node: "budget", query: "телепорт", shown: []),
        ])
        XCTAssertEqual(EventSummary.answers(of: try XCTUnwrap(document.end)), ["name=\"Ann\"", "budget=500"])

        // Replay feeds the lookups back and does not compare them: a FAQ
        // that has changed since still replays.
        XCTAssertEqual(try sandbox.callguide(["replay", path, transcript]).status, 0)
        try sandbox.write("faq.yaml", script.replacingOccurrences(of: "tags: [курьер]", with: "tags: [курьер]\n  - {q: Новый вопрос?, a: Новый ответ.}"))
        let replayed = try sandbox.callguide(["replay", path, transcript])
        XCTAssertEqual(replayed.status, 0, replayed.stdout + replayed.stderr)
    }

    /// A call cut off after two lookups and resumed: the store gets all
    /// of its lookups, those before the cut too.
    func testResumeKeepsTheLookupsBeforeTheCut() throws {
        let path = try sandbox.write("faq.yaml", script)
        let transcript = sandbox.path("cut.jsonl")
        try sandbox.record(path, transcript: transcript, lines: ["?гарантия", "?телепорт"])
        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(lines.last?.contains(#""event":"end""#) == true)
        try sandbox.write("cut.jsonl", lines.dropLast().joined(separator: "\n") + "\n")
        let database = sandbox.path("resumed.db")
        let resumed = try sandbox.callguide(["resume", transcript, "--db", database], input: "?карт\n")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let report = try sandbox.callguide(["report", "faq", "--db", database, "--format", "json"])
        let json = try JSONParser.parse(report.stdout)
        XCTAssertEqual(json["lookups"], .number(3), report.stdout)
        XCTAssertEqual(json["nothing_found"], .number(1), report.stdout)
    }

    func testUkrainianLookupWithAnApostrophe() throws {
        let path = try sandbox.write("faq.yaml", script)
        let transcript = sandbox.path("uk.jsonl")
        let result = try sandbox.callguide(["run", path, "--transcript", transcript, "--lang", "uk"], input: "?кур'єру\n?КАРТК\nОля\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("  ?1 Чи можна сплатити карткою?\n     Так, кур'єру або на сайті."), result.stdout)
        XCTAssertEqual(faqEvents(try sandbox.transcript(transcript)).map(\.shown), [["#3"], ["#3"]])
    }

    func testWithoutFAQAQuestionMarkIsAnAnswer() throws {
        let path = try sandbox.write("plain.yaml", """
            callguide: 1
            id: plain
            nodes:
              comment: {ask: Anything else?}
              done: {end: done}
            """)
        let transcript = sandbox.path("plain.jsonl")
        let result = try sandbox.record(path, transcript: transcript, lines: ["?why not"])
        XCTAssertFalse(result.stdout.contains("?WORDS"), result.stdout)
        let document = try sandbox.transcript(transcript)
        XCTAssertTrue(faqEvents(document).isEmpty)
        XCTAssertEqual(EventSummary.answers(of: try XCTUnwrap(document.end)), ["comment=\"?why not\""])
    }

    func testLookupOnAPseudoTerminal() throws {
        let path = try sandbox.write("faq.yaml", script)
        let transcript = sandbox.path("tty.jsonl")
        let environment = [
            "TERM": "xterm", "HOME": sandbox.root.path, "PATH": "/usr/bin:/bin",
            "CALLGUIDE_OPERATOR": EndToEndSandbox.operatorName, "NO_COLOR": "1",
            "CALLGUIDE_DB": sandbox.path("callguide.db"),
        ]
        let terminal = try PseudoTerminal(
            executable: BuiltProducts.callguide, arguments: ["run", path, "--transcript", transcript], environment: environment)
        XCTAssertTrue(terminal.readUntil("name> ").hasSuffix("name> "))
        XCTAssertTrue(terminal.waitForRawMode())
        terminal.send("?гарантия\r")
        let shown = terminal.readUntil("Два года на всё.")
        XCTAssertTrue(shown.hasSuffix("Два года на всё."), shown)
        // The question stays open.
        XCTAssertTrue(terminal.readUntil("name> ").hasSuffix("name> "))
        XCTAssertTrue(terminal.waitForRawMode())
        terminal.send("Ann\r")
        XCTAssertTrue(terminal.readUntil("budget> ").hasSuffix("budget> "))
        XCTAssertTrue(terminal.waitForRawMode())
        terminal.sendControl("d")
        XCTAssertTrue(terminal.readUntil("Call ended: abandoned").hasSuffix("Call ended: abandoned"))
        XCTAssertEqual(terminal.waitForExit(timeout: 5), 0)
        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(faqEvents(document), [FAQLookup(node: "name", query: "гарантия", shown: ["#2"])])
        XCTAssertEqual(EventSummary.describe(document), [
            "start", "ask name", "faq гарантия@name [#2]", "answer name=\"Ann\"", "ask budget", "end abandoned@budget",
        ])
    }
}
