@testable import CallGuide
import XCTest

/// Transcripts of a forgotten client are masked (`TranscriptMasking`) and
/// still replay: a masked answer's recorded value is taken as it is.
final class MaskedReplayTests: XCTestCase {
    let script = """
        callguide: 1
        id: contact
        nodes:
          customer_name:
            ask: Your name?
          phone:
            ask: "Phone, {customer_name}?"
            type: phone
            validate:
              - require: len(answer) > 14
                message: A short phone
                soft: true
          delivery:
            ask: When?
            type: date
          plan:
            ask: Which plan?
            type: choice
            options: [basic, premium]
          thanks: {say: "Thank you, {customer_name}"}
          done: {end: sale}
        """

    /// A call recorded as the REPL writes it, as transcript bytes.
    func transcript(_ lines: [String]) throws -> [UInt8] {
        let loaded = try XCTUnwrap(loadScript(script))
        let context = testContext(cardData: ["name": .string("Olga Smirnova")])
        let events = runCall(loaded, lines, context: context).raw
        let start = CallStart(call: "c1", script: "contact", version: .null, scriptSHA256: "0", operator: "anna",
                              language: nil, today: "2026-11-23", card: "C000001", cardData: ["name": .string("Olga Smirnova")])
        let all = [CallEvent.start(start)] + events.filter { if case .start = $0 { return false } else { return true } }
        return Array(all.enumerated().map { TranscriptCodec.encode(TranscriptLine(seq: $0.offset, time: "2026-11-23T10:00:00.000Z", event: $0.element)) + "\n" }
            .joined().utf8)
    }

    func replay(_ bytes: [UInt8]) throws -> ReplayResult {
        let document = try TranscriptDocument.parse(bytes: bytes)
        return Replayer.replay(document.recordedEvents, against: try XCTUnwrap(loadScript(script)), compareTexts: true)
    }

    let masks: [(value: String, mask: String)] = [
        ("Olga Smirnova", "O***"), ("+380501112233", "+380*******33"), ("2026-12-03", "****-**-**"), ("Olga", "***"),
    ]

    func testAMaskedTranscriptReplaysAndHoldsNoPersonalValue() throws {
        let original = try transcript(["Olga", "12345", "+380 50 111 22 33", "03.12.2026", "premium"])
        XCTAssertTrue(try replay(original).passed)
        let masked = try TranscriptMasking.mask(original, masks: masks, answerNodes: ["customer_name", "phone", "delivery"])
        let text = String(decoding: masked.bytes, as: UTF8.self)
        for secret in ["Olga", "380501112233", "50 111 22 33", "2026-12-03", "03.12.2026"] {
            XCTAssertFalse(text.contains(secret), "\(secret) is still in:\n\(text)")
        }
        XCTAssertTrue(text.contains("\"masked\":true"), text)
        XCTAssertTrue(text.contains("premium"), "choices stay")
        let result = try replay(masked.bytes)
        XCTAssertTrue(result.passed, result.divergence?.message ?? "")
        // Masking again changes nothing more.
        XCTAssertEqual(try TranscriptMasking.mask(masked.bytes, masks: masks, answerNodes: ["customer_name", "phone", "delivery"]).changedLines, 0)
    }

    func testWithoutTheMarkAMaskedValueWouldNotReplay() throws {
        let original = try transcript(["Olga", "+380 50 111 22 33", "03.12.2026", "premium"])
        let masked = try TranscriptMasking.mask(original, masks: masks, answerNodes: ["customer_name", "phone", "delivery"])
        let unmarked = String(decoding: masked.bytes, as: UTF8.self).replacingOccurrences(of: ",\"masked\":true", with: "")
        XCTAssertFalse(try replay(Array(unmarked.utf8)).passed, "the mark is what makes replay take the recorded value")
    }

    func testLinesWithNothingPersonalKeepTheirBytes() throws {
        let original = try transcript(["Olga", "+380 50 111 22 33", "03.12.2026", "premium"])
        let masked = try TranscriptMasking.mask(original, masks: [], answerNodes: [])
        XCTAssertEqual(masked.bytes, original)
        XCTAssertEqual(masked.changedLines, 0)
    }
}

final class MaskedCardKeyTests: XCTestCase {
    /// A call that could not read its card keeps the phone it was given in
    /// `card_key`: forgetting the client masks it too (store.md 6).
    func testTheKeyOfAnUnreadCardIsMasked() throws {
        let start = CallStart(call: "c1", script: "s", version: .null, scriptSHA256: "0", operator: "anna", language: nil,
                              today: "2026-11-23", card: nil, cardData: [:], cardKey: "+380 50 111 22 33")
        let line = TranscriptCodec.encode(TranscriptLine(seq: 0, time: "t", event: .start(start))) + "\n"
        let rules = TranscriptMasking.Rules(answer: { _, _, _ in nil }, field: { field, _ in field == "phone" ? .string("+380*******33") : nil })
        let masked = try TranscriptMasking.mask(Array(line.utf8), rules: rules)
        let text = String(decoding: masked.bytes, as: UTF8.self)
        XCTAssertTrue(text.contains(#""card_key":"+380*******33","card_available":false"#), text)
        XCTAssertEqual(masked.changedLines, 1)
    }
}
