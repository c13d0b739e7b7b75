import Foundation
import XCTest
@testable import CallGuide

final class TranscriptCodecTests: XCTestCase {
    private func decodeError(_ text: String, line: Int = 7) -> TranscriptError? {
        do {
            let decoded = try TranscriptCodec.decode(text, lineNumber: line)
            XCTFail("decoded \(decoded)")
            return nil
        } catch {
            return error
        }
    }

    func testEveryEventKindRoundTrips() throws {
        for line in TranscriptSamples.lines() {
            let text = TranscriptCodec.encode(line)
            XCTAssertFalse(text.contains("\n"))
            XCTAssertEqual(try TranscriptCodec.decode(text, lineNumber: 1), line, text)
            XCTAssertEqual(TranscriptCodec.encode(try TranscriptCodec.decode(text, lineNumber: 1)), text)
        }
    }

    func testKeyOrderAndFieldNamesFollowTheSpec() {
        let lines = TranscriptSamples.lines()
        XCTAssertEqual(TranscriptCodec.encode(lines[0]), #"{"seq":0,"t":"2026-11-23T12:15:18.123Z","event":"start","call":"c-0042","script":"upsell","version":3,"script_sha256":"ab12","operator":"olena","language":"uk","today":"2026-11-23","card":"card-7","card_data":{"balance":1252.5,"fax":null,"name":"Іван \"Ваня\"","tags":["a",null],"vip":true}}"#)
        XCTAssertEqual(TranscriptCodec.encode(lines[3]), #"{"seq":3,"t":"2026-11-23T12:15:18.123Z","event":"offer","node":"case_offer","text":"Case for 980?","item":{"sku":"C-1","price":980,"discount":0.3}}"#)
        XCTAssertEqual(TranscriptCodec.encode(lines[4]), #"{"seq":4,"t":"2026-11-23T12:15:18.123Z","event":"answer","node":"budget","input":"1 127,25","value":1127.25}"#)
        XCTAssertEqual(TranscriptCodec.encode(lines[12]), #"{"seq":12,"t":"2026-11-23T12:15:18.123Z","event":"handler","name":"callback","node":"budget"}"#)
        XCTAssertEqual(TranscriptCodec.encode(lines[17]), #"{"seq":17,"t":"2026-11-23T12:15:18.123Z","event":"end","node":"budget","outcome":"hangup","reason":"client hung up","answers":{"budget":-5,"email":null},"card_changes":{"balance":-0.5}}"#)
        XCTAssertEqual(TranscriptCodec.encode(lines[18]), #"{"seq":18,"t":"2026-11-23T12:15:18.123Z","event":"end","node":null,"outcome":"sale","answers":{},"card_changes":{}}"#)
    }

    func testAStartWhoseCardWasNotReadRecordsTheKey() throws {
        let start = CallStart(call: "c", script: "s", version: .null, scriptSHA256: "x", operator: "anna", language: nil,
                              today: "2026-11-23", card: nil, cardData: [:], cardKey: "050 111 22 33")
        let text = TranscriptCodec.encode(TranscriptLine(seq: 0, time: "t", event: .start(start)))
        XCTAssertTrue(text.hasSuffix(#""card":null,"card_data":{},"card_key":"050 111 22 33","card_available":false}"#), text)
        let decoded = try TranscriptCodec.decode(text, lineNumber: 1)
        XCTAssertEqual(decoded.event, .start(start))
        XCTAssertFalse(start.cardAvailable)
        // A card that was read writes neither field.
        var read = start
        read.cardKey = nil
        XCTAssertFalse(TranscriptCodec.encode(TranscriptLine(seq: 0, time: "t", event: .start(read))).contains("card_available"))
        XCTAssertEqual(decodeError(#"{"seq":0,"t":"t","event":"start","call":"c","script":"s","version":null,"script_sha256":"x","operator":"a","language":null,"today":"d","card":null,"card_data":{},"card_available":"no"}"#)?.message,
                       "'start' event: 'card_available' must be true or false")
        XCTAssertEqual(decodeError(#"{"seq":0,"t":"t","event":"start","call":"c","script":"s","version":null,"script_sha256":"x","operator":"a","language":null,"today":"d","card":null,"card_data":{},"card_available":false}"#)?.message.contains("card_key"), true)
    }

    func testUnknownFieldsAreTolerated() throws {
        let line = try TranscriptCodec.decode(#"{"seq":2,"t":"x","event":"back","node":"q","future":{"a":[1]}}"#, lineNumber: 3)
        XCTAssertEqual(line.event, .back(node: "q"))
        XCTAssertEqual(line.seq, 2)
    }

    func testVersionMayBeAString() throws {
        let text = #"{"seq":0,"t":"x","event":"start","call":"c","script":"s","version":"2.1-beta","script_sha256":"h","operator":"o","language":null,"today":"2026-01-01","card":null,"card_data":{}}"#
        guard case .start(let start) = try TranscriptCodec.decode(text, lineNumber: 1).event else {
            return XCTFail("not a start")
        }
        XCTAssertEqual(start.version, .string("2.1-beta"))
        XCTAssertNil(start.language)
        XCTAssertNil(start.card)
    }

    func testMissingOrMistypedFieldsAreNamed() {
        XCTAssertEqual(decodeError(#"{"seq":6,"t":"x","event":"answer","input":"1","value":1}"#)?.description,
                       "line 7: 'answer' event has no 'node'")
        XCTAssertEqual(decodeError(#"{"seq":6,"t":"x","event":"ask","node":3,"text":"?"}"#)?.description,
                       "line 7: 'ask' event: 'node' must be a string, not a number")
        XCTAssertEqual(decodeError(#"{"seq":6,"t":"x","node":"q"}"#)?.description, "line 7: line has no 'event'")
        XCTAssertEqual(decodeError(#"{"seq":1.5,"t":"x","event":"back","node":"q"}"#)?.description,
                       "line 7: line: 'seq' must be a whole number 0 or more")
        XCTAssertEqual(decodeError(#"{"seq":1,"t":"x","event":"jump","node":"q"}"#)?.description, "line 7: unknown event 'jump'")
        XCTAssertEqual(decodeError(#"{"seq":1,"t":"x","event":"skip","node":"q","reason":"bored"}"#)?.message,
                       "'skip' event: 'reason' must be 'when' or 'operator', not 'bored'")
        XCTAssertEqual(decodeError(#"{"seq":1,"t":"x","event":"answer","node":"q","input":"","value":{"a":1}}"#)?.message,
                       "'answer' event: 'value' must be a value or a list, not an object")
        XCTAssertEqual(decodeError(#"{"seq":1,"t":"x","event":"end","node":"q","outcome":"sale","answers":[],"card_changes":{}}"#)?.message,
                       "'end' event: 'answers' must be an object, not an array")
        XCTAssertEqual(decodeError("[1]")?.message, "a transcript line must be a JSON object, not an array")
    }

    func testSeqAcceptsEveryWritingOfAWholeNumber() throws {
        for (text, seq) in [("7", 7), ("7.0", 7), ("7e0", 7), ("0.7e1", 7), ("1e2", 100), ("-0", 0), ("0", 0),
                            ("999999999999999999", TranscriptLine.maximumSeq), ("999999999999999999.000", TranscriptLine.maximumSeq)] {
            let line = try TranscriptCodec.decode(#"{"seq":\#(text),"t":"x","event":"back","node":"q"}"#, lineNumber: 1)
            XCTAssertEqual(line.seq, seq, text)
        }
        for text in ["-1", "1.5", "0.1"] {
            XCTAssertEqual(decodeError(#"{"seq":\#(text),"t":"x","event":"back","node":"q"}"#)?.message,
                           "line: 'seq' must be a whole number 0 or more", text)
        }
    }

    /// Int.max itself used to be accepted, and resuming that call then
    /// trapped on `seq + 1`; past the limit the value is named.
    func testSeqPastTheLimitIsTooLarge() {
        for (text, shown) in [("9223372036854775807", "9223372036854775807"), ("9223372036854775808", "9223372036854775808"),
                              ("1e30", "1000000000000000000000000000000"), ("1000000000000000000", "1000000000000000000")] {
            XCTAssertEqual(decodeError(#"{"seq":\#(text),"t":"x","event":"back","node":"q"}"#)?.message,
                           "line: 'seq' \(shown) is too large (at most 999999999999999999)", text)
        }
    }

    func testMalformedJSONGivesTheColumn() {
        let error = decodeError(#"{"seq":1,"t":"x",}"#)
        XCTAssertEqual(error?.lineNumber, 7)
        XCTAssertEqual(error?.column, 18)
        XCTAssertEqual(error?.description, "line 7, column 18: expected a string key, found '}'")
    }

    func testISOTimestampIsUTCWithMilliseconds() {
        XCTAssertEqual(TranscriptCodec.isoTimestamp(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(TranscriptCodec.isoTimestamp(Date(timeIntervalSince1970: 1_795_436_118.1239)), "2026-11-23T12:15:18.123Z")
        XCTAssertEqual(TranscriptCodec.isoTimestamp(Date(timeIntervalSince1970: -0.001)), "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(TranscriptCodec.isoTimestamp(Date(timeIntervalSince1970: 951_782_400.5)), "2000-02-29T00:00:00.500Z")
        XCTAssertEqual(TranscriptCodec.isoTimestamp(Date(timeIntervalSince1970: 1.123)), "1970-01-01T00:00:01.123Z")
    }
}
