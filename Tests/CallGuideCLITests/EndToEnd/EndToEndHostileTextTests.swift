import CallGuide
import CallGuideCLI
import Foundation
import XCTest

/// Customer data and script text that try to reprogram the operator's
/// terminal (ESC, OSC 52 clipboard writes) or to read as something else
/// (bidirectional overrides, zero-width characters): every command that
/// shows them on a terminal shows visible stand-ins instead (issue 10,
/// defect 7).
final class EndToEndHostileTextTests: XCTestCase {
    private var workspace: WorkspaceFixture!

    /// An OSC 52 clipboard write, a right-to-left override and a zero-width space.
    static let hostileName = "Olga\u{1B}]52;c;cHduZWQ=\u{7}\u{202E}gro\u{200B}x"
    static let hostileCompany = "Acme\u{2066}\u{FEFF}\u{1B}[2J"
    static let hostileOperator = "anna\u{202D}"

    override func setUpWithError() throws {
        workspace = try WorkspaceFixture.make()
        let stored = try workspace.runCall(
            card: "+380501234567", operator: Self.hostileOperator,
            answers: WorkspaceFixture.answers(name: Self.hostileName, company: Self.hostileCompany))
        XCTAssertEqual(stored.status, 0, stored.stderr)
    }

    override func tearDown() {
        workspace?.remove()
        workspace = nil
    }

    private var environment: [String: String] {
        ["TERM": "xterm", "HOME": workspace.root, "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
         "CALLGUIDE_OPERATOR": "anna", "CALLGUIDE_DB": workspace.database]
    }

    /// Runs `callguide ARGS` on a pseudo-terminal to its end; its output.
    private func onTerminal(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let terminal = try PseudoTerminal(executable: BuiltProducts.callguide, arguments: arguments, environment: environment)
        let output = terminal.readUntil("\u{0}never printed\u{0}", timeout: 20)
        XCTAssertEqual(terminal.waitForExit(timeout: 10), 0, output, file: file, line: line)
        return output
    }

    /// Nothing a terminal would act on, nothing invisible; and the stand-ins
    /// show that something was there.
    private func assertNeutralized(_ output: String, expecting visible: [String], file: StaticString = #filePath, line: UInt = #line) {
        let offending = output.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\r") || (0x7F...0x9F).contains($0.value) || TerminalText.isInvisible($0)
        }
        XCTAssertEqual(offending.map { "U+" + String($0.value, radix: 16) }, [], output, file: file, line: line)
        for text in visible {
            XCTAssertTrue(output.contains(text), "'\(text)' not in: \(output)", file: file, line: line)
        }
    }

    func testCardShowAndFind() throws {
        let shown = try onTerminal(["card", "show", "+380501234567", "--db", workspace.database])
        assertNeutralized(shown, expecting: ["Olga^[]52;c;cHduZWQ=^G\u{FFFD}gro\u{FFFD}x", "Acme\u{FFFD}\u{FFFD}^[[2J", "anna\u{FFFD}"])
        let found = try onTerminal(["card", "find", "Olga", "--db", workspace.database])
        assertNeutralized(found, expecting: ["Olga^[]52"])
    }

    func testCardExportOnATerminalIsNeutralizedButExactWhenRedirected() throws {
        for format in ["csv", "json"] {
            let exported = try onTerminal(["card", "export", "--format", format, "--db", workspace.database])
            assertNeutralized(exported, expecting: ["\u{FFFD}gro\u{FFFD}x"])
        }
        let redirected = try workspace.callguide(["card", "export", "--db", workspace.database])
        XCTAssertEqual(redirected.status, 0, redirected.stderr)
        XCTAssertTrue(redirected.stdout.contains(Self.hostileName), "a file gets the exact bytes: \(redirected.stdout)")
    }

    func testCallsAndReport() throws {
        let calls = try onTerminal(["calls", "--db", workspace.database])
        assertNeutralized(calls, expecting: ["anna\u{FFFD}"])
        let report = try onTerminal(["report", "--by", "operator", "--db", workspace.database])
        assertNeutralized(report, expecting: ["anna\u{FFFD}"])
    }

    /// The card header, `:card` and `:history` during a call, and a script
    /// whose own texts are hostile.
    func testRunShowsTheCardPromptsAndHistoryNeutralized() throws {
        let script = workspace.root + "/scripts/hostile.yaml"
        try Data("""
            callguide: 1
            id: hostile
            version: 1
            title: Hostile
            language: en
            outcomes:
              done: {label: Done, converted: false}
            nodes:
              question:
                ask: "Your name\\e]52;c;cHduZWQ=\\a\\u202E?"
                hint: "zero\\u200Bwidth"
              second:
                ask: "Anything else?"
              note:
                say: "Thanks {question}\\u2067!"
              close:
                end: done

            """.utf8).write(to: URL(fileURLWithPath: script))
        let terminal = try PseudoTerminal(
            executable: BuiltProducts.callguide,
            arguments: ["run", script, "--card", "+380501234567", "--db", workspace.database, "--transcript", workspace.root + "/t.jsonl"],
            environment: environment)
        let header = terminal.readUntil("question> ")
        XCTAssertTrue(terminal.waitForRawMode())
        assertNeutralized(header, expecting: ["Olga^[]52", "Your name^[]52;c;cHduZWQ=^G\u{FFFD}?", "zero\u{FFFD}width"])
        terminal.send(":card\r")
        let card = terminal.readUntil("question> ")
        XCTAssertTrue(terminal.waitForRawMode())
        assertNeutralized(card, expecting: ["Acme\u{FFFD}\u{FFFD}^[[2J"])
        // Ctrl-V makes libedit insert the next key as it is: an answer with
        // a raw ESC and BEL, as a paste would bring.
        terminal.send("Bob\u{16}\u{1B}]52;c;eA==\u{16}\u{7}\r")
        _ = terminal.readUntil("second> ")
        XCTAssertTrue(terminal.waitForRawMode())
        terminal.send(":history\r")
        let history = terminal.readUntil("second> ")
        XCTAssertTrue(terminal.waitForRawMode())
        assertNeutralized(history.replacingOccurrences(of: ":history", with: ""), expecting: ["question: Bob^[]52;c;eA==^G"])
        terminal.send("no\r")
        let said = terminal.readUntil("Call ended: done")
        assertNeutralized(said, expecting: ["Thanks Bob^[]52;c;eA==^G\u{FFFD}!"])
        XCTAssertEqual(terminal.waitForExit(timeout: 10), 0)
    }
}
