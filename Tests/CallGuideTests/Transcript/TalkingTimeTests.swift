import Foundation
import XCTest
@testable import CallGuide

/// A resumed call's duration is the time it was live, not the downtime
/// (issue 10, defect 10).
final class TalkingTimeTests: XCTestCase {
    private func line(_ seq: Int, _ time: String, resumed: String? = nil) -> TranscriptLine {
        TranscriptLine(seq: seq, time: time, event: .note(text: "n"), resumed: resumed)
    }

    func testAnUninterruptedCallRunsFromItsFirstLineToItsLast() {
        XCTAssertEqual(TalkingTime.seconds([line(0, "2026-11-23T10:00:00.000Z"), line(1, "2026-11-23T10:02:00.500Z")]), 120.5)
    }

    func testTheDowntimeBeforeEachResumeIsLeftOut() {
        let lines = [
            line(0, "2026-11-23T10:00:00.000Z"),
            line(1, "2026-11-23T10:02:00.000Z"),  // crash after 2 minutes
            line(2, "2026-11-23T10:12:30.000Z", resumed: "2026-11-23T10:12:00.000Z"),  // resumed 10 minutes later
            line(3, "2026-11-23T10:13:00.000Z"),  // crash again
            line(4, "2026-11-23T11:00:10.000Z", resumed: "2026-11-23T11:00:00.000Z"),
            line(5, "2026-11-23T11:00:20.000Z"),
        ]
        // 120 s, then 60 s (10:12:00 to 10:13:00), then 20 s.
        XCTAssertEqual(TalkingTime.seconds(lines), 200)
    }

    func testAClockThatRanBackwardsCountsAsNoTime() {
        XCTAssertEqual(TalkingTime.seconds([line(0, "2026-11-23T10:00:00.000Z"), line(1, "2026-11-23T09:00:00.000Z")]), 0)
    }

    func testUnreadableTimesGiveNoFigure() {
        XCTAssertNil(TalkingTime.seconds([line(0, "yesterday"), line(1, "2026-11-23T10:00:00.000Z")]))
        XCTAssertNil(TalkingTime.seconds([line(0, "2026-11-23T10:00:00.000Z"), line(1, "2026-11-23T10:00:01.000Z", resumed: "soon")]))
        XCTAssertNil(TalkingTime.seconds([]))
    }

    func testTimestampsReadBackAsWritten() {
        for seconds in [0.0, 1_795_436_118.123, 951_782_400.999, 4_102_444_799.5] {
            let text = TranscriptCodec.isoTimestamp(Date(timeIntervalSince1970: seconds))
            XCTAssertEqual(TranscriptCodec.date(isoTimestamp: text).map { TranscriptCodec.isoTimestamp($0) }, text)
        }
        for bad in ["2026-11-23T10:00:00Z", "2026-13-23T10:00:00.000Z", "2026-11-23 10:00:00.000Z", "99999999999999999999999x",
                    "2026-11-23T10:00:00.00xZ", ""] {
            XCTAssertNil(TranscriptCodec.date(isoTimestamp: bad), bad)
        }
    }

    func testTheResumedStampRoundTripsThroughBothDecoders() throws {
        let written = TranscriptCodec.encode(line(4, "2026-11-23T11:00:10.000Z", resumed: "2026-11-23T11:00:00.000Z"))
        XCTAssertTrue(written.hasSuffix(",\"resumed\":\"2026-11-23T11:00:00.000Z\"}"), written)
        XCTAssertEqual(try TranscriptCodec.decode(written, lineNumber: 1).resumed, "2026-11-23T11:00:00.000Z")
        let fast = Array(written.utf8).withUnsafeBufferPointer { TranscriptLineDecoder.decode($0) }
        XCTAssertEqual(fast?.resumed, "2026-11-23T11:00:00.000Z")
        let mistyped = written.replacingOccurrences(of: "\"resumed\":\"2026-11-23T11:00:00.000Z\"", with: "\"resumed\":5")
        XCTAssertNil(Array(mistyped.utf8).withUnsafeBufferPointer { TranscriptLineDecoder.decode($0) })
        XCTAssertThrowsError(try TranscriptCodec.decode(mistyped, lineNumber: 1))
    }
}
