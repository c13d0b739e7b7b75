import CallGuide
import Foundation
import Glibc
import XCTest

/// A call killed with SIGKILL mid-way keeps every answer it had written:
/// the transcript is journalled (and flushed) event by event.
final class EndToEndCrashTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
        signal(SIGPIPE, SIG_IGN)
    }

    override func tearDown() {
        sandbox = nil
    }

    /// The example's answers in order, each one accepted at once.
    private var answerLines: [String] {
        ["order", "Ann", "Bosch BGL3", "1 3", "quiet", "500", "yes", "no", LocalDates.iso(daysFromToday: 2), "Main st 1", "+44 20 7946 0958", "10"]
    }

    func testKilledCallsKeepEveryAnswerAndReplay() throws {
        let script = try sandbox.exampleScript()
        for count in [1, 5, 11] {
            let transcript = sandbox.path("killed-\(count).jsonl")
            let call = try LiveCall(script: script, transcript: transcript, sandbox: sandbox)
            defer { call.kill() }
            for (index, line) in answerLines.prefix(count).enumerated() {
                if index == 2 { call.send(":note a note before the third answer") }
                call.send(line)
                XCTAssertTrue(
                    waitForAnswers(index + 1, in: transcript),
                    "answer \(index + 1) of \(count) never reached the transcript")
            }
            call.kill()
            XCTAssertEqual(call.waitForExit(), 128 + SIGKILL, "the call should have died of SIGKILL")

            let document = try sandbox.transcript(transcript)
            XCTAssertFalse(document.hasEnd, "a killed call has no end")
            XCTAssertNil(document.end)
            XCTAssertEqual(document.answerEvents.count, count)
            XCTAssertEqual(
                document.lines.compactMap { if case .answer(_, let input, _) = $0.event { return input } else { return nil } },
                Array(answerLines.prefix(count)))
            if count > 2 {
                XCTAssertTrue(document.lines.contains { $0.event == .note(text: "a note before the third answer") })
            }
            XCTAssertEqual(try sandbox.mode(of: transcript), 0o600)

            let replay = try sandbox.callguide(["replay", script, transcript])
            XCTAssertEqual(replay.status, 0, "\(count): \(replay.stdout)\(replay.stderr)")
            XCTAssertTrue(replay.stdout.contains("PASS \(transcript) (no end: replayed as far as it goes)"), replay.stdout)
            XCTAssertTrue(replay.stdout.hasSuffix("1 passed, 0 failed\n"), replay.stdout)
        }
    }

    /// A write cut short leaves a torn last line: the transcript still
    /// parses, and replay ignores that line and says so.
    func testATornLastLineAfterAKillIsIgnoredAndMentioned() throws {
        let script = try sandbox.exampleScript()
        let transcript = sandbox.path("torn.jsonl")
        let call = try LiveCall(script: script, transcript: transcript, sandbox: sandbox)
        defer { call.kill() }
        for (index, line) in answerLines.prefix(3).enumerated() {
            call.send(line)
            XCTAssertTrue(waitForAnswers(index + 1, in: transcript))
        }
        call.kill()
        _ = call.waitForExit()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: transcript))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":99,\"t\":\"2026-01-01T00:00:00.000Z\",\"event\":\"answ".utf8))
        try handle.close()

        let document = try sandbox.transcript(transcript)
        XCTAssertTrue(document.tornLastLine)
        XCTAssertEqual(document.answerEvents.count, 3)
        let replay = try sandbox.callguide(["replay", script, transcript])
        XCTAssertEqual(replay.status, 0, replay.stdout + replay.stderr)
        XCTAssertTrue(replay.stdout.contains("torn last line ignored"), replay.stdout)
        XCTAssertTrue(replay.stdout.contains("1 passed, 0 failed"), replay.stdout)
    }

    /// Polls the transcript until it holds `count` answers (5 s at most).
    private func waitForAnswers(_ count: Int, in path: String) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        repeat {
            if let document = try? sandbox.transcript(path), document.answerEvents.count >= count { return true }
            usleep(2_000)
        } while Date() < deadline
        return false
    }
}

/// A `callguide run` whose standard input the test writes line by line.
final class LiveCall {
    private let process = Process()
    private let input = Pipe()

    init(script: String, transcript: String, sandbox: EndToEndSandbox) throws {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in sandbox.environment { environment[key] = value }
        process.executableURL = URL(fileURLWithPath: BuiltProducts.callguide)
        process.arguments = ["run", script, "--transcript", transcript]
        process.environment = environment
        process.currentDirectoryURL = sandbox.root
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func send(_ line: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// The exit status, or 128 + signal.
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
