@testable import CallGuide
import XCTest

/// Tasks through transcripts: the `task` event and the version 1.1 fields
/// of `start` and `end` round-trip, replay compares tasks, and a resumed
/// call keeps the tasks it had made (transcript, section 3).
final class TaskReplayTests: XCTestCase {
    let yaml = """
        callguide: 1
        id: inbound
        nodes:
          when_to_call:
            ask: When shall we call you back?
            type: datetime
            task:
              due: answer
              note: "Follow-up #{task.attempts} after {last.budget}"
          send:
            say: Sending the proposal.
            task: {kind: todo, due: "add_days(now(), 1)", group: sales}
          anything:
            ask: Anything else?
          done:
            end: booked
            transfer: senior
        """

    func context() -> CallContext {
        var context = testContext()
        context.now = "2026-11-23T10:15"
        context.last = ["budget": .string("1500 a month")]
        context.task = TaskContext(id: "T000007", kind: .callback, note: "call back", attempts: 1, due: "2026-11-23T09:00")
        context.cardCalls = 2
        return context
    }

    /// Records a call as the REPL writes it and reads it back as replay does.
    func transcript(_ yaml: String, _ lines: [String], endInput: Bool = true) throws -> [RecordedEvent] {
        let script = try XCTUnwrap(loadScript(yaml))
        let events = runCall(script, lines, context: context(), endInput: endInput).raw
        let text = events.enumerated().map {
            TranscriptCodec.encode(TranscriptLine(seq: $0.offset, time: "2026-11-23T08:15:00.000Z", event: $0.element))
        }.joined(separator: "\n") + "\n"
        return try TranscriptDocument.parse(bytes: Array(text.utf8)).recordedEvents
    }

    func testTheNewFieldsRoundTripThroughTheTranscript() throws {
        let recorded = try transcript(yaml, ["tomorrow 10:30", ":note wants a discount", "no"])
        guard case .start(let start) = recorded[0].event else { return XCTFail() }
        XCTAssertEqual(start.now, "2026-11-23T10:15")
        XCTAssertEqual(start.last, ["budget": .string("1500 a month")])
        XCTAssertEqual(start.task, TaskContext(id: "T000007", kind: .callback, note: "call back", attempts: 1, due: "2026-11-23T09:00"))
        XCTAssertEqual(start.cardCalls, 2)
        let tasks = recorded.compactMap { if case .task(let task) = $0.event { return task } else { return nil } }
        XCTAssertEqual(tasks.map(\.kind), [.callback, .todo, .transfer])
        XCTAssertEqual(tasks[0].note, "Follow-up #1 after 1500 a month")
        XCTAssertEqual(tasks[1].due, "2026-11-24T10:15")
        XCTAssertEqual(tasks[2].handover.map(\.text), [
            "When shall we call you back?: 2026-11-24 10:30", "Anything else?: no", "note: wants a discount",
        ])
        guard case .end(let end)? = recorded.last?.event else { return XCTFail() }
        XCTAssertEqual(end.tasks, tasks)
        XCTAssertEqual(end.converted, false)
        XCTAssertEqual(end.nps, .null)
        XCTAssertEqual(end.offers, [])
        // The lines as written.
        let task = TranscriptCodec.encode(TranscriptLine(seq: 3, time: "t", event: .task(tasks[0])))
        XCTAssertEqual(task, #"{"seq":3,"t":"t","event":"task","node":"when_to_call","kind":"callback","due":"2026-11-24T10:30","assignee":"anna","group":null,"script":null,"note":"Follow-up #1 after 1500 a month"}"#)
    }

    func testAVersionOneEndLineStillReads() throws {
        let line = try TranscriptCodec.decode(#"{"seq":9,"t":"t","event":"end","node":"done","outcome":"sale","answers":{},"card_changes":{}}"#, lineNumber: 1)
        guard case .end(let end) = line.event else { return XCTFail() }
        XCTAssertNil(end.converted)
        XCTAssertEqual(end.tasks, [])
        XCTAssertEqual(TranscriptCodec.encode(line), #"{"seq":9,"t":"t","event":"end","node":"done","outcome":"sale","answers":{},"card_changes":{}}"#)
    }

    func testMalformedTaskFieldsNameTheLineAndField() {
        XCTAssertThrowsError(try TranscriptCodec.decode(#"{"seq":3,"t":"t","event":"task","node":"a","kind":"chore","due":"2026-11-24"}"#, lineNumber: 4)) { error in
            XCTAssertEqual((error as? TranscriptError)?.description.contains("'kind' must be callback, transfer or todo, not 'chore'"), true, "\(error)")
        }
        XCTAssertThrowsError(try TranscriptCodec.decode(#"{"seq":0,"t":"t","event":"start","call":"c","script":"s","version":null,"script_sha256":"x","operator":"a","language":null,"today":"2026-11-23","card":null,"card_data":{},"task":{"kind":"callback"}}"#, lineNumber: 1)) { error in
            XCTAssertEqual((error as? TranscriptError)?.description.contains("has no 'attempts'"), true, "\(error)")
        }
    }

    func testReplayComparesTasks() throws {
        let recorded = try transcript(yaml, ["tomorrow 10:30", "no"])
        XCTAssertNil(Replayer.replay(recorded, against: try XCTUnwrap(loadScript(yaml))).divergence)
        // Due a day later: a divergence naming the task's field.
        let later = yaml.replacingOccurrences(of: "due: answer", with: "due: add_days(answer, 1)")
        let moved = Replayer.replay(recorded, against: try XCTUnwrap(loadScript(later))).divergence
        XCTAssertEqual(moved?.message, "the task of 'when_to_call' changed its due from '2026-11-24T10:30' to '2026-11-25T10:30'")
        let regrouped = yaml.replacingOccurrences(of: "group: sales", with: "group: office")
        XCTAssertEqual(Replayer.replay(recorded, against: try XCTUnwrap(loadScript(regrouped))).divergence?.message,
                       "the task of 'send' changed its group from 'sales' to 'office'")
        // A note is a text: compared only with the texts.
        let renoted = yaml.replacingOccurrences(of: "Follow-up #", with: "Call #")
        let renotedScript = try XCTUnwrap(loadScript(renoted))
        XCTAssertNil(Replayer.replay(recorded, against: renotedScript).divergence)
        XCTAssertEqual(Replayer.replay(recorded, against: renotedScript, compareTexts: true).divergence?.message,
                       "the task of 'when_to_call' changed its note from 'Follow-up #1 after 1500 a month' to 'Call #1 after 1500 a month'")
        // A task the script no longer makes.
        let untasked = yaml.replacingOccurrences(of: "    task: {kind: todo, due: \"add_days(now(), 1)\", group: sales}\n", with: "")
        XCTAssertNotNil(Replayer.replay(recorded, against: try XCTUnwrap(loadScript(untasked))).divergence)
    }

    func testReplayOfACallThatWentBackPastATask() throws {
        let recorded = try transcript(yaml, ["tomorrow 10:30", ":back", "+2 09:00", "no"])
        let tasks = recorded.compactMap { if case .task(let task) = $0.event { return task.due } else { return nil } }
        XCTAssertEqual(tasks, ["2026-11-24T10:30", "2026-11-24T10:15", "2026-11-25T09:00", "2026-11-24T10:15", "2026-11-23T10:15"])
        guard case .end(let end)? = recorded.last?.event else { return XCTFail() }
        XCTAssertEqual(end.tasks.map(\.due), ["2026-11-25T09:00", "2026-11-24T10:15", "2026-11-23T10:15"])
        XCTAssertNil(Replayer.replay(recorded, against: try XCTUnwrap(loadScript(yaml))).divergence)
    }

    func testAResumedCallKeepsItsTasks() throws {
        // The call was cut off at `anything` (no end in the transcript).
        let recorded = try transcript(yaml, ["tomorrow 10:30"], endInput: false)
        let (result, restored, unrecorded) = Replayer.restore(recorded, against: try XCTUnwrap(loadScript(yaml)))
        XCTAssertNil(result.divergence)
        XCTAssertEqual(unrecorded.count, 0)
        var session = try XCTUnwrap(restored)
        XCTAssertEqual(session.tasks.map(\.node), ["when_to_call", "send"])
        XCTAssertEqual(session.context.now, "2026-11-23T10:15")
        let end = session.handle("no")
        guard case .end(let record)? = end.last else { return XCTFail("\(end)") }
        XCTAssertEqual(record.tasks.map(\.node), ["when_to_call", "send", "done"])
        XCTAssertEqual(record.tasks[0].note, "Follow-up #1 after 1500 a month")
    }
}

/// A forgotten client's answers leave no trace in the task fields either.
final class TaskMaskingTests: XCTestCase {
    func testTaskNotesHandoverAndLastAnswersAreMasked() throws {
        let yaml = """
            callguide: 1
            id: first_line
            nodes:
              customer_name:
                ask: Your name?
              book:
                say: Booked.
                task: {due: today(), note: "Call {customer_name} back, last time {last.customer_name}"}
              done:
                end: transferred
                transfer: senior
            """
        let script = try XCTUnwrap(loadScript(yaml))
        var context = testContext()
        context.last = ["customer_name": .string("Olga Smirnova")]
        var session = CallSession(script: script, context: context)
        var events = session.start()
        events += session.handle("Olena Kovalenko")
        let text = events.enumerated().map {
            TranscriptCodec.encode(TranscriptLine(seq: $0.offset, time: "t", event: $0.element))
        }.joined(separator: "\n") + "\n"
        XCTAssertTrue(text.contains("Olena Kovalenko") && text.contains("Olga Smirnova"))
        let rules = TranscriptMasking.Rules(
            answer: { _, node, value in node == "customer_name" ? Redaction.value(value, type: .text) : nil },
            field: { _, _ in nil })
        let masked = String(decoding: try TranscriptMasking.mask(Array(text.utf8), rules: rules).bytes, as: UTF8.self)
        XCTAssertFalse(masked.contains("Olena"), masked)
        XCTAssertFalse(masked.contains("Olga"), masked)
        // Still a transcript the replay takes.
        let document = try TranscriptDocument.parse(bytes: Array(masked.utf8))
        XCTAssertNil(Replayer.replay(document.recordedEvents, against: script).divergence)
    }
}
