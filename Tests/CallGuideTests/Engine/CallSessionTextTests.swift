@testable import CallGuide
import XCTest

/// `rendersTexts = false` (replay without text comparison) leaves texts
/// empty and drops only the `error` events of failing holes; every other
/// event, and the call's state, stay as with rendering.
final class CallSessionTextTests: XCTestCase {
    let yaml = """
        callguide: 1
        id: texts
        variables: {zero: 0, total: 10}
        nodes:
          hello: {say: "Hello {call.operator}, {total / zero}"}
          budget:
            ask: "Budget, {call.operator}? {total / zero}"
            type: number
            save: total
          case_offer:
            offer: "A case for {total}? {total / zero}"
            item: {sku: C-1}
          done: {end: sale, say: "Bye {total / zero}"}
        """

    private func run(rendering: Bool, _ lines: [String]) throws -> (events: [CallEvent], session: CallSession) {
        let script = try XCTUnwrap(loadScript(yaml))
        var session = CallSession(script: script, context: testContext())
        session.rendersTexts = rendering
        var events = session.start()
        for line in lines { events += session.handle(line) }
        return (events, session)
    }

    private func withoutTexts(_ event: CallEvent) -> CallEvent {
        switch event {
        case .say(let node, _): return .say(node: node, text: "")
        case .ask(let node, _): return .ask(node: node, text: "")
        case .offer(let node, _, let item): return .offer(node: node, text: "", item: item)
        default: return event
        }
    }

    func testSkippingTextsDropsOnlyTextsAndTheirErrors() throws {
        let lines = ["12", ":back", "15", "yes"]
        let rendered = try run(rendering: true, lines)
        let bare = try run(rendering: false, lines)
        XCTAssertTrue(rendered.events.contains { if case .error = $0 { return true } else { return false } })
        XCTAssertTrue(rendered.events.contains { if case .ask(_, let text) = $0 { return text.hasPrefix("Budget, anna?") } else { return false } })
        let expected = rendered.events.filter { if case .error = $0 { return false } else { return true } }.map(withoutTexts)
        XCTAssertEqual(bare.events, expected)
        XCTAssertEqual(bare.session.status, rendered.session.status)
        XCTAssertEqual(bare.session.variables, rendered.session.variables)
        XCTAssertEqual(bare.session.answers.map(\.node), rendered.session.answers.map(\.node))
        XCTAssertEqual(bare.session.offersMade, rendered.session.offersMade)
    }

    func testReplayWithoutTextsGivesTheSameVerdicts() throws {
        let script = try XCTUnwrap(loadScript(yaml))
        let recorded = try run(rendering: true, ["12", "oops", ":back", "15", "no"]).events
            .enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
        XCTAssertNil(Replayer.replay(recorded, against: script).divergence)
        XCTAssertNil(Replayer.replay(recorded, against: script, compareTexts: true).divergence)
        // A recorded text that differs only matters when texts are compared.
        var edited = recorded
        if let index = edited.firstIndex(where: { if case .ask = $0.event { return true } else { return false } }),
           case .ask(let node, _) = edited[index].event {
            edited[index].event = .ask(node: node, text: "Something else")
        }
        XCTAssertNil(Replayer.replay(edited, against: script).divergence)
        XCTAssertEqual(Replayer.replay(edited, against: script, compareTexts: true).divergence?.message,
                       "the text of ask budget changed from \"Something else\" to \"Budget, anna? \"")
        // Resume's restore keeps rendering: the session's prompt and the
        // unrecorded events carry texts.
        let cut = Array(recorded.prefix(3))
        let restored = Replayer.restore(cut, against: script)
        XCTAssertEqual(restored.session?.prompt?.text.hasPrefix("Budget, anna?"), true)
        XCTAssertEqual(restored.session?.rendersTexts, true)
    }
}
