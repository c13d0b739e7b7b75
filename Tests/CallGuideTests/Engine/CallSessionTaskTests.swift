@testable import CallGuide
import XCTest

/// Tasks a call makes (workflow, sections 2.1-2.5): when, with what, and
/// what `:back`, `when` and `:skip` do to them.
final class CallSessionTaskTests: XCTestCase {
    let yaml = """
        callguide: 1
        id: inbound
        language: en
        outcomes:
          booked: {label: Booked, converted: true}
        nodes:
          proposal:
            ask: Proposal number?
            type: integer
          interest:
            ask: Which plan interests you?
            type: choice
            options: {basic: Basic plan, pro: Pro plan}
          when_to_call:
            ask: When shall we call you back to discuss the proposal?
            type: datetime
            optional: true
            task:
              due: answer
              script: proposal_follow_up
              note: "Proposal {proposal} sent {today()}"
          send:
            when: interest == 'pro'
            say: I'll send the pro proposal.
            task: {kind: todo, due: "add_days(today(), 1)", group: sales}
          done:
            end: booked
        """

    func context(now: String = "2026-11-23T10:15", task: TaskContext? = nil, last: [String: Value] = [:], cardCalls: Int? = nil) -> CallContext {
        var context = testContext()
        context.now = now
        context.task = task
        context.last = last
        context.cardCalls = cardCalls
        return context
    }

    func testATaskIsMadeWhenItsNodeCompletesRightAfterTheAnswer() throws {
        let script = try XCTUnwrap(loadScript(yaml))
        let call = runCall(script, ["17", "pro", "tomorrow 10:30"], context: context())
        XCTAssertEqual(call.events, [
            "start", "ask proposal", "answer proposal=17", "ask interest", "answer interest=pro", "ask when_to_call",
            "answer when_to_call=2026-11-24T10:30", "task when_to_call callback 2026-11-24T10:30 anna",
            "say send", "task send todo 2026-11-24 @sales", "end booked",
        ])
        let tasks = call.session.tasks
        XCTAssertEqual(tasks.count, 2)
        XCTAssertEqual(tasks[0], CallTask(node: "when_to_call", kind: .callback, due: "2026-11-24T10:30", assignee: "anna", group: nil,
                                          script: "proposal_follow_up", note: "Proposal 17 sent 2026-11-23"))
        XCTAssertEqual(tasks[1].assignee, nil)
        XCTAssertEqual(tasks[1].group, "sales")
        guard case .end(let end)? = call.raw.last else { return XCTFail("no end") }
        XCTAssertEqual(end.tasks, tasks)
        XCTAssertEqual(end.converted, true)
    }

    func testSkippedNodesMakeNoTask() throws {
        let script = try XCTUnwrap(loadScript(yaml))
        // `:skip` on the optional question, `when` false on `send`.
        let call = runCall(script, ["17", "basic", ":skip"], context: context())
        XCTAssertEqual(call.session.tasks, [])
        XCTAssertFalse(call.events.contains { $0.hasPrefix("task") })
    }

    func testBackUndoesATask() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: s
            nodes:
              when_to_call:
                ask: When shall we call back?
                type: datetime
                task: {due: answer}
              send:
                say: Sending.
                task: {kind: todo, due: today()}
              anything:
                ask: Anything else?
              done: {end: ok}
            """))
        var session = CallSession(script: script, context: context())
        _ = session.start()
        _ = session.handle("tomorrow 11:00")
        XCTAssertEqual(session.tasks.map(\.node), ["when_to_call", "send"])
        let undone = session.handle(":back")
        XCTAssertEqual(undone.map(describe), ["back when_to_call", "ask when_to_call"])
        XCTAssertEqual(session.tasks, [])
        _ = session.handle("+3 12:00")
        XCTAssertEqual(session.tasks.map(\.due), ["2026-11-26T12:00", "2026-11-23"])
        let end = session.handle("no")
        guard case .end(let record)? = end.last else { return XCTFail() }
        XCTAssertEqual(record.tasks.map(\.due), ["2026-11-26T12:00", "2026-11-23"])
    }

    func testANullDueLeavesAnErrorAndNoTask() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: s
            nodes:
              when_to_call:
                ask: When?
                type: date
                optional: true
              book:
                say: Booked.
                task: {due: when_to_call}
              done: {end: ok}
            """))
        let call = runCall(script, [":skip"], context: context())
        XCTAssertEqual(call.events, ["start", "ask when_to_call", "skip when_to_call operator", "say book", "error book", "end ok"])
        guard case .error(_, let message) = call.raw[4] else { return XCTFail() }
        XCTAssertEqual(message, "the task's 'due' (when_to_call) is null: no task is made")
        XCTAssertEqual(call.session.tasks, [])
    }

    func testToPicksTheOperatorAndADueInThePastIsKeptWithAWarning() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: s
            nodes:
              who: {ask: Who calls back?}
              when: {ask: When?, type: date}
              book:
                say: Booked.
                task: {due: when, to: who}
              done: {end: ok}
            """))
        let call = runCall(script, ["boris", "2026-11-20"], context: context())
        XCTAssertEqual(call.events, ["start", "ask who", "answer who=boris", "ask when", "answer when=2026-11-20",
                                     "say book", "task book callback 2026-11-20 boris", "warning book", "end ok"])
        guard case .warning(_, let message) = call.raw[7] else { return XCTFail() }
        XCTAssertEqual(message, "the callback is due 2026-11-20, before this call started; it is kept")
        // Today is not in the past for a whole-day task.
        XCTAssertFalse(runCall(script, ["boris", "2026-11-23"], context: context()).events.contains("warning book"))
    }

    func testATransferCarriesWhatTheCustomerSaidInTheScriptsWords() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: first_line
            language: en
            nodes:
              problem:
                ask: {en: What is the problem?, ru: В чём проблема?}
              plan:
                ask: Which plan do you have?
                type: choice
                options: {basic: Basic plan, pro: Pro plan}
              since:
                ask: Since when?
                type: datetime
              extras:
                ask: Extras?
                type: multi
                optional: true
                options: {tv: Television, sms: Text messages}
              handed_over:
                end: transferred
                say: I'm passing you to a senior colleague.
                transfer: senior
            """))
        var session = CallSession(script: script, context: context())
        var events = session.start()
        events += session.handle("The router blinks red")
        events += session.handle(":note customer is upset")
        events += session.handle("2")
        events += session.handle("today 08:00")
        events += session.handle(":skip")
        XCTAssertEqual(events.suffix(3).map(describe), ["say handed_over", "task handed_over transfer 2026-11-23T10:15 @senior", "end transferred"])
        let transfer = try XCTUnwrap(session.tasks.first)
        XCTAssertEqual(transfer.script, "first_line")
        XCTAssertEqual(transfer.assignee, nil)
        XCTAssertEqual(transfer.handover.map(\.text), [
            "What is the problem?: The router blinks red",
            "Which plan do you have?: Pro plan",
            "Since when?: 2026-11-23 08:00",
            "note: customer is upset",
        ])
        XCTAssertEqual(transfer.note, transfer.handover.map(\.text).joined(separator: "\n"))
        // In the call's language.
        var russian = CallSession(script: script, context: testContext(language: "ru"))
        _ = russian.start()
        _ = russian.handle("Роутер мигает")
        XCTAssertEqual(russian.handover().first?.text, "В чём проблема?: Роутер мигает")
    }

    func testATransferWithAScriptOfItsOwn() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: s
            nodes:
              done:
                end: transferred
                transfer: {group: senior, script: escalation}
            """))
        let call = runCall(script, [], context: context())
        XCTAssertEqual(call.session.tasks.first?.script, "escalation")
        XCTAssertEqual(call.session.tasks.first?.note, nil)
    }

    func testLastTaskAndCardCallsReadWhatTheCallerGave() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: follow_up
            nodes:
              budget: {ask: Budget?, type: number}
              recap:
                say: "Last time {last.budget}, colour {last.colour}, {card.calls} calls, {task.kind} #{task.attempts}: {task.note}, due {task.due}"
              done: {end: ok}
            """))
        let task = TaskContext(id: "T000001", kind: .callback, note: "discuss", attempts: 2, due: "2026-11-23")
        // `budget` stored as text by an older script: null here.
        var call = runCall(script, ["10"], context: context(task: task, last: ["budget": .string("lots"), "colour": .string("red")], cardCalls: 3))
        guard case .say(_, let text) = call.raw[3] else { return XCTFail("\(call.events)") }
        XCTAssertEqual(text, "Last time , colour red, 3 calls, callback #2: discuss, due 2026-11-23T00:00")
        call = runCall(script, ["10"], context: context(last: ["budget": .number(1500)]))
        guard case .say(_, let bare) = call.raw[3] else { return XCTFail() }
        XCTAssertEqual(bare, "Last time 1500, colour ,  calls,  #: , due ")
        XCTAssertEqual(script.lastNamesUsed, ["budget", "colour"])
    }

    func testTheEndCarriesNpsOffersAndConversion() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: s
            outcomes:
              sale: {label: Sale, converted: true}
            nodes:
              warranty:
                offer: Extended warranty?
                item: {sku: W-2, price: 49}
              case:
                offer: A case?
              nps: {ask: Recommend us?, type: nps}
              done: {end: sale}
            """))
        let call = runCall(script, ["yes", "no", "9"], context: context())
        guard case .end(let end)? = call.raw.last else { return XCTFail() }
        XCTAssertEqual(end.converted, true)
        XCTAssertEqual(end.nps, .number(9))
        XCTAssertEqual(end.offers, [
            OfferRecord(node: "warranty", accepted: true, item: [ItemEntry(key: "sku", value: .string("W-2")), ItemEntry(key: "price", value: .number(49))]),
            OfferRecord(node: "case", accepted: false, item: []),
        ])
        // A workspace outcome counts too; the script's own wins.
        var workspace = context()
        workspace.outcomes = [OutcomeDeclaration(name: "hangup", label: "Hung up", converted: true, location: .unknown)]
        let hungUp = runCall(script, [":hangup"], context: workspace)
        guard case .end(let early)? = hungUp.raw.last else { return XCTFail() }
        XCTAssertEqual(early.converted, true)
        XCTAssertEqual(early.nps, .null)
        XCTAssertEqual(early.offers.map(\.node), ["warranty"])
    }
}
