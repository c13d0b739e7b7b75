import CallGuide
import Foundation
import Glibc
import XCTest

/// A resumed call stores its talking time, not the time it was down
/// (issue 10, defect 10): a 2-minute call resumed 10 minutes later is
/// stored as about 2 minutes plus the time after the resume.
final class EndToEndResumeDurationTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
        try sandbox.write("duration.yaml", """
            callguide: 1
            id: duration
            nodes:
              first: {ask: First?}
              second: {ask: Second?}
              third: {ask: Third?}
              done: {end: ok}
            """)
    }

    override func tearDown() {
        sandbox = nil
    }

    /// A whole call's lines with their `t` set to `start` plus `offsets`
    /// seconds, one per line.
    private func recordedLines(start: Date, offsets: [Double]) throws -> [String] {
        try sandbox.record("duration.yaml", transcript: sandbox.path("full.jsonl"), lines: ["one", "two", "three"])
        try FileManager.default.removeItem(atPath: sandbox.path("callguide.db"))
        let lines = try String(contentsOfFile: sandbox.path("full.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        return lines.enumerated().map { index, line in
            guard index < offsets.count, let range = line.range(of: #""t":"[^"]*""#, options: .regularExpression) else { return line }
            let time = TranscriptCodec.isoTimestamp(start.addingTimeInterval(offsets[index]))
            return line.replacingCharacters(in: range, with: "\"t\":\"\(time)\"")
        }
    }

    private func write(_ name: String, _ lines: ArraySlice<String>) throws -> String {
        let path = try sandbox.write(name, lines.joined(separator: "\n") + "\n")
        chmod(path, 0o600)
        return path
    }

    /// The one stored call's duration, in seconds.
    private func storedDuration(file: StaticString = #filePath, line: UInt = #line) throws -> Decimal {
        let calls = try sandbox.callguide(["calls", "--format", "json"])
        XCTAssertEqual(calls.status, 0, calls.stderr, file: file, line: line)
        let list = try JSONParser.parse(calls.stdout).elements
        XCTAssertEqual(list.count, 1, calls.stdout, file: file, line: line)
        return try XCTUnwrap(list.first?["duration_seconds"]?.number, calls.stdout, file: file, line: line)
    }

    func testAResumedCallStoresItsTalkingTimeNotTheDowntime() throws {
        // Started 12 minutes ago, cut off after 2 minutes (at "ask second").
        let start = Date().addingTimeInterval(-720)
        let lines = try recordedLines(start: start, offsets: [0, 1, 60, 120])
        let cut = try write("cut.jsonl", lines[0..<4])
        let resumed = try sandbox.callguide(["resume", cut], input: "two\nthree\n")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let duration = try storedDuration()
        XCTAssertGreaterThanOrEqual(duration, 120)
        XCTAssertLessThan(duration, 180, "the 10 minutes the call was down are not talking time")

        let document = try sandbox.transcript(cut)
        XCTAssertEqual(document.lines.map { $0.line.resumed != nil }, [false, false, false, false, true, false, false, false],
                       "the first line the resume wrote says when it took the call up")
        let replay = try sandbox.callguide(["replay", "duration.yaml", cut])
        XCTAssertEqual(replay.status, 0, replay.stdout)
    }

    func testACallResumedTwiceLeavesOutBothDowntimes() throws {
        let start = Date().addingTimeInterval(-720)
        let lines = try recordedLines(start: start, offsets: [0, 1, 60, 120])
        let cut = try write("cut.jsonl", lines[0..<4])
        // The first resume dies too, after one more answer.
        let first = try LiveCallguide(["resume", "cut.jsonl"], in: sandbox.root.path,
                                      environment: ["CALLGUIDE_DB": sandbox.path("callguide.db"), "CALLGUIDE_OPERATOR": "Ann"])
        first.type(["two"])
        XCTAssertTrue(LiveCallguide.wait { transcriptEvents(cut).count >= 6 }, first.output)
        first.killHard()
        let second = try sandbox.callguide(["resume", cut], input: "three\n")
        XCTAssertEqual(second.status, 0, second.stderr)
        let duration = try storedDuration()
        XCTAssertGreaterThanOrEqual(duration, 120)
        XCTAssertLessThan(duration, 180)
    }

    func testAnEndedCallStoredLaterTakesItsTimesFromTheTranscript() throws {
        let start = Date().addingTimeInterval(-3600)
        let lines = try recordedLines(start: start, offsets: [0, 1, 30, 40, 50, 60, 80, 90])
        XCTAssertEqual(lines.count, 8)
        let ended = try write("ended.jsonl", lines[0..<8])
        let stored = try sandbox.callguide(["resume", ended])
        XCTAssertEqual(stored.status, 0, stored.stderr)
        XCTAssertTrue(stored.stdout.contains("storing it now"), stored.stdout)
        XCTAssertEqual(try storedDuration(), 90)
    }
}
