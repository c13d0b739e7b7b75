import CallGuide
import Foundation
import Glibc
import XCTest
@testable import CallGuideCLI

/// A transcript never has a hole (issue 10, defect 5): a line the sink
/// refuses is held and written again, in order, before any later line.
final class TranscriptWriterHoldTests: XCTestCase {
    /// Lines kept in memory; `full` makes every write fail as a full disk
    /// does, leaving nothing behind.
    final class MemorySink: TranscriptSink {
        var bytes: [UInt8] = []
        var full = false
        var failingSyncs = 0
        private(set) var isOpen = true

        func appendLine(_ line: [UInt8]) -> Int32? {
            if full { return ENOSPC }
            bytes += line
            return nil
        }

        func sync() -> Int32? {
            guard failingSyncs > 0 else { return nil }
            failingSyncs -= 1
            return EIO
        }

        func close() { isOpen = false }

        var document: TranscriptDocument {
            get throws { try TranscriptDocument.parse(bytes: bytes) }
        }
    }

    private let start = CallStart(
        call: "c-1", script: "s", version: .null, scriptSHA256: "ff", operator: "olena",
        language: nil, today: "2026-11-23", card: nil, cardData: [:])

    /// A clock that moves one second per reading, from a fixed moment.
    private final class SteppingClock: @unchecked Sendable {
        var seconds = 1_795_436_118.0
        func next() -> Date {
            defer { seconds += 1 }
            return Date(timeIntervalSince1970: seconds)
        }
    }

    private func writer(_ sink: MemorySink, clock: SteppingClock, resumed: Date? = nil, nextSeq: Int = 0) -> TranscriptFileWriter {
        TranscriptFileWriter(path: "calls/c-1.jsonl", sink: sink, nextSeq: nextSeq, resumed: resumed, clock: clock.next)
    }

    func testEventsThatCannotBeWrittenAreHeldAndWrittenInOrderLater() throws {
        let sink = MemorySink()
        let clock = SteppingClock()
        let journal = writer(sink, clock: clock)
        try journal.append(.start(start))
        try journal.append(.ask(node: "q1", text: "First?"))
        sink.full = true
        XCTAssertThrowsError(try journal.append(.answer(node: "q1", input: "a long answer", value: .string("a long answer")))) { error in
            XCTAssertEqual((error as? TranscriptFileError)?.description, "calls/c-1.jsonl: cannot write: No space left on device")
        }
        XCTAssertThrowsError(try journal.append(.ask(node: "q2", text: "?")))  // small: must not slip past the held answer
        XCTAssertEqual(journal.held.map(\.seq), [2, 3])
        XCTAssertEqual(try sink.document.lines.count, 2, "nothing after the hole was written")
        sink.full = false
        try journal.append(.answer(node: "q2", input: "b", value: .string("b")))
        XCTAssertEqual(journal.held, [])

        let document = try sink.document
        XCTAssertEqual(document.lines.map(\.line.seq), [0, 1, 2, 3, 4])
        XCTAssertEqual(document.lines.map(\.event.name), ["start", "ask", "answer", "ask", "answer"])
        // Each line keeps the time of its event, not of the write that finally took it.
        XCTAssertEqual(document.lines.map(\.line.time), (0..<5).map { TranscriptCodec.isoTimestamp(Date(timeIntervalSince1970: 1_795_436_118.0 + Double($0))) })
    }

    func testFlushWritesHeldLinesWithoutANewEvent() throws {
        let sink = MemorySink()
        let journal = writer(sink, clock: SteppingClock())
        try journal.append(.start(start))
        sink.full = true
        XCTAssertThrowsError(try journal.append(.note(text: "held")))
        XCTAssertThrowsError(try journal.flush())
        sink.full = false
        try journal.flush()
        XCTAssertEqual(try sink.document.lines.map(\.event.name), ["start", "note"])
        XCTAssertEqual(journal.nextSeq, 2)
    }

    func testALineWrittenButNotSyncedIsNotWrittenTwice() throws {
        let sink = MemorySink()
        let journal = writer(sink, clock: SteppingClock())
        try journal.append(.start(start))
        sink.failingSyncs = 1
        XCTAssertThrowsError(try journal.append(.note(text: "once")))
        try journal.append(.note(text: "after"))
        XCTAssertEqual(try sink.document.lines.map(\.line.seq), [0, 1, 2])
    }

    func testTheFirstLineAResumeWritesCarriesTheMomentOfTheResume() throws {
        let sink = MemorySink()
        sink.bytes = Array((TranscriptCodec.encode(TranscriptLine(seq: 0, time: "2026-11-23T10:00:00.000Z", event: .start(start))) + "\n").utf8)
        let resumed = Date(timeIntervalSince1970: 1_795_436_000)
        let journal = writer(sink, clock: SteppingClock(), resumed: resumed, nextSeq: 1)
        try journal.append(.ask(node: "q1", text: "?"))
        try journal.append(.answer(node: "q1", input: "x", value: .string("x")))
        let lines = try sink.document.lines.map(\.line)
        XCTAssertEqual(lines.map(\.resumed), [nil, TranscriptCodec.isoTimestamp(resumed), nil])
        XCTAssertEqual(journal.resumedAt, resumed)
    }
}
