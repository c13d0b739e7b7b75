import Foundation
import XCTest

/// On a terminal, a long replay shows its progress; in a pipe it does not.
final class EndToEndReplayProgressTests: XCTestCase {
    func testProgressLineOnlyOnATerminal() throws {
        let sandbox = try EndToEndSandbox()
        let script = try sandbox.exampleScript()
        try sandbox.record(script, transcript: sandbox.path("one.jsonl"), lines: ["2"])
        let recorded = try Data(contentsOf: URL(fileURLWithPath: sandbox.path("one.jsonl")))
        for index in 0..<30 { try sandbox.write("qa/call-\(index).jsonl", bytes: recorded) }

        let terminal = try PseudoTerminal(
            executable: BuiltProducts.callguide, arguments: ["replay", script, sandbox.path("qa")],
            environment: ["TERM": "xterm", "HOME": sandbox.root.path, "PATH": "/usr/bin:/bin", "NO_COLOR": "1"])
        let output = terminal.readUntil("30 passed, 0 failed", timeout: 20)
        XCTAssertTrue(output.contains("30/30 transcripts"), output)
        XCTAssertEqual(terminal.waitForExit(timeout: 10), 0)

        let piped = try sandbox.callguide(["replay", script, "qa"])
        XCTAssertEqual(piped.status, 0)
        XCTAssertFalse(piped.stderr.contains("transcripts,"), piped.stderr)
        XCTAssertTrue(piped.stdout.hasSuffix("30 passed, 0 failed\n"), piped.stdout)
    }
}
