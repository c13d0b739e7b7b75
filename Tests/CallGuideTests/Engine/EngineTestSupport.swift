@testable import CallGuide
import XCTest

/// Loads a script from YAML text, failing the test on any error.
func loadScript(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> Script? {
    let result = ScriptLoader.load(Array(yaml.utf8))
    if result.hasErrors {
        XCTFail("script has errors: \(result.errors.map { "\($0.location): \($0.message) [\($0.code.rawValue)]" })", file: file, line: line)
        return nil
    }
    return result.checked
}

func testContext(cardData: [String: Value] = [:], transitions: [String: [String]]? = nil, language: String? = nil) -> CallContext {
    CallContext(callID: "test-call", operator: "anna", language: language, today: "2026-11-23",
                started: "2026-11-23T10:00:00.000Z", scriptSHA256: "0", cardID: nil, cardData: cardData,
                statusTransitions: transitions)
}

/// A compact, comparable form of an event: "ask budget", "answer budget=1500".
func describe(_ event: CallEvent) -> String {
    switch event {
    case .start: return "start"
    case .say(let node, _): return "say \(node)"
    case .ask(let node, _): return "ask \(node)"
    case .offer(let node, _, _): return "offer \(node)"
    case .answer(let node, _, let value): return "answer \(node)=\(value.displayText)"
    case .invalid(let node, _, _): return "invalid \(node)"
    case .warning(let node, _): return "warning \(node)"
    case .skip(let node, let reason): return "skip \(node) \(reason.rawValue)"
    case .back(let node): return "back \(node)"
    case .handler(let name, let node): return "handler \(name) at \(node)"
    case .return(let node): return "return \(node)"
    case .note(let text): return "note \(text)"
    case .error(let node, _): return "error \(node ?? "-")"
    case .task(let task): return "task \(task.node) \(task.kind.rawValue) \(task.due) \(task.assignee ?? task.group.map { "@" + $0 } ?? "-")"
    case .faq(let lookup): return "faq \(lookup.node) '\(lookup.query)' [\(lookup.shown.joined(separator: " "))]"
    case .end(let end): return "end \(end.outcome)"
    }
}

/// Runs a whole call and returns every event, described.
func runCall(_ script: Script, _ lines: [String], context: CallContext = testContext(), endInput: Bool = true) -> (events: [String], session: CallSession, raw: [CallEvent]) {
    var session = CallSession(script: script, context: context)
    var raw = session.start()
    for line in lines { raw += session.handle(line) }
    if endInput { raw += session.endOfInput() }
    return (raw.map(describe), session, raw)
}
