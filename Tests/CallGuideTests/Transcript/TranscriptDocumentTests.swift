import Foundation
import XCTest
@testable import CallGuide

final class TranscriptDocumentTests: XCTestCase {
    private let events = TranscriptSamples.events.filter {
        if case .end(let end) = $0 { return end.outcome == "hangup" }
        return true
    }

    private func parse(_ text: String) throws(TranscriptError) -> TranscriptDocument {
        try TranscriptDocument.parse(bytes: Array(text.utf8))
    }

    private func parseError(_ text: String) -> TranscriptError? {
        do {
            let document = try parse(text)
            XCTFail("parsed \(document.lines.count) lines")
            return nil
        } catch {
            return error
        }
    }

    func testCompleteTranscript() throws {
        let document = try parse(TranscriptSamples.document(events))
        XCTAssertEqual(document.lines.map(\.event), events)
        XCTAssertEqual(document.lines.map(\.number), Array(1...events.count))
        XCTAssertTrue(document.hasEnd)
        XCTAssertFalse(document.tornLastLine)
        XCTAssertEqual(document.start, TranscriptSamples.start)
        XCTAssertEqual(document.nextSeq, events.count)
    }

    func testRecordedEventsKeepTheirLineNumbers() throws {
        let document = try parse(TranscriptSamples.document(events))
        XCTAssertEqual(document.recordedEvents.map(\.event), events)
        XCTAssertEqual(document.recordedEvents.map(\.line), Array(1...events.count))
    }

    func testMissingEndMeansInterrupted() throws {
        let document = try parse(TranscriptSamples.document(Array(events.prefix(4))))
        XCTAssertFalse(document.hasEnd)
        XCTAssertFalse(document.tornLastLine)
        XCTAssertEqual(document.lines.count, 4)
        XCTAssertEqual(document.nextSeq, 4)
    }

    func testTornLastLineIsIgnoredAndReported() throws {
        let whole = TranscriptSamples.document(Array(events.prefix(4)))
        let torn = whole + String(TranscriptCodec.encode(TranscriptLine(seq: 4, time: "t", event: .note(text: "x"))).prefix(20))
        let document = try parse(torn)
        XCTAssertTrue(document.tornLastLine)
        XCTAssertEqual(document.lines.count, 4)
        XCTAssertFalse(document.hasEnd)
    }

    func testUnterminatedButCompleteLastLineIsKept() throws {
        var text = TranscriptSamples.document(Array(events.prefix(3)))
        text.removeLast()
        let document = try parse(text)
        XCTAssertFalse(document.tornLastLine)
        XCTAssertEqual(document.lines.count, 3)
    }

    func testBadMiddleLineIsReportedWithItsNumber() {
        var lines = TranscriptSamples.document(Array(events.prefix(5))).split(separator: "\n").map(String.init)
        lines[2] = String(lines[2].dropLast())
        let error = parseError(lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(error?.lineNumber, 3)
        XCTAssertNotNil(error?.column)
        // A bad *terminated* last line is damage too, not a torn write.
        XCTAssertEqual(parseError(TranscriptSamples.document(Array(events.prefix(2))) + "{oops\n")?.lineNumber, 3)
    }

    func testFirstLineMustBeStart() {
        XCTAssertEqual(parseError(TranscriptSamples.document(Array(events.dropFirst())))?.message,
                       "the first line must be a 'start' event, not 'say'")
        XCTAssertEqual(parseError("")?.message, "the transcript has no complete line")
        XCTAssertEqual(parseError("{\"seq\":0,")?.message, "the transcript has no complete line")
    }

    func testOrderIsChecked() {
        let text = TranscriptSamples.document(Array(events.prefix(3)))
            + TranscriptCodec.encode(TranscriptLine(seq: 1, time: "t", event: .note(text: "x"))) + "\n"
        XCTAssertEqual(parseError(text)?.description, "line 4: seq 1 does not follow seq 2 of line 3")
        let afterEnd = TranscriptSamples.document(events)
            + TranscriptCodec.encode(TranscriptLine(seq: 99, time: "t", event: .note(text: "x"))) + "\n"
        XCTAssertEqual(parseError(afterEnd)?.lineNumber, events.count + 1)
    }

    func testBlankLinesAndCarriageReturnsAreTolerated() throws {
        let text = TranscriptSamples.document(Array(events.prefix(2))).replacingOccurrences(of: "\n", with: "\r\n") + "\n  \n"
        let document = try parse(text)
        XCTAssertEqual(document.lines.count, 2)
        XCTAssertFalse(document.tornLastLine)
    }
}
