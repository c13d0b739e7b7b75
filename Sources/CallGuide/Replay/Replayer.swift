/// An event as a transcript recorded it, with the line it stands on.
public struct RecordedEvent: Sendable {
    public var line: Int
    public var event: CallEvent
    /// The line's personal values were masked (`"masked": true`): an answer
    /// is taken as recorded, a rejected input is not fed again.
    public var masked: Bool

    public init(line: Int, event: CallEvent, masked: Bool = false) {
        self.line = line
        self.event = event
        self.masked = masked
    }
}

/// Where a replayed call first went differently from its recording.
public struct Divergence: Sendable, Equatable {
    /// The transcript line of the recorded event that did not match.
    public var line: Int
    /// What the transcript has, e.g. "ask budget".
    public var expected: String
    /// What the script did, e.g. "offer case_offer".
    public var actual: String
    /// The whole sentence, in the script's own terms.
    public var message: String
}

public struct ReplayResult: Sendable {
    public var divergence: Divergence?
    /// The branches the replayed call took.
    public var coverage: Set<Branch>
    /// Whether the transcript ended with an `end` line.
    public var complete: Bool
    /// The assumed answers fed (`--assume`), in the order they were fed.
    public var assumed: [AssumedAnswer] = []
    /// How many combinations of assumed answers were tried (1 without a
    /// list of values to try).
    public var attempts: Int = 1

    public var passed: Bool { divergence == nil }
}

/// Replays a recorded call against a script (transcript spec, section 2):
/// feeds the operator's recorded inputs to the engine and compares what the
/// engine produces with what was recorded, by node ids and option keys,
/// never by position.
public enum Replayer {
    /// At most this many combinations of assumed answers are replayed for
    /// one transcript; then the replay fails with the divergence that got
    /// furthest. Lists of values multiply: two nodes with 8 values each are
    /// 64 combinations, enough for what QA assumes by hand.
    public static let assumptionAttemptLimit = 64

    /// - Parameter recordsCoverage: collect the branches taken (`--coverage`);
    ///   off by default, as it costs time on every step.
    /// - Parameter assumptions: answers fed when the script asks a question
    ///   the transcript does not answer at that point. A node with several
    ///   values is a choice point: the combinations are searched depth
    ///   first (the first value of each first), until one replays to the end
    ///   of the transcript or `assumptionAttemptLimit` were tried.
    public static func replay(
        _ recorded: [RecordedEvent], against script: Script, startedAt: String = "",
        compareTexts: Bool = false, statusTransitions: [String: [String]]? = nil, recordsCoverage: Bool = false,
        assumptions: ReplayAssumptions = ReplayAssumptions()
    ) -> ReplayResult {
        // Without text comparison nothing reads the texts: the engine skips
        // rendering them. Rendering's only other output is `error` events,
        // which replay ignores wherever they stand (`Comparison.step`).
        // A transcript of another script would fail at its first node that
        // differs, as if the script had lost it: say what it is instead.
        if let first = recorded.first, case .start(let start) = first.event, start.script != script.id {
            let divergence = Divergence(line: first.line, expected: "script \(start.script)", actual: "script \(script.id)",
                                        message: "recorded with script '\(start.script)', not '\(script.id)': a transcript of another script")
            let complete = recorded.contains { if case .end = $0.event { return true } else { return false } }
            return ReplayResult(divergence: divergence, coverage: [], complete: complete)
        }
        var choices: [Int] = []
        var furthest = ReplayResult(divergence: nil, coverage: [], complete: false)
        for attempt in 1...assumptionAttemptLimit {
            let run = restore(recorded, against: script, startedAt: startedAt, compareTexts: compareTexts,
                              statusTransitions: statusTransitions, rendersTexts: compareTexts, recordsCoverage: recordsCoverage,
                              assumptions: assumptions, choices: choices)
            var result = run.result
            result.attempts = attempt
            if result.passed { return result }
            if (result.divergence?.line ?? 0) > (furthest.divergence?.line ?? 0) { furthest = result }
            furthest.attempts = attempt
            // The next combination: the deepest choice made before the
            // divergence that has a value left, and first values after it.
            guard let depth = run.decisions.lastIndex(where: { $0.chosen + 1 < $0.count }) else { break }
            choices = run.decisions[..<depth].map(\.chosen) + [run.decisions[depth].chosen + 1]
        }
        return furthest
    }

    /// Replays a recording and returns the call as it stands at its end:
    /// `callguide resume` continues a cut-off call from there. `unrecorded`
    /// holds what the engine did after the last recorded event (a line the
    /// crash cut off), for resume to write before it goes on.
    /// `outcomes`: the workspace's, so that the resumed call's `end` says
    /// `converted` as the original would have.
    public static func restore(
        _ recorded: [RecordedEvent], against script: Script, startedAt: String = "",
        compareTexts: Bool = false, statusTransitions: [String: [String]]? = nil, outcomes: [OutcomeDeclaration] = []
    ) -> (result: ReplayResult, session: CallSession?, unrecorded: [CallEvent]) {
        // Resume writes the unrecorded events and goes on with the session:
        // it needs the texts.
        let run = restore(recorded, against: script, startedAt: startedAt, compareTexts: compareTexts,
                          statusTransitions: statusTransitions, rendersTexts: true, recordsCoverage: false,
                          assumptions: ReplayAssumptions(), choices: [], outcomes: outcomes)
        return (run.result, run.session, run.unrecorded)
    }

    static func restore(
        _ recorded: [RecordedEvent], against script: Script, startedAt: String,
        compareTexts: Bool, statusTransitions: [String: [String]]?, rendersTexts: Bool, recordsCoverage: Bool,
        assumptions: ReplayAssumptions, choices: [Int], outcomes: [OutcomeDeclaration] = []
    ) -> (result: ReplayResult, session: CallSession?, unrecorded: [CallEvent], decisions: [Comparison.Decision]) {
        guard let first = recorded.first, case .start(let start) = first.event else {
            let divergence = Divergence(line: recorded.first?.line ?? 1, expected: "start", actual: "-", message: "the transcript does not begin with a 'start' event")
            return (ReplayResult(divergence: divergence, coverage: [], complete: false), nil, [], [])
        }
        var session = CallSession(script: script, context: CallContext(start: start, started: startedAt, statusTransitions: statusTransitions, outcomes: outcomes))
        session.recordsCoverage = recordsCoverage
        session.rendersTexts = rendersTexts
        var comparison = Comparison(script: script, compareTexts: compareTexts, assumptions: assumptions, choices: choices)
        comparison.pending = session.start().dropFirst()
        let complete = recorded.contains { if case .end = $0.event { return true } else { return false } }
        for item in recorded.dropFirst() {
            if var divergence = comparison.step(item, session: &session) {
                if let changed = ModuleChanges.note(recorded: start.modules, script: script) { divergence.message += " (\(changed))" }
                let result = ReplayResult(divergence: divergence, coverage: session.coverage, complete: complete, assumed: comparison.assumed)
                return (result, session, [], comparison.decisions)
            }
        }
        let result = ReplayResult(divergence: nil, coverage: session.coverage, complete: complete, assumed: comparison.assumed)
        return (result, session, Array(comparison.pending), comparison.decisions)
    }
}

/// The event-by-event comparison behind `Replayer`.
struct Comparison {
    /// A choice among a node's assumed values: which was taken, of how many.
    struct Decision {
        var chosen: Int
        var count: Int
    }

    let script: Script
    let compareTexts: Bool
    var assumptions = ReplayAssumptions()
    /// The values to take at the first choice points (the search's prefix);
    /// later ones take their first value.
    var choices: [Int] = []
    /// The choices made, in order.
    var decisions: [Decision] = []
    /// The assumed answers fed so far.
    var assumed: [AssumedAnswer] = []
    /// A script that keeps asking assumed questions (a loop through one)
    /// is stopped after this many assumed answers.
    static let assumedAnswerLimit = 1_000
    /// Events the engine produced that are still to be matched: a slice of
    /// the engine's own array, so that taking events off its front neither
    /// copies nor shifts the rest.
    var pending: ArraySlice<CallEvent> = []
    /// The node of the last answer taken as recorded (masked): its soft
    /// `validate` warnings were not re-run, and its task may hang on the
    /// masked value, so recorded ones are not compared.
    var maskedNode: String?

    /// Events that replay compares (section 2.3); the rest are not.
    static func isCompared(_ event: CallEvent) -> Bool {
        switch event {
        case .say, .ask, .offer, .warning, .return, .end, .task: return true
        case .skip(_, let reason): return reason == .when
        default: return false
        }
    }

    /// The operator's input a recorded event stands for, if any.
    static func input(of event: CallEvent) -> String?? {
        switch event {
        case .answer(_, let input, _), .invalid(_, let input, _): return .some(input)
        case .skip(_, .operator): return .some(":skip")
        case .back: return .some(":back")
        case .handler(let name, _): return .some("!" + name)
        case .note(let text): return .some(":note " + text)
        case .end(let end) where end.outcome == "hangup": return .some(":hangup" + (end.reason.map { " " + $0 } ?? ""))
        case .end(let end) where end.outcome == "abandoned": return .some(nil)
        default: return nil
        }
    }

    /// The line to feed for a recorded answer or rejected answer: a line
    /// beginning with `?` was an answer when recorded (a script without
    /// `faq`, or version 1), so it is fed escaped and stays one, even now
    /// that the script has typical questions (section 9.2).
    static func asRecorded(_ input: String, _ recorded: CallEvent) -> String {
        switch recorded {
        case .answer, .invalid:
            if case .lookup(_, let line) = OperatorInput(line: input) { return "\\" + line }
            return input
        default:
            return input
        }
    }

    mutating func step(_ item: RecordedEvent, session: inout CallSession) -> Divergence? {
        let recorded = item.event
        if case .error = recorded { return nil }
        if case .start = recorded { return nil }
        if case .faq(let lookup) = recorded {
            // Fed back, never compared (script language 9.2): the call
            // keeps the lookup, whatever the FAQ shows today.
            _ = session.replayLookup(lookup.query)
            return nil
        }
        if item.masked, case .invalid = recorded { return nil }
        if case .warning(let node, _) = recorded, node == maskedNode { return nil }
        if case .task(let task) = recorded, task.node == maskedNode {
            // A task made at a masked answer may hang on the masked value
            // (`due: add_days(answer, 1)`): the recorded task stands, and the
            // one the engine made from the mask, if any, is not compared.
            if let made = pending.firstIndex(where: { if case .task(let other) = $0 { other.node == task.node } else { false } }) {
                pending.remove(at: made)
            }
            return nil
        }
        if let divergence = feedAssumptions(before: item, session: &session) { return divergence }
        if let input = Self.input(of: recorded) {
            maskedNode = nil
            // Before the operator's input, the script must have produced
            // nothing more than the transcript shows.
            if let extra = pending.first(where: Self.isCompared) {
                return Divergence(line: item.line, expected: Self.describe(recorded), actual: Self.describe(extra),
                                  message: "expected \(Self.describe(recorded)), script gave \(Self.describe(extra))\(Self.explainExtra(extra, recorded: recorded))")
            }
            pending.removeAll()
            guard !session.isEnded else {
                return Divergence(line: item.line, expected: Self.describe(recorded), actual: "the end of the call",
                                  message: "expected \(Self.describe(recorded)), but the script has already ended the call")
            }
            let produced: [CallEvent]
            if item.masked, case .answer(let node, let typed, let value) = recorded {
                maskedNode = node
                produced = session.acceptRecorded(value, input: typed)
            } else {
                produced = input.map { session.handle(Self.asRecorded($0, recorded)) } ?? session.endOfInput()
            }
            return matchInput(recorded, produced: produced, line: item.line, session: session)
        }
        guard Self.isCompared(recorded) else { return nil }
        while let next = pending.first, !Self.isCompared(next) { pending.removeFirst() }
        guard let actual = pending.first else {
            let state: String
            if case .awaiting(let node) = session.status { state = "waits for an answer to '\(node)'" } else { state = "has ended the call" }
            return Divergence(line: item.line, expected: Self.describe(recorded), actual: "nothing",
                              message: "expected \(Self.describe(recorded)), but the script \(state)")
        }
        pending.removeFirst()
        return compare(recorded, actual, line: item.line)
    }

    /// While the script asks a question the transcript does not answer at
    /// this point (its next compared event is that question, and the
    /// recorded event is about another node) and an answer is assumed for
    /// it, feeds the answer as if typed. An assumed answer the question
    /// refuses is the divergence.
    private mutating func feedAssumptions(before item: RecordedEvent, session: inout CallSession) -> Divergence? {
        guard !assumptions.isEmpty else { return nil }
        while case .awaiting(let open) = session.status, let values = assumptions.values[open],
              let asked = pending.first(where: Self.isCompared), Self.isQuestion(asked, at: open),
              Self.node(of: item.event) != open {
            guard assumed.count < Self.assumedAnswerLimit else {
                return Divergence(line: item.line, expected: Self.describe(item.event), actual: Self.describe(asked),
                                  message: "the script kept asking assumed questions (\(Self.assumedAnswerLimit) assumed answers fed): a loop?")
            }
            let index = decisions.count < choices.count ? choices[decisions.count] : 0
            if values.count > 1 { decisions.append(Decision(chosen: index, count: values.count)) }
            let line = values[index]
            pending.removeAll()
            var produced = session.handle(line)[...]
            while let head = produced.first, case .error = head { produced.removeFirst() }
            switch produced.first {
            case .answer?, .skip(_, .operator)?:
                assumed.append(AssumedAnswer(node: open, input: line, line: item.line))
                pending = produced.dropFirst()
            case .invalid(_, _, let error)?:
                return Divergence(line: item.line, expected: Self.describe(item.event), actual: "invalid: \(error)",
                                  message: "the assumed answer '\(line)' is not accepted by '\(open)': \(error)")
            default:
                return Divergence(line: item.line, expected: Self.describe(item.event), actual: Self.describe(asked),
                                  message: "the assumed answer '\(line)' to '\(open)' did not answer it")
            }
        }
        return nil
    }

    static func isQuestion(_ event: CallEvent, at node: String) -> Bool {
        switch event {
        case .ask(let asked, _), .offer(let asked, _, _): return asked == node
        default: return false
        }
    }

    /// Matches the engine's reaction to a fed input with the recording.
    private mutating func matchInput(_ recorded: CallEvent, produced: [CallEvent], line: Int, session: CallSession) -> Divergence? {
        var produced = produced[...]
        while let head = produced.first, case .error = head { produced.removeFirst() }
        guard let reaction = produced.first else {
            return Divergence(line: line, expected: Self.describe(recorded), actual: "nothing",
                              message: "expected \(Self.describe(recorded)), the script did nothing with that input")
        }
        produced.removeFirst()
        pending = produced
        switch (recorded, reaction) {
        case (.answer(let node, let input, let value), .answer(let gotNode, _, let gotValue)):
            if node != gotNode {
                return Divergence(line: line, expected: "answer \(node)", actual: "answer \(gotNode)",
                                  message: "expected an answer to '\(node)', but the script asked '\(gotNode)'")
            }
            if value != gotValue {
                return Divergence(line: line, expected: "\(node) = \(value.displayText)", actual: "\(node) = \(gotValue.displayText)",
                                  message: "answer '\(input)' to '\(node)' was stored as '\(value.displayText)', the script now stores '\(gotValue.displayText)'")
            }
            return nil
        case (.answer(let node, let input, let value), .invalid(_, _, let error)):
            var message = "answer '\(input)' is no longer accepted by '\(node)': \(error)"
            if case .string(let key) = value, let question = script.node(node)?.question, question.type == .choice, question.option(key) == nil {
                message = "option '\(key)' no longer exists in question '\(node)'"
            }
            return Divergence(line: line, expected: "answer \(node) = \(value.displayText)", actual: "invalid: \(error)", message: message)
        case (.invalid, .invalid):
            return nil
        case (.invalid(let node, let input, _), let other):
            return Divergence(line: line, expected: "invalid \(node)", actual: Self.describe(other),
                              message: "input '\(input)' at '\(node)' was rejected when recorded, but the script now takes it (\(Self.describe(other)))")
        case (.skip(let node, _), .skip(let gotNode, _)) where node == gotNode,
             (.back(let node), .back(let gotNode)) where node == gotNode,
             (.handler(_, let node), .handler(_, let gotNode)) where node == gotNode:
            return nil
        case (.note, .note):
            return nil
        case (.end(let end), .end(let gotEnd)):
            if end.outcome != gotEnd.outcome || end.node != gotEnd.node {
                return Divergence(line: line, expected: Self.describe(recorded), actual: Self.describe(reaction),
                                  message: "expected \(Self.describe(recorded)), script gave \(Self.describe(reaction))")
            }
            return nil
        default:
            return Divergence(line: line, expected: Self.describe(recorded), actual: Self.describe(reaction),
                              message: "expected \(Self.describe(recorded)), script gave \(Self.describe(reaction))")
        }
    }

    private func compare(_ recorded: CallEvent, _ actual: CallEvent, line: Int) -> Divergence? {
        if case .end(let a) = recorded, case .end(let b) = actual {
            if a.outcome != b.outcome {
                return Divergence(line: line, expected: Self.describe(recorded), actual: Self.describe(actual), message: "outcome changed from \(a.outcome) to \(b.outcome)")
            }
            if a.node != b.node {
                return Divergence(line: line, expected: Self.describe(recorded), actual: Self.describe(actual), message: "expected the call to end at '\(a.node ?? "-")', it now ends at '\(b.node ?? "-")'")
            }
            return nil
        }
        if case .task(let a) = recorded, case .task(let b) = actual, a.node == b.node {
            // Workflow 2.5: kind, due, assignee, group and script; the note
            // is a text (compared with the texts).
            let fields: [(String, String?, String?)] = [
                ("kind", a.kind.rawValue, b.kind.rawValue), ("due", a.due, b.due), ("assignee", a.assignee, b.assignee),
                ("group", a.group, b.group), ("script", a.script, b.script),
            ] + (compareTexts ? [("note", a.note, b.note)] : [])
            for (name, old, new) in fields where old != new {
                return Divergence(line: line, expected: "task \(a.node) \(name) \(old ?? "null")", actual: "task \(b.node) \(name) \(new ?? "null")",
                                  message: "the task of '\(a.node)' changed its \(name) from \(old.map { "'\($0)'" } ?? "null") to \(new.map { "'\($0)'" } ?? "null")")
            }
            return nil
        }
        // Most events match: only build the descriptions when they may differ.
        if Self.describedAlike(recorded, actual), !compareTexts { return nil }
        let expected = Self.describe(recorded)
        let got = Self.describe(actual)
        if expected != got {
            return Divergence(line: line, expected: expected, actual: got,
                              message: "expected \(expected), script gave \(got)\(explain(recorded, actual))")
        }
        if compareTexts, let a = Self.text(of: recorded), let b = Self.text(of: actual), a != b {
            return Divergence(line: line, expected: "\"\(a)\"", actual: "\"\(b)\"",
                              message: "the text of \(expected) changed from \"\(a)\" to \"\(b)\"")
        }
        return nil
    }

    /// A hint at what the edit was, in the script's terms.
    private func explain(_ recorded: CallEvent, _ actual: CallEvent) -> String {
        guard let expectedNode = Self.node(of: recorded), let actualNode = Self.node(of: actual) else { return "" }
        if script.node(expectedNode) == nil {
            return " (node '\(expectedNode)' no longer exists in the script)"
        }
        switch actual {
        case .ask, .offer: return " (the script now asks '\(actualNode)' here: a new question?)"
        default: return ""
        }
    }

    private static func explainExtra(_ extra: CallEvent, recorded: CallEvent) -> String {
        switch extra {
        case .ask, .offer: return " (a new question?)"
        default: return ""
        }
    }

    static func node(of event: CallEvent) -> String? {
        switch event {
        case .say(let node, _), .ask(let node, _), .offer(let node, _, _), .answer(let node, _, _),
             .invalid(let node, _, _), .warning(let node, _), .skip(let node, _), .back(let node),
             .handler(_, let node), .return(let node):
            return node
        case .end(let end): return end.node
        case .error(let node, _): return node
        case .task(let task): return task.node
        case .faq(let lookup): return lookup.node
        case .start, .note: return nil
        }
    }

    static func text(of event: CallEvent) -> String? {
        switch event {
        case .say(_, let text), .ask(_, let text), .offer(_, let text, _): return text
        case .warning(_, let message): return message
        default: return nil
        }
    }

    /// Whether `describe` gives both events the same text, decided without
    /// building it: true only for kinds described as "name node" with equal
    /// names and nodes; false means "maybe not", and the texts are compared.
    static func describedAlike(_ a: CallEvent, _ b: CallEvent) -> Bool {
        switch a {
        case .end, .handler, .note, .start: return false
        default: break
        }
        guard sameKind(a, b), let nodeA = node(of: a), let nodeB = node(of: b) else { return false }
        return nodeA == nodeB
    }

    /// Whether both events are of one kind (equal `name`s), told without
    /// comparing the name strings.
    private static func sameKind(_ a: CallEvent, _ b: CallEvent) -> Bool {
        switch (a, b) {
        case (.start, .start), (.say, .say), (.ask, .ask), (.offer, .offer), (.answer, .answer),
             (.invalid, .invalid), (.warning, .warning), (.skip, .skip), (.back, .back), (.handler, .handler),
             (.return, .return), (.note, .note), (.error, .error), (.end, .end), (.task, .task):
            return true
        default:
            return false
        }
    }

    /// "ask budget", "end sale", "skip model".
    static func describe(_ event: CallEvent) -> String {
        switch event {
        case .end(let end): return "end \(end.outcome)"
        case .handler(let name, _): return "handler \(name)"
        case .note: return "note"
        case .start: return "start"
        default: return "\(event.name) \(node(of: event) ?? "-")"
        }
    }
}
