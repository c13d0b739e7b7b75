@testable import CallGuide
import XCTest

/// A task made from a masked answer (`due: add_days(answer, 1)` on a date
/// the client's forgetting masked) still replays: the recorded task stands.
final class MaskedTaskReplayTests: XCTestCase {
    let script = """
        callguide: 1
        id: delivery
        nodes:
          delivery:
            ask: When?
            type: date
            task: {due: "add_days(answer, 1)", note: "Did it arrive?"}
          done: {end: sale}
        """

    func testATaskHangingOnAMaskedDateReplays() throws {
        let loaded = try XCTUnwrap(loadScript(script))
        let events = runCall(loaded, ["03.12.2026"], context: testContext()).raw
        let start = CallStart(call: "c1", script: "delivery", version: .null, scriptSHA256: "0", operator: "anna",
                              language: nil, today: "2026-11-23", card: "C000001", cardData: [:])
        let all = [CallEvent.start(start)] + events.filter { if case .start = $0 { return false } else { return true } }
        let original = Array(all.enumerated().map { TranscriptCodec.encode(TranscriptLine(seq: $0.offset, time: "2026-11-23T10:00:00.000Z", event: $0.element)) + "\n" }
            .joined().utf8)
        XCTAssertTrue(String(decoding: original, as: UTF8.self).contains("\"event\":\"task\""), "the call made its task")
        let masked = try TranscriptMasking.mask(original, masks: [("2026-12-03", "****-**-**")], answerNodes: ["delivery"])
        let document = try TranscriptDocument.parse(bytes: masked.bytes)
        let result = Replayer.replay(document.recordedEvents, against: loaded, compareTexts: true)
        XCTAssertTrue(result.passed, result.divergence?.message ?? "")
    }
}
