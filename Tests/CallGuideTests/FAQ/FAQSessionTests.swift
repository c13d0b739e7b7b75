@testable import CallGuide
import XCTest

/// `?WORDS` at a question (script language 9.2): a `faq` event, the
/// question stays open, and a script without `faq` reads `?` as an answer.
final class FAQSessionTests: XCTestCase {
    private let yaml = """
        callguide: 1
        id: shop
        faq:
          - q: Do you deliver on Sundays?
            a: Yes, from 10:00 to 16:00, for 300 more.
            tags: [delivery]
          - id: warranty
            q: {ru: "Есть ли гарантия?", en: "Is there a warranty?"}
            a: {ru: "Два года на всё.", en: "Two years on everything."}
        nodes:
          budget: {ask: What budget?, type: number}
          done: {end: sale}
        """

    func testLoaderKeepsEntriesWithTheirIds() throws {
        let script = try XCTUnwrap(loadScript(yaml))
        XCTAssertEqual(script.faq.map(\.id), ["#1", "warranty"])
        XCTAssertEqual(script.faq[0].tags, ["delivery"])
        XCTAssertEqual(script.faq[1].question.text(for: "ru", fallback: nil), "Есть ли гарантия?")
    }

    func testALookupLeavesTheQuestionOpen() throws {
        let script = try XCTUnwrap(loadScript(yaml))
        let run = runCall(script, ["?sunday", "?ГАРАНТ", "?nothing here", "500"])
        XCTAssertEqual(run.events, [
            "start", "ask budget", "faq budget 'sunday' [#1]", "faq budget 'ГАРАНТ' [warranty]",
            "faq budget 'nothing here' []", "answer budget=500", "end sale",
        ])
        XCTAssertEqual(run.session.faqLookups.map(\.query), ["sunday", "ГАРАНТ", "nothing here"])
    }

    func testAnEmptyQueryIsRefusedAndLogsNoLookup() throws {
        let script = try XCTUnwrap(loadScript(yaml))
        let run = runCall(script, ["?", "? ...", "1"])
        XCTAssertEqual(run.events, ["start", "ask budget", "invalid budget", "invalid budget", "answer budget=1", "end sale"])
        XCTAssertTrue(run.session.faqLookups.isEmpty)
    }

    func testBackKeepsTheLookups() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: shop
            faq:
              - {q: Is there a warranty?, a: Two years.}
            nodes:
              name: {ask: Name?}
              budget: {ask: Budget?, type: number}
              done: {end: sale}
            """))
        let run = runCall(script, ["Ann", "?warranty", ":back", "?warr"], endInput: false)
        XCTAssertEqual(run.session.faqLookups.map(\.query), ["warranty", "warr"])
        XCTAssertEqual(run.session.faqLookups.map(\.node), ["budget", "name"])
    }

    func testWithoutFAQAQuestionMarkLineIsAnAnswer() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: plain
            nodes:
              comment: {ask: Anything else?}
              done: {end: done}
            """))
        let run = runCall(script, ["?what"])
        XCTAssertEqual(answerValues(run.raw), [.string("?what")])
    }

    func testABackslashMakesAQuestionMarkLineAnAnswer() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: shop
            faq:
              - {q: Is there a warranty?, a: Two years.}
            nodes:
              comment: {ask: Anything else?}
              done: {end: done}
            """))
        let run = runCall(script, ["\\?warranty"])
        XCTAssertEqual(answerValues(run.raw), [.string("?warranty")])
        XCTAssertTrue(run.session.faqLookups.isEmpty)
    }

    func testReplayFeedsLookupsAndDoesNotCompareThem() throws {
        let script = try XCTUnwrap(loadScript(yaml))
        let recorded = runCall(script, ["?sunday", "500"], endInput: false).raw
        // The FAQ changed since: the lookup now shows nothing, and it
        // still replays, with the lookup kept by the restored call.
        var changed = try XCTUnwrap(loadScript(yaml))
        changed.faq.removeAll { $0.id == "#1" }
        let events = recorded.enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
        XCTAssertTrue(Replayer.replay(events, against: changed).passed)
        let restored = Replayer.restore(Array(events.prefix(3)), against: changed)
        XCTAssertEqual(restored.session?.faqLookups, [FAQLookup(node: "budget", query: "sunday", shown: [])])
    }

    func testTheEventRoundTripsThroughATranscriptLine() throws {
        let event = CallEvent.faq(FAQLookup(node: "budget", query: "доставка в суботу", shown: ["#1", "warranty"]))
        let line = TranscriptLine(seq: 3, time: "2026-11-23T10:00:01.000Z", event: event)
        let encoded = TranscriptCodec.encode(line)
        XCTAssertTrue(encoded.contains(#""event":"faq""#), encoded)
        XCTAssertTrue(encoded.contains(##""shown":["#1","warranty"]"##), encoded)
        XCTAssertEqual(try TranscriptCodec.decode(encoded, lineNumber: 1).event, event)
    }

    func testAShownListOfNonTextsIsATranscriptError() {
        let line = #"{"seq":2,"t":"2026-11-23T10:00:01.000Z","event":"faq","node":"budget","query":"x","shown":[1]}"#
        XCTAssertThrowsError(try TranscriptCodec.decode(line, lineNumber: 2)) { error in
            XCTAssertTrue("\(error)".contains("shown"), "\(error)")
        }
    }

    private func answerValues(_ events: [CallEvent]) -> [Value] {
        events.compactMap { event -> Value? in
            guard case .answer(_, _, let value) = event else { return nil }
            return value
        }
    }
}

/// A transcript recorded before the script had `faq`: its answers that
/// begin with `?` are still answers when replayed.
final class FAQReplayOfOlderTranscriptsTests: XCTestCase {
    func testAnAnswerBeginningWithAQuestionMarkStaysAnAnswer() throws {
        let before = try XCTUnwrap(loadScript("""
            callguide: 1
            id: shop
            nodes:
              comment: {ask: Anything else?}
              age: {ask: Age?, type: integer}
              done: {end: done}
            """))
        let recorded = runCall(before, ["?why not", "?", "30"], endInput: false).raw
        XCTAssertEqual(recorded.map(describe), ["start", "ask comment", "answer comment=?why not", "ask age", "invalid age", "answer age=30", "end done"])
        var after = before
        after.faq = [FAQEntry(id: "#1", question: "Why not?", answer: "Because.")]
        let events = recorded.enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
        let result = Replayer.replay(events, against: after)
        XCTAssertNil(result.divergence)
    }
}
