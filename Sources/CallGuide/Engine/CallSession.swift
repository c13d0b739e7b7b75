import Foundation

/// One call being run: takes the operator's lines and yields events
/// (script language, sections 2-5). Pure: no terminal and no files, so the
/// REPL, resume and replay all drive the very same engine.
public struct CallSession: Sendable {
    public enum Status: Sendable, Equatable {
        case notStarted
        /// Waiting for the operator's line at this node.
        case awaiting(node: String)
        case ended(CallEnd)
    }

    public let script: Script
    public let context: CallContext
    public private(set) var status: Status = .notStarted
    /// Notes are kept whatever `:back` undoes.
    public private(set) var notes: [String] = []
    /// The branches this call took, when `recordsCoverage` is on (replay).
    public private(set) var coverage: Set<Branch> = []
    public var recordsCoverage = false
    /// Whether `say`, `ask` and `offer` events carry their rendered texts.
    /// Replay that does not compare texts turns this off: rendering is a
    /// good part of re-running a call, and its only other effect, `error`
    /// events for holes that fail, is something replay never compares.
    public var rendersTexts = true

    var state = CallState()
    private var current: Int = 0
    /// The lines that changed the call (answers, skips, handler entries), in
    /// order: `:back` recomputes the call from them.
    private var journal: [JournalEntry] = []

    /// A chain of this many steps without input ends the call (section 8).
    public static let stepLimit = 10_000

    enum JournalEntry: Sendable {
        case answer(String)
        case skip
        case handler(String)

        var undoable: Bool {
            if case .handler = self { return false }
            return true
        }
    }

    public init(script: Script, context: CallContext) {
        self.script = script
        self.context = context
        // Room for a usual call's answers up front: growing these one
        // doubling at a time rehashed them several times per call.
        state.answers.reserveCapacity(16)
        state.answered.reserveCapacity(16)
        for variable in script.variables { state.variables[variable.name] = variable.initial }
    }

    // MARK: Reading the state

    public var isEnded: Bool {
        if case .ended = status { return true }
        return false
    }

    /// The question open now, rendered for the operator.
    public var prompt: Prompt? {
        guard case .awaiting = status else { return nil }
        let node = script.nodes[current]
        var prompt = Prompt(node: node.id, text: "", type: nil, isOffer: false, options: [], hint: nil, optional: false,
                            handlers: state.handlerStack.map(\.name))
        var ignored: [CallEvent] = []
        if let hint = node.hint { prompt.hint = render(hint, node: node, events: &ignored) }
        switch node.kind {
        case .ask(let question):
            prompt.text = render(question.text, node: node, events: &ignored)
            prompt.type = question.type
            prompt.optional = question.optional
            prompt.options = question.options.enumerated().map { index, option in
                Prompt.Choice(number: index + 1, key: option.key, label: render(option.label, node: node, events: &ignored))
            }
        case .offer(let offer):
            prompt.text = render(offer.text, node: node, events: &ignored)
            prompt.isOffer = true
            prompt.optional = offer.optional
        default:
            break
        }
        return prompt
    }

    /// Answers so far (node id and value, in the order they were given).
    public var answers: [(node: String, value: Value)] {
        state.answerOrder.map { ($0, state.answers[$0] ?? .null) }
    }

    public var cardChanges: [(field: String, value: Value)] {
        state.cardChangeOrder.map { ($0, state.cardChanges[$0] ?? .null) }
    }

    public var variables: [String: Value] { state.variables }
    public var offersMade: [String] { state.offersMade }
    public var offersAccepted: [String] { state.offersAccepted }

    // MARK: Driving the call

    /// Starts the call: the `start` event, then everything up to the first
    /// question (or the end).
    public mutating func start() -> [CallEvent] {
        guard case .notStarted = status else { return [] }
        var events: [CallEvent] = [.start(CallStart(
            call: context.callID, script: script.id, version: script.version, scriptSHA256: context.scriptSHA256,
            operator: context.operator, language: context.language, today: context.today, card: context.cardID,
            cardData: context.cardData))]
        guard let start = script.nodeIndex[script.start] else {
            events.append(.error(node: nil, message: "the start node '\(script.start)' does not exist"))
            finish(node: nil, outcome: "error", reason: nil, events: &events)
            return events
        }
        current = start
        run(&events)
        return events
    }

    /// Takes one line typed by the operator.
    public mutating func handle(_ line: String) -> [CallEvent] {
        guard case .awaiting = status else { return [] }
        var events: [CallEvent] = []
        switch OperatorInput(line: line) {
        case .empty:
            return []
        case .answer(let text):
            if accept(text, input: line, events: &events) { journal.append(.answer(line)) }
        case .handler(let name):
            enterHandler(name, input: line, events: &events)
        case .command(let name, let argument):
            command(name, argument: argument, input: line, events: &events)
        }
        return events
    }

    /// The operator's input ended (Ctrl-D, end of file) before an `end`.
    public mutating func endOfInput() -> [CallEvent] {
        guard case .awaiting(let node) = status else { return [] }
        var events: [CallEvent] = []
        finish(node: node, outcome: "abandoned", reason: nil, events: &events)
        return events
    }

    // MARK: Commands

    private mutating func command(_ name: String, argument: String, input: String, events: inout [CallEvent]) {
        let node = script.nodes[current]
        switch name {
        case "back":
            back(input: input, events: &events)
        case "skip":
            guard isOptional(node) else {
                events.append(.invalid(node: node.id, input: input, error: "'\(node.id)' is required and cannot be skipped"))
                return
            }
            journal.append(.skip)
            events.append(.skip(node: node.id, reason: .operator))
            state.record(node.id, nil)
            advance(from: node, answer: .null, events: &events, applySet: false)
        case "note":
            guard !argument.isEmpty else {
                events.append(.invalid(node: node.id, input: input, error: "write the note after ':note'"))
                return
            }
            notes.append(argument)
            events.append(.note(text: argument))
        case "hangup":
            finish(node: node.id, outcome: "hangup", reason: argument.isEmpty ? nil : argument, events: &events)
        case _ where OperatorInput.displayCommands.contains(name):
            break
        default:
            let known = ["back", "skip", "note", "hangup", "card", "history", "help"]
            let hint = Suggestions.closest(to: name, among: known).map { " (did you mean ':\($0)'?)" } ?? ""
            events.append(.invalid(node: node.id, input: input, error: "unknown command ':\(name)'\(hint); type :help for the list"))
        }
    }

    private func isOptional(_ node: Node) -> Bool {
        switch node.kind {
        case .ask(let question): return question.optional
        case .offer(let offer): return offer.optional
        default: return false
        }
    }

    /// `:back`: recompute the call from the journal without its last answer
    /// or skip, so the state is exactly as if that never happened.
    private mutating func back(input: String, events: inout [CallEvent]) {
        guard let last = journal.lastIndex(where: \.undoable) else {
            events.append(.invalid(node: script.nodes[current].id, input: input, error: "there is no answer to go back to"))
            return
        }
        var replayed = CallSession(script: script, context: context)
        replayed.recordsCoverage = recordsCoverage
        replayed.rendersTexts = rendersTexts
        _ = replayed.start()
        for entry in journal[..<last] {
            switch entry {
            case .answer(let line): _ = replayed.handle(line)
            case .skip: _ = replayed.handle(":skip")
            case .handler(let name): _ = replayed.handle("!" + name)
            }
        }
        replayed.notes = notes
        replayed.recordsCoverage = recordsCoverage
        replayed.coverage.formUnion(coverage)
        self = replayed
        guard case .awaiting(let node) = status else { return }
        events.append(.back(node: node))
        events.append(askEvent(for: script.nodes[current], events: &events))
    }

    private mutating func enterHandler(_ name: String, input: String, events: inout [CallEvent]) {
        let node = script.nodes[current]
        guard let handler = script.handler(name), let start = script.nodeIndex[handler.start] else {
            let hint = Suggestions.closest(to: name, among: script.handlers.map(\.name)).map { " (did you mean '!\($0)'?)" } ?? ""
            events.append(.invalid(node: node.id, input: input, error: "there is no handler '\(name)'\(hint)"))
            return
        }
        journal.append(.handler(name))
        events.append(.handler(name: name, node: node.id))
        state.handlerStack.append((name, current))
        current = start
        run(&events)
    }

    // MARK: Answers

    /// Parses and validates an answer; on success records it and moves on.
    private mutating func accept(_ text: String, input: String, events: inout [CallEvent]) -> Bool {
        let node = script.nodes[current]
        let value: Value
        var rules: [ValidationRule] = []
        switch node.kind {
        case .ask(let question):
            switch AnswerParser.parse(text, for: question, language: context.language, fallback: script.language) {
            case .success(let parsed): value = parsed
            case .failure(let rejection):
                events.append(.invalid(node: node.id, input: input, error: rejection.message))
                return false
            }
            rules = question.validate
        case .offer:
            guard let accepted = AnswerParser.parseYesNo(text) else {
                events.append(.invalid(node: node.id, input: input, error: "expected yes or no"))
                return false
            }
            value = .bool(accepted)
        default:
            return false
        }
        var warnings: [CallEvent] = []
        let scope = CallScope(state: state, context: context, scriptID: script.id, answer: value)
        for rule in rules {
            // Section 3: only true holds, except that a null or failing rule
            // holds (it cannot judge); a failure is reported as an error.
            let holds: Bool
            do {
                let result = try rule.require.expression.evaluate(in: scope)
                holds = result == .bool(true) || result == .null
            } catch {
                events.append(.error(node: node.id, message: "\(error.message) in '\(rule.require.expression.source)'; the rule is taken as holding"))
                holds = true
            }
            guard !holds else { continue }
            let message = render(rule.message, node: node, answer: value, events: &events)
            if rule.soft {
                warnings.append(.warning(node: node.id, message: message))
            } else {
                events.append(.invalid(node: node.id, input: input, error: message))
                return false
            }
        }
        events.append(.answer(node: node.id, input: input, value: value))
        events += warnings
        state.record(node.id, value)
        if case .offer = node.kind, value == .bool(true), !state.offersAccepted.contains(node.id) {
            state.offersAccepted.append(node.id)
        }
        let save: Target? = {
            switch node.kind {
            case .ask(let q): return q.save
            case .offer(let o): return o.save
            default: return nil
            }
        }()
        if let save { assign(save, value, node: node, events: &events) }
        advance(from: node, answer: value, events: &events)
        return true
    }

    // MARK: Walking the script

    /// Applies `set` and moves to the successor, then runs on to the next
    /// question or the end.
    private mutating func advance(from node: Node, answer: Value, events: inout [CallEvent], applySet: Bool = true) {
        if applySet { applyAssignments(node, answer: answer, events: &events) }
        guard let next = successor(of: node, answer: answer, events: &events) else { return }
        current = next
        run(&events)
    }

    /// Runs nodes that take no input until a question waits or the call ends.
    private mutating func run(_ events: inout [CallEvent]) {
        var steps = 0
        while true {
            steps += 1
            if steps > Self.stepLimit {
                events.append(.error(node: script.nodes[current].id, message: "\(Self.stepLimit) steps without input: the script loops; the call is stopped"))
                finish(node: script.nodes[current].id, outcome: "error", reason: nil, events: &events)
                return
            }
            let node = script.nodes[current]
            hit(.node(node.id))
            if let when = node.when {
                let holds = condition(when, node: node, answer: .null, events: &events)
                hit(.when(node.id, holds))
                if !holds {
                    if case .silent = node.kind {} else { events.append(.skip(node: node.id, reason: .when)) }
                    if node.takesInput { state.record(node.id, nil) }
                    guard let next = successor(of: node, answer: .null, events: &events) else { return }
                    current = next
                    continue
                }
            }
            switch node.kind {
            case .ask, .offer:
                events.append(askEvent(for: node, events: &events))
                status = .awaiting(node: node.id)
                return
            case .say(let text):
                events.append(.say(node: node.id, text: eventText(text, node: node, events: &events)))
            case .end(let outcome, _, let say):
                if let say { events.append(.say(node: node.id, text: eventText(say, node: node, events: &events))) }
                applyAssignments(node, answer: .null, events: &events)
                finish(node: node.id, outcome: outcome, reason: nil, events: &events)
                return
            case .return:
                // A return node may `set` too (section 2: every node may).
                applyAssignments(node, answer: .null, events: &events)
                guard let (_, question) = state.handlerStack.popLast() else {
                    events.append(.error(node: node.id, message: "return node '\(node.id)' was reached outside a handler"))
                    finish(node: node.id, outcome: "error", reason: nil, events: &events)
                    return
                }
                current = question
                let asked = script.nodes[question]
                events.append(.return(node: asked.id))
                events.append(askEvent(for: asked, events: &events))
                status = .awaiting(node: asked.id)
                return
            case .silent:
                break
            }
            applyAssignments(node, answer: .null, events: &events)
            guard let next = successor(of: node, answer: .null, events: &events) else { return }
            current = next
        }
    }

    private mutating func askEvent(for node: Node, events: inout [CallEvent]) -> CallEvent {
        switch node.kind {
        case .offer(let offer):
            // An offer counts as made once the customer has heard it.
            if !state.offersMade.contains(node.id) { state.offersMade.append(node.id) }
            return .offer(node: node.id, text: eventText(offer.text, node: node, events: &events),
                          item: offer.item.map { ItemEntry(key: $0.key, value: $0.value) })
        case .ask(let question):
            return .ask(node: node.id, text: eventText(question.text, node: node, events: &events))
        default:
            return .ask(node: node.id, text: "")
        }
    }

    /// Section 2.1; nil when the call ended (ran off the end of `nodes`).
    private mutating func successor(of node: Node, answer: Value, events: inout [CallEvent]) -> Int? {
        let index = script.nodeIndex[node.id] ?? current
        if case .ask(let question) = node.kind, question.type == .choice, case .string(let key) = answer,
           let goto = question.option(key)?.goto, let target = script.nodeIndex[goto] {
            hit(.optionGoto(node.id, key))
            return target
        }
        switch node.next {
        case .node(let id, _)?:
            if let target = script.nodeIndex[id] {
                hit(.next(node.id))
                return target
            }
        case .rules(let rules)?:
            for (ruleIndex, rule) in rules.enumerated() {
                if let condition = rule.condition, !self.condition(condition, node: node, answer: answer, events: &events) { continue }
                if let target = script.nodeIndex[rule.goto] {
                    hit(.rule(node.id, ruleIndex))
                    return target
                }
            }
        case nil:
            break
        }
        hit(.fallThrough(node.id))
        if index + 1 < script.nodes.count { return index + 1 }
        events.append(.error(node: node.id, message: "'\(node.id)' is the last node and has nowhere to go: the script runs off the end"))
        finish(node: node.id, outcome: "error", reason: nil, events: &events)
        return nil
    }

    // MARK: Expressions

    private func condition(_ expression: LocatedExpression, node: Node, answer: Value, events: inout [CallEvent]) -> Bool {
        do {
            return try expression.expression.evaluate(in: scope(answer)) == .bool(true)
        } catch {
            events.append(.error(node: node.id, message: "\(error.message) in '\(expression.expression.source)'"))
            return false
        }
    }

    private mutating func applyAssignments(_ node: Node, answer: Value, events: inout [CallEvent]) {
        for assignment in node.set {
            do {
                let value = try assignment.value.expression.evaluate(in: scope(answer))
                assign(assignment.target, value, node: node, events: &events)
            } catch {
                events.append(.error(node: node.id, message: "\(error.message) in '\(assignment.value.expression.source)'; \(assignment.target) is unchanged"))
            }
        }
    }

    private mutating func assign(_ target: Target, _ value: Value, node: Node, events: inout [CallEvent]) {
        switch target {
        case .variable(let name):
            state.variables[name] = value
        case .card(let field):
            if field == "status", case .string(let new) = value, let transitions = context.statusTransitions {
                let old = state.cardValue("status", context: context)
                if case .string(let oldStatus) = old, oldStatus != new, !(transitions[oldStatus]?.contains(new) ?? false) {
                    events.append(.error(node: node.id, message: "the card's status cannot change from '\(oldStatus)' to '\(new)'; it stays '\(oldStatus)'"))
                    return
                }
            }
            state.setCard(field, value)
        }
    }

    private mutating func hit(_ branch: Branch) {
        if recordsCoverage { coverage.insert(branch) }
    }

    private func scope(_ answer: Value) -> CallScope {
        CallScope(state: state, context: context, scriptID: script.id, answer: answer)
    }

    /// The text of a `say`, `ask` or `offer` event: empty when texts are
    /// not rendered.
    private func eventText(_ text: LocalizedText, node: Node, events: inout [CallEvent]) -> String {
        rendersTexts ? render(text, node: node, events: &events) : ""
    }

    private func render(_ text: LocalizedText, node: Node, answer: Value = .null, events: inout [CallEvent]) -> String {
        guard let variant = text.variant(for: context.language, fallback: script.language) else { return "" }
        let (rendered, errors) = variant.template.render(in: scope(answer))
        for error in errors {
            events.append(.error(node: node.id, message: "\(error.message) in a text of '\(node.id)'"))
        }
        return rendered
    }

    private mutating func finish(node: String?, outcome: String, reason: String?, events: inout [CallEvent]) {
        let end = CallEnd(node: node, outcome: outcome, reason: reason, answers: answers, cardChanges: cardChanges)
        events.append(.end(end))
        status = .ended(end)
    }
}
