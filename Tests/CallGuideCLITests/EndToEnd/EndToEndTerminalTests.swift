import CallGuide
import Foundation
import XCTest

/// `callguide run` on a real pseudo-terminal, as an operator types at it.
final class EndToEndTerminalTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    private var environment: [String: String] {
        [
            "TERM": "xterm", "HOME": sandbox.root.path, "PATH": "/usr/bin:/bin",
            "CALLGUIDE_OPERATOR": EndToEndSandbox.operatorName, "NO_COLOR": "1",
            "CALLGUIDE_DB": sandbox.path("callguide.db"),
        ]
    }

    /// Waits for the prompt of `node` and for the line editor to take the
    /// terminal; returns what was shown before the prompt.
    @discardableResult
    private func awaitPrompt(_ node: String, _ terminal: PseudoTerminal, file: StaticString = #filePath, line: UInt = #line) -> String {
        let output = terminal.readUntil("\(node)> ")
        XCTAssertTrue(output.hasSuffix("\(node)> "), "no prompt for \(node): \(output)", file: file, line: line)
        XCTAssertTrue(terminal.waitForRawMode(), "the line editor never took the terminal", file: file, line: line)
        return output
    }

    func testPromptsAnswersCtrlCAndCtrlD() throws {
        let script = try sandbox.exampleScript()
        let transcript = sandbox.path("tty.jsonl")
        let terminal = try PseudoTerminal(
            executable: BuiltProducts.callguide, arguments: ["run", script, "--transcript", transcript],
            environment: environment)

        let first = awaitPrompt("reason", terminal)
        XCTAssertTrue(first.contains("my name is \(EndToEndSandbox.operatorName)"), first)
        XCTAssertTrue(first.contains("What is the reason for the call?"), first)
        XCTAssertTrue(first.contains("1) Place an order"), first)
        XCTAssertTrue(first.contains("2) A question about a product"), first)
        XCTAssertTrue(first.contains("hint: Complaints go to the service desk"), first)
        XCTAssertFalse(first.contains("\u{1B}[1m"), "NO_COLOR: no bold")

        terminal.send("1\r")
        let second = awaitPrompt("customer_name", terminal)
        XCTAssertTrue(second.contains("May I have your name?"), second)

        // Ctrl-C abandons the half-typed line and asks again; nothing is recorded.
        terminal.send("Half typ")
        XCTAssertTrue(terminal.readUntil("typ").hasSuffix("typ"), "typed text not echoed")
        terminal.sendControl("c")
        awaitPrompt("customer_name", terminal)
        XCTAssertNil(terminal.waitForExit(timeout: 0.1), "Ctrl-C must not end the call")

        terminal.send("Ann\r")
        let third = awaitPrompt("previous_model", terminal)
        XCTAssertTrue(third.contains("Which model did you have before?"), third)

        // Ctrl-D on an empty line ends the call as abandoned.
        terminal.sendControl("d")
        let closing = terminal.readUntil("Call ended: abandoned")
        XCTAssertTrue(closing.hasSuffix("Call ended: abandoned"), closing)
        XCTAssertEqual(terminal.waitForExit(timeout: 5), 0)

        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(try sandbox.mode(of: transcript), 0o600)
        XCTAssertEqual(EventSummary.describe(document), [
            "start", "say greeting", "ask reason", "answer reason=\"order\"",
            "ask customer_name", "answer customer_name=\"Ann\"", "ask previous_model", "end abandoned@previous_model",
        ])
        let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: transcript)), as: UTF8.self)
        XCTAssertFalse(raw.contains("Half"), "the abandoned line left a trace in the transcript")
        XCTAssertEqual(EventSummary.answers(of: try XCTUnwrap(document.end)), ["reason=\"order\"", "customer_name=\"Ann\""])
    }

    /// Handlers show on the prompt while they run, and an invalid answer
    /// is reported without leaving the question.
    func testHandlerStackOnThePromptAndAnInvalidAnswer() throws {
        let script = try sandbox.exampleScript()
        let transcript = sandbox.path("tty-handler.jsonl")
        let terminal = try PseudoTerminal(
            executable: BuiltProducts.callguide, arguments: ["run", script, "--transcript", transcript],
            environment: environment)
        awaitPrompt("reason", terminal)
        terminal.send("sideways\r")
        let rejected = awaitPrompt("reason", terminal)
        XCTAssertTrue(rejected.contains("✗"), rejected)
        terminal.send("!price\r")
        let inHandler = awaitPrompt("[price] loyalty", terminal)
        XCTAssertTrue(inHandler.contains("I understand. Let me check what discount I can offer."), inHandler)
        terminal.send("no\r")
        let back = awaitPrompt("reason", terminal)
        XCTAssertTrue(back.contains("I can offer you 5% off today."), back)
        terminal.send(":hangup\r")
        XCTAssertTrue(terminal.readUntil("Call ended: hangup").hasSuffix("Call ended: hangup"))
        XCTAssertEqual(terminal.waitForExit(timeout: 5), 0)

        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(EventSummary.describe(document), [
            "start", "say greeting", "ask reason", "invalid reason",
            "handler price@reason", "say price_objection", "ask loyalty", "answer loyalty=false",
            "say discount_offer", "return reason", "ask reason", "end hangup@reason",
        ])
    }
}
