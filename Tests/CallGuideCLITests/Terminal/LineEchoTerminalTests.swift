import Foundation
import XCTest

/// Drives `callguide __line-echo` through a real pseudo-terminal, so the
/// libedit reader sees the same terminal an operator would.
final class LineEchoTerminalTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("echo-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    /// No LANG or LC_*: the reader must still handle UTF-8 on its own.
    private var environment: [String: String] {
        ["TERM": "xterm", "HOME": home.path, "PATH": "/usr/bin:/bin"]
    }

    private func startEcho() throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            executable: BuiltProducts.callguide, arguments: ["__line-echo"], environment: environment)
        try awaitPrompt(terminal)
        return terminal
    }

    /// Waits for the prompt and for the editor to be ready for keys.
    private func awaitPrompt(_ terminal: PseudoTerminal, file: StaticString = #filePath, line: UInt = #line) throws {
        let output = terminal.readUntil("echo> ")
        XCTAssertTrue(output.hasSuffix("echo> "), "no prompt: \(output)", file: file, line: line)
        XCTAssertTrue(terminal.waitForRawMode(), "the line editor never took the terminal", file: file, line: line)
    }

    func testShowsPromptAndEchoesTypedLine() throws {
        let terminal = try startEcho()
        terminal.send("hello world\r")
        XCTAssertTrue(terminal.readUntil("line: hello world\r\n").hasSuffix("line: hello world\r\n"))
        try awaitPrompt(terminal)
    }

    func testTypedUTF8SurvivesWithoutALocaleInTheEnvironment() throws {
        let terminal = try startEcho()
        terminal.send("héllo wörld €\r")
        XCTAssertTrue(terminal.readUntil("line: héllo wörld €\r\n").hasSuffix("line: héllo wörld €\r\n"))
    }

    func testCtrlCAbandonsTheLineAndPromptsAgain() throws {
        let terminal = try startEcho()
        terminal.send("half an answ")
        XCTAssertTrue(terminal.readUntil("answ").hasSuffix("answ"), "typed text not echoed")
        terminal.sendControl("c")
        let afterInterrupt = terminal.readUntil("echo> ", timeout: 5)
        XCTAssertTrue(afterInterrupt.contains("interrupted"), afterInterrupt)
        XCTAssertTrue(afterInterrupt.hasSuffix("echo> "), "no new prompt after Ctrl-C: \(afterInterrupt)")
        XCTAssertTrue(terminal.waitForRawMode())
        terminal.send("fresh\r")
        let echoed = terminal.readUntil("line: fresh\r\n")
        XCTAssertTrue(echoed.hasSuffix("line: fresh\r\n"), "abandoned text leaked into the next line: \(echoed)")
        XCTAssertNil(terminal.waitForExit(timeout: 0.2), "Ctrl-C must not end the program")
    }

    func testRepeatedCtrlCNeverHangs() throws {
        let terminal = try startEcho()
        for _ in 0..<3 {
            terminal.sendControl("c")
            XCTAssertTrue(terminal.readUntil("echo> ").contains("interrupted"))
            XCTAssertTrue(terminal.waitForRawMode())
        }
        terminal.send("still here\r")
        XCTAssertTrue(terminal.readUntil("line: still here").hasSuffix("line: still here"))
    }

    func testCtrlDOnEmptyLineEndsWithStatusZero() throws {
        let terminal = try startEcho()
        terminal.sendControl("d")
        XCTAssertTrue(terminal.readUntil("end").hasSuffix("end"))
        XCTAssertEqual(terminal.waitForExit(timeout: 5), 0)
    }

    func testUpArrowRecallsThePreviousLine() throws {
        let terminal = try startEcho()
        terminal.send("first answer\r")
        _ = terminal.readUntil("line: first answer\r\n")
        try awaitPrompt(terminal)
        terminal.send("second\r")
        _ = terminal.readUntil("line: second\r\n")
        try awaitPrompt(terminal)
        terminal.send("\u{1b}[A\u{1b}[A\r")
        let recalled = terminal.readUntil("line: first answer\r\n")
        XCTAssertTrue(recalled.hasSuffix("line: first answer\r\n"), recalled)
    }

    func testTerminalIsBackInCookedModeAfterExit() throws {
        // The shell runs stty after callguide exits, on the same terminal.
        let terminal = try PseudoTerminal(
            executable: "/bin/sh",
            arguments: ["-c", "\"$0\" __line-echo; echo STTY; stty -a; echo DONE", BuiltProducts.callguide],
            environment: environment)
        try awaitPrompt(terminal)
        terminal.sendControl("d")
        _ = terminal.readUntil("STTY")
        let settings = terminal.readUntil("DONE")
        let flags = Set(settings.split(whereSeparator: { $0.isWhitespace || $0 == ";" }).map(String.init))
        XCTAssertTrue(flags.contains("icanon"), settings)
        XCTAssertTrue(flags.contains("echo"), settings)
        XCTAssertFalse(flags.contains("-icanon"), settings)
        XCTAssertFalse(flags.contains("-echo"), settings)
        XCTAssertEqual(terminal.waitForExit(timeout: 5), 0)
    }
}
