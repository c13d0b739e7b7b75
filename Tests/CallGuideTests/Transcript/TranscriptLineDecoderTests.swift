import Foundation
import XCTest
@testable import CallGuide

/// The direct line decoder must agree with the general path (JSONParser +
/// TranscriptCodec) on every line it takes, and leave to it every line it
/// does not; documents must read identically, errors included.
final class TranscriptLineDecoderTests: XCTestCase {
    private func fast(_ text: String) -> TranscriptLine? {
        Array(text.utf8).withUnsafeBufferPointer { TranscriptLineDecoder.decode($0) }
    }

    private func general(_ text: String) -> Result<TranscriptLine, TranscriptError> {
        Result { () throws(TranscriptError) -> TranscriptLine in try TranscriptCodec.decode(text, lineNumber: 2) }
    }

    /// Whatever the fast decoder returns, the general path returns too.
    private func assertAgrees(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let decoded = fast(text) else { return }
        switch general(text) {
        case .success(let expected): XCTAssertEqual(decoded, expected, text, file: file, line: line)
        case .failure(let error): XCTFail("fast path took a line the codec rejects (\(error)): \(text)", file: file, line: line)
        }
    }

    /// Lines as the writer writes them, one of every event kind.
    private var writtenLines: [String] {
        TranscriptSamples.events.enumerated().map { index, event in
            TranscriptCodec.encode(TranscriptLine(seq: index, time: "2026-11-23T10:00:0\(index % 10).000Z", event: event))
        }
    }

    func testEveryWrittenEventKindTakesTheFastPathAndMatches() {
        for text in writtenLines {
            XCTAssertNotNil(fast(text), "fast path refused an ordinary line: \(text)")
            assertAgrees(text)
        }
    }

    func testValuesOfEveryFormMatch() {
        let values = [
            "0", "-0", "1", "-1", "12.50", "0.3", "1e3", "1E-3", "-2.5e+4", "123456789012345678901234567890",
            "0.000000000000000000001", "1e127", "1e200", "\"\"", "\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\"",
            "\"\\u00e9\\u0416\\ud83d\\ude00\"", "\"Іван 😀\"", "true", "false", "null", "[]", "[1,[2,[3]],\"x\",null]",
            " [ 1 , 2 ] ", "{}", "{\"a\":1}", "[{\"a\":1}]", "01", "1.", ".5", "+1", "\"\\ud800\"", "\"\\x\"", "tru", "nul",
        ]
        var taken = 0
        for value in values {
            let text = "{\"seq\":3,\"t\":\"x\",\"event\":\"answer\",\"node\":\"n\",\"input\":\"in\",\"value\":\(value)}"
            if fast(text) != nil { taken += 1 }
            assertAgrees(text)
        }
        XCTAssertGreaterThan(taken, 15)
    }

    func testUnusualLinesGoToTheGeneralPath() {
        let unusual = [
            "{\"seq\":1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\",\"extra\":{\"deep\":[1]}}",  // unknown key
            "{\"seq\":1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\",\"text\":\"b\"}",  // repeated key
            "{\"s\\u0065q\":1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"}",  // escaped key
            "{\"seq\":1.0,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"}",
            "{\"seq\":1e2,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"}",
            "{\"seq\":-1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"}",
            "{\"seq\":01,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"}",
            "{\"seq\":1,\"t\":\"x\",\"event\":\"note\"}",  // missing field
            "{\"seq\":1,\"t\":\"x\",\"event\":\"note\",\"text\":5}",  // mistyped field
            "{\"seq\":1,\"t\":\"x\",\"event\":\"dance\"}",  // unknown event
            "{\"seq\":1,\"t\":\"x\",\"event\":\"skip\",\"node\":\"n\",\"reason\":\"bored\"}",
            "{\"seq\":1,\"t\":\"x\",\"event\":\"answer\",\"node\":\"n\",\"input\":\"i\",\"value\":{\"a\":1}}",
            "{\"seq\":1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"} x",  // trailing bytes
            "{\"seq\":1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"",  // torn
            "{\"seq\":1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\u{01}\"}",  // raw control character
            "{}", "[]", "", "   ", "null",
            "{\"seq\":1,\"t\":\"x\",\"event\":\"answer\",\"node\":\"n\",\"input\":\"i\",\"value\":"
                + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}",
        ]
        for text in unusual {
            XCTAssertNil(fast(text), text)
        }
    }

    func testExtraKnownFieldsAndWhitespaceMatch() {
        let lines = [
            " { \"event\" : \"note\" , \"t\" : \"x\" , \"seq\" : 7 , \"text\" : \"a\" , \"node\" : \"ignored\" } \r",
            "{\"seq\":0,\"t\":\"x\",\"event\":\"error\",\"node\":null,\"message\":\"m\"}",
            "{\"seq\":0,\"t\":\"x\",\"event\":\"end\",\"node\":null,\"outcome\":\"sale\",\"answers\":{},\"card_changes\":{}}",
            "{\"seq\":0,\"t\":\"x\",\"event\":\"end\",\"node\":\"e\",\"outcome\":\"hangup\",\"reason\":\"busy\",\"answers\":{\"a\":[1,\"b\"],\"q\":null},\"card_changes\":{\"status\":\"won\"}}",
            "{\"seq\":0,\"t\":\"x\",\"event\":\"end\",\"node\":\"e\",\"outcome\":\"sale\",\"answers\":{\"a\":1,\"a\":2},\"card_changes\":{}}",
            "{\"seq\":0,\"t\":\"x\",\"event\":\"start\",\"call\":\"c\",\"script\":\"s\",\"version\":\"1.2\",\"script_sha256\":\"h\",\"operator\":\"o\",\"language\":null,\"today\":\"d\",\"card\":null,\"card_data\":{}}",
            "{\"seq\":0,\"t\":\"x\",\"event\":\"start\",\"call\":\"c\",\"script\":\"s\",\"version\":[1],\"script_sha256\":\"h\",\"operator\":\"o\",\"today\":\"d\",\"card_data\":{}}",
            "{\"seq\":123456789012345678,\"t\":\"x\",\"event\":\"back\",\"node\":\"n\"}",
            "{\"seq\":1234567890123456789,\"t\":\"x\",\"event\":\"back\",\"node\":\"n\"}",
        ]
        for text in lines { assertAgrees(text) }
        XCTAssertNotNil(fast(lines[0]))
        XCTAssertNotNil(fast(lines[3]))
        XCTAssertNil(fast(lines[4]))
    }

    /// Every byte-level damage of a written line: truncations and single
    /// byte changes. Documents must read the same through the fast path as
    /// through the general path alone.
    func testDamagedLinesReadAsTheGeneralPathReadsThem() {
        let replacements: [UInt8] = [0x22, 0x5C, 0x7B, 0x7D, 0x2C, 0x3A, 0x30, 0x20, 0xFF, 0x00, 0x5B]
        for text in writtenLines {
            let bytes = Array(text.utf8)
            for cut in stride(from: 0, to: bytes.count, by: 3) {
                assertAgrees(String(decoding: bytes[..<cut], as: UTF8.self))
            }
            for index in stride(from: 0, to: bytes.count, by: 2) {
                for replacement in replacements {
                    var damaged = bytes
                    damaged[index] = replacement
                    let decoded = damaged.withUnsafeBufferPointer { TranscriptLineDecoder.decode($0) }
                    guard let decoded else { continue }
                    let expected = Result { () throws(TranscriptError) -> TranscriptLine in try TranscriptCodec.decode(damaged, lineNumber: 1) }
                    XCTAssertEqual(try? expected.get(), decoded, String(decoding: damaged, as: UTF8.self))
                }
            }
        }
    }

    func testDocumentErrorsAreUnchanged() {
        let start = writtenLines[0]
        let cases = [
            start + "\n{\"seq\":1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\",\"text\":\"b\"}\n",
            start + "\n{\"seq\":1,\"t\":\"x\",\"event\":\"note\"}\n",
            start + "\n{\"seq\":0,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"}\n",
            start + "\n{\"seq\":1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"} x\n",
            start + "\n{\"seq\":1,\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"",
        ]
        let expected = [
            "line 2, column 44: duplicate key 'text'",
            "line 2: 'note' event has no 'text'",
            "line 2: seq 0 does not follow seq 0 of line 1",
            "line 2, column 45: unexpected 'x' after the JSON value",
        ]
        for (index, text) in cases.enumerated() {
            let result = Result { () throws(TranscriptError) -> TranscriptDocument in try TranscriptDocument.parse(bytes: Array(text.utf8)) }
            switch result {
            case .success(let document):
                XCTAssertEqual(index, 4, "accepted: \(text)")
                XCTAssertTrue(document.tornLastLine)
                XCTAssertEqual(document.lines.count, 1)
            case .failure(let error):
                XCTAssertEqual(error.description, expected[index])
            }
        }
    }

    func testWholeDocumentDecodesAsWritten() throws {
        // The samples end with two `end` events; a document has one.
        let text = writtenLines.dropLast().joined(separator: "\n") + "\n"
        let document = try TranscriptDocument.parse(bytes: Array(text.utf8))
        let expected = try text.split(separator: "\n").map { try TranscriptCodec.decode(String($0), lineNumber: 1) }
        XCTAssertEqual(document.lines.map(\.line), expected)
    }

    // MARK: Skipping texts

    /// The event with the texts `texts: .skip` leaves empty made empty.
    private func withoutTexts(_ event: CallEvent) -> CallEvent {
        switch event {
        case .say(let node, _): return .say(node: node, text: "")
        case .ask(let node, _): return .ask(node: node, text: "")
        case .offer(let node, _, let item): return .offer(node: node, text: "", item: item)
        case .warning(let node, _): return .warning(node: node, message: "")
        case .error(let node, _): return .error(node: node, message: "")
        case .invalid(let node, let input, _): return .invalid(node: node, input: input, error: "")
        default: return event
        }
    }

    func testSkippingTextsEmptiesOnlyTheTextsReplayDoesNotCompare() throws {
        let text = writtenLines.dropLast().joined(separator: "\n") + "\n"
        let kept = try TranscriptDocument.parse(bytes: Array(text.utf8))
        let skipped = try TranscriptDocument.parse(bytes: Array(text.utf8), texts: .skip)
        XCTAssertEqual(skipped.lines.count, kept.lines.count)
        XCTAssertEqual(skipped.lines.first, kept.lines.first, "the first line keeps its time")
        XCTAssertEqual(skipped.start, kept.start)
        for (got, full) in zip(skipped.lines, kept.lines).dropFirst() {
            XCTAssertEqual(got.number, full.number)
            XCTAssertEqual(got.line.seq, full.line.seq)
            XCTAssertEqual(got.line.time, "")
            XCTAssertEqual(got.event, withoutTexts(full.event))
        }
        // Notes are operator input replay feeds again: kept.
        XCTAssertTrue(skipped.lines.contains { if case .note(let note) = $0.event { return !note.isEmpty } else { return false } })
        XCTAssertTrue(skipped.lines.contains { if case .say = $0.event { return true } else { return false } })
    }

    /// Damaged texts are refused with the same errors whether or not they
    /// are kept, and lines are accepted alike.
    func testSkippingTextsChecksThemAllTheSame() {
        let start = writtenLines[0]
        let bodies = [
            "{\"seq\":1,\"t\":\"x\",\"event\":\"say\",\"node\":\"a\",\"text\":\"caf#\"}",  // # becomes the byte 0xFF
            "{\"seq\":1,\"t\":\"x\u{1}\",\"event\":\"say\",\"node\":\"a\",\"text\":\"b\"}",
            "{\"seq\":1,\"t\":\"x\",\"event\":\"ask\",\"node\":\"a\",\"text\":\"bad \\\\q escape\"}",
            "{\"seq\":1,\"t\":\"x\",\"event\":\"warning\",\"node\":\"a\",\"message\":\"\\\\ud800\"}",
            "{\"seq\":1,\"t\":\"x\",\"event\":\"warning\",\"node\":\"a\",\"message\":3}",
            "{\"seq\":1,\"t\":2,\"event\":\"say\",\"node\":\"a\",\"text\":\"b\"}",
            "{\"seq\":1,\"t\":\"x\",\"event\":\"invalid\",\"node\":\"a\",\"input\":\"b\",\"error\":null}",
            "{\"seq\":1,\"t\":\"x\",\"event\":\"say\",\"node\":\"a\",\"text\":\"caf\u{E9} \\\\n\"}",
        ]
        for body in bodies {
            let bytes = Array((start + "\n" + body + "\n").utf8).map { $0 == UInt8(ascii: "#") ? 0xFF : $0 }
            let kept = Result { () throws(TranscriptError) -> TranscriptDocument in try TranscriptDocument.parse(bytes: bytes) }
            let skipped = Result { () throws(TranscriptError) -> TranscriptDocument in try TranscriptDocument.parse(bytes: bytes, texts: .skip) }
            switch (kept, skipped) {
            case (.failure(let a), .failure(let b)): XCTAssertEqual(a.description, b.description, body)
            case (.success(let a), .success(let b)): XCTAssertEqual(a.lines.map(\.number), b.lines.map(\.number), body)
            default: XCTFail("accepted one way only: \(body)")
            }
        }
        let invalidUTF8 = Array((start + "\n" + bodies[0] + "\n").utf8).map { $0 == UInt8(ascii: "#") ? 0xFF : $0 }
        XCTAssertThrowsError(try TranscriptDocument.parse(bytes: invalidUTF8, texts: .skip))
    }

    // MARK: Numbers too large for seq (issue 10, defect 1)

    /// 19 digits or more used to overflow the fast path's `value * 10`
    /// before its digit-count guard: SIGILL on replay and resume.
    func testASeqTooLargeForAnIntIsRefusedNamingTheLine() {
        for seq in ["9223372036854775808", "9999999999999999999", "99999999999999999999999", "1000000000000000000",
                    "9223372036854775807", "1e30"] {
            let line = "{\"seq\":\(seq),\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"}"
            XCTAssertNil(fast(line), "the fast path must leave \(seq) to the general path")
            guard case .failure(let error) = general(line) else { return XCTFail("seq \(seq) accepted") }
            XCTAssertEqual(error.lineNumber, 2)
            XCTAssertTrue(error.message.contains("too large"), error.message)
            let document = TranscriptSamples.document([TranscriptSamples.events[0]]) + line + "\n"
            XCTAssertThrowsError(try TranscriptDocument.parse(bytes: Array(document.utf8))) { error in
                XCTAssertEqual((error as? TranscriptError)?.lineNumber, 2, "\(error)")
            }
        }
    }

    func testTheLargestSeqIsReadAndTheNextOneFitsInAnInt() throws {
        let largest = String(TranscriptLine.maximumSeq)
        let line = "{\"seq\":\(largest),\"t\":\"x\",\"event\":\"note\",\"text\":\"a\"}"
        XCTAssertEqual(fast(line)?.seq, TranscriptLine.maximumSeq)
        assertAgrees(line)
        let document = try TranscriptDocument.parse(bytes: Array((TranscriptSamples.document([TranscriptSamples.events[0]]) + line + "\n").utf8))
        XCTAssertEqual(document.nextSeq, TranscriptLine.maximumSeq + 1)
    }
}

extension TranscriptLineDecoderTests {
    /// Version 1.1: a `start` with `now` and an `end` without offers or
    /// tasks take the fast path; with them, or with `last`, `task` or a
    /// `task` event, the general path decides, and both agree.
    func testVersionOneOneLinesAgreeWithTheGeneralPath() throws {
        let task = CallTask(node: "when", kind: .callback, due: "2026-11-24T10:00", assignee: "anna", group: nil, script: nil, note: "n")
        let taken: [CallEvent] = [
            .start(CallStart(call: "c", script: "s", version: .null, scriptSHA256: "x", operator: "anna", language: nil,
                             today: "2026-11-23", card: nil, cardData: [:], now: "2026-11-23T14:15")),
            .end(CallEnd(node: "done", outcome: "sale", answers: [(node: "nps", value: .number(9))], cardChanges: [],
                         converted: true, nps: .number(9))),
            .end(CallEnd(node: "done", outcome: "no_sale", answers: [], cardChanges: [], converted: false)),
        ]
        let general: [CallEvent] = [
            .start(CallStart(call: "c", script: "s", version: .null, scriptSHA256: "x", operator: "anna", language: nil,
                             today: "2026-11-23", card: nil, cardData: [:], now: "2026-11-23T14:15",
                             last: ["budget": .number(5)], task: TaskContext(kind: .todo), cardCalls: 2)),
            .task(task),
            .end(CallEnd(node: "done", outcome: "sale", answers: [], cardChanges: [], converted: true, tasks: [task])),
            .end(CallEnd(node: "done", outcome: "sale", answers: [], cardChanges: [], converted: true,
                         offers: [OfferRecord(node: "o", accepted: true, item: [])])),
        ]
        for (index, event) in (taken + general).enumerated() {
            let text = TranscriptCodec.encode(TranscriptLine(seq: index, time: "t", event: event))
            XCTAssertEqual(fast(text) != nil, index < taken.count, text)
            assertAgrees(text)
            XCTAssertEqual(try TranscriptCodec.decode(text, lineNumber: 1).event, event, text)
        }
        // A mistyped field is the general path's to report.
        XCTAssertNil(fast(#"{"seq":1,"t":"t","event":"end","node":null,"outcome":"x","answers":{},"card_changes":{},"converted":"yes","nps":null,"offers":[],"tasks":[]}"#))
        XCTAssertNil(fast(#"{"seq":1,"t":"t","event":"end","node":null,"outcome":"x","answers":{},"card_changes":{},"nps":3}"#))
        assertAgrees(#"{"seq":1,"t":"t","event":"end","node":null,"outcome":"x","answers":{},"card_changes":{},"nps":3}"#)
    }
}
