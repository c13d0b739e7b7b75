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
    /// The `?WORDS` lookups of this call, in order; like notes, kept
    /// whatever `:back` undoes (the customer did ask).
    public private(set) var faqLookups: [FAQLookup] = []
    /// The script's typical questions prepared for lookups: built at the
    /// first lookup, so calls that look nothing up never fold the texts.
    private var faqSearch: FAQSearch?
    /// The branches this call took, when `recordsCoverage` is on (replay).
    public private(set) var coverage: Set<Branch> = []
    public var recordsCoverage = false
    /// Whether `say`, `ask` and `offer` events carry their rendered texts.
    /// Replay that does not compare texts turns this off: rendering is a
    /// good part of re-running a call, and its only other effect, `error`
    /// events for holes that fail, is something replay never compares.
    public var rendersTexts = true
    /// The language of what the engine tells the operator (answer errors,
    /// refused commands): the operator's screen, not the script's texts.
    /// Transcripts keep these words in `invalid` and `error` events; replay
    /// never compares them, so a call recorded in Russian replays anywhere.
    public var ui: UIText = .english

    var state = CallState()
    /// `last.NODE` values that fit this script's types (`LastAnswers`).
    private let lastValues: [String: Value]
    private var current: Int = 0
    /// The lines that changed the call (answers, skips, handler entries), in
    /// order: `:back` recomputes the call from them.
    private var journal: [JournalEntry] = []

    /// A chain of this many steps without input ends the call (section 8).
    public static let stepLimit = 10_000

    enum JournalEntry: Sendable {
        case answer(String)
        /// A value a transcript recorded masked, taken as it is (replay).
        case recorded(Value, input: String)
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
        lastValues = LastAnswers.fitting(context.last, script: script)
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
                            handlers: state.handlerStack.compactMap(\.name))
        var ignored: [CallEvent] = []
        if let hint = node.hint { prompt.hint = render(hint, nodeID: node.id, events: &ignored) }
        switch node.kind {
        case .ask(let question):
            prompt.text = render(question.text, nodeID: node.id, events: &ignored)
            prompt.type = question.type
            prompt.optional = question.optional
            if question.type == .scale, let low = question.min, let high = question.max, low <= high { prompt.scale = low...high }
            prompt.options = question.options.enumerated().map { index, option in
                Prompt.Choice(number: index + 1, key: option.key, label: render(option.label, nodeID: node.id, events: &ignored))
            }
        case .offer(let offer):
            prompt.text = render(offer.text, nodeID: node.id, events: &ignored)
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

    /// The branches taken since the last call of this method (or the
    /// start), and forgets them: `cases` asks what each single answer
    /// adds, without comparing the call's whole coverage every time.
    public mutating func takeCoverage() -> Set<Branch> {
        defer { coverage = [] }
        return coverage
    }

    // MARK: Driving the call

    /// Starts the call: the `start` event, then everything up to the first
    /// question (or the end).
    public mutating func start() -> [CallEvent] {
        guard case .notStarted = status else { return [] }
        var start = CallStart(
            call: context.callID, script: script.id, version: script.version, scriptSHA256: context.scriptSHA256,
            operator: context.operator, language: context.language, today: context.today, card: context.cardID,
            cardData: context.cardData, now: context.now, last: context.last, task: context.task, cardCalls: context.cardCalls,
            cardKey: context.cardKey)
        start.modules = context.modules
        var events: [CallEvent] = [.start(start)]
        guard let start = script.nodeIndex[script.start] else {
            events.append(.error(node: nil, message: ui(.startMissing, script.start)))
            finish(node: nil, outcome: "error", reason: nil, events: &events)
            return events
        }
        current = start
        run(&events)
        return events
    }

    /// The longest line the operator may type, in characters: a longer
    /// one (a paste gone wrong) is refused before it is parsed, so it never
    /// makes a transcript too large to replay.
    public static let inputLimit = 10_000

    /// Takes one line typed by the operator.
    public mutating func handle(_ line: String) -> [CallEvent] {
        guard case .awaiting(let node) = status else { return [] }
        if line.utf8.count > Self.inputLimit, line.count > Self.inputLimit {
            // The event keeps one character more than the limit: enough for
            // a replay to be refused the same way, never the whole paste.
            let kept = String(line.prefix(Self.inputLimit + 1))
            let message = ui(.answerTooLong, String(line.count), String(Self.inputLimit))
            return [.invalid(node: node, input: kept, error: message)]
        }
        var events: [CallEvent] = []
        switch OperatorInput(line: line) {
        case .empty:
            return []
        case .answer(let text):
            if accept(text, input: line, events: &events) { journal.append(.answer(line)) }
        case .handler(let name):
            enterHandler(name, input: line, events: &events)
        case .lookup(let query, let typed):
            // Version 1 read a line beginning with `?` as an answer: a
            // script without `faq` still does (section 9.2).
            guard !script.faq.isEmpty else {
                if accept(typed, input: line, events: &events) { journal.append(.answer(line)) }
                return events
            }
            guard !FAQSearch.words(query).isEmpty else {
                events.append(.invalid(node: node, input: line, error: ui(.faqEmptyQuery)))
                return events
            }
            events.append(.faq(lookUp(query, at: node)))
        case .command(let name, let argument):
            command(name, argument: argument, input: line, events: &events)
        }
        return events
    }

    /// Takes an answer as a transcript recorded it, without parsing or
    /// validating it: replay of a transcript whose personal answers were
    /// masked (`card forget --transcripts`) cannot re-type `+380*******33`
    /// for a phone question, so it hands over the recorded value. The call
    /// goes on exactly as after a typed answer with that value.
    public mutating func acceptRecorded(_ value: Value, input: String) -> [CallEvent] {
        guard case .awaiting = status else { return [] }
        var events: [CallEvent] = []
        if accept(input, input: input, recorded: value, events: &events) { journal.append(.recorded(value, input: input)) }
        return events
    }

    /// Takes a `faq` event as a transcript recorded it (replay, resume):
    /// the lookup is made again, so the call keeps it (`faqLookups`), and
    /// its event is given back for resume to journal; replay does not
    /// compare it. Nothing happens once the call has ended.
    public mutating func replayLookup(_ query: String) -> [CallEvent] {
        guard case .awaiting(let node) = status else { return [] }
        return [.faq(lookUp(query, at: node))]
    }

    /// The entry a lookup showed under `id` (the first of that id).
    public func faqEntry(_ id: String) -> FAQEntry? {
        script.faq.first { $0.id == id }
    }

    private mutating func lookUp(_ query: String, at node: String) -> FAQLookup {
        if faqSearch == nil { faqSearch = FAQSearch(entries: script.faq) }
        let shown = faqSearch?.matches(for: query).map(\.id) ?? []
        let lookup = FAQLookup(node: node, query: query, shown: shown)
        faqLookups.append(lookup)
        return lookup
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
        let index = current
        let id = script.nodes[index].id
        switch name {
        case "back":
            back(input: input, events: &events)
        case "skip":
            guard isOptional(nodeAt: index) else {
                events.append(.invalid(node: id, input: input, error: ui(.cannotSkip, id)))
                return
            }
            journal.append(.skip)
            events.append(.skip(node: id, reason: .operator))
            state.record(id, nil)
            advance(fromNodeAt: index, answer: .null, events: &events, applySet: false)
        case "note":
            guard !argument.isEmpty else {
                events.append(.invalid(node: id, input: input, error: ui(.noteEmpty)))
                return
            }
            notes.append(argument)
            events.append(.note(text: argument))
        case "hangup":
            finish(node: id, outcome: "hangup", reason: argument.isEmpty ? nil : argument, events: &events)
        case _ where OperatorInput.displayCommands.contains(name):
            break
        default:
            let known = ["back", "skip", "note", "hangup", "card", "history", "help"]
            let message = Suggestions.closest(to: name, among: known).map { ui(.unknownCommandSuggest, name, $0) } ?? ui(.unknownCommand, name)
            events.append(.invalid(node: id, input: input, error: message))
        }
    }

    private func isOptional(nodeAt index: Int) -> Bool {
        switch script.nodes[index].kind {
        case .ask(let question): return question.optional
        case .offer(let offer): return offer.optional
        default: return false
        }
    }

    /// `:back`: recompute the call from the journal without its last answer
    /// or skip, so the state is exactly as if that never happened.
    private mutating func back(input: String, events: inout [CallEvent]) {
        guard let last = journal.lastIndex(where: \.undoable) else {
            events.append(.invalid(node: script.nodes[current].id, input: input, error: ui(.nothingToUndo)))
            return
        }
        var replayed = CallSession(script: script, context: context)
        replayed.recordsCoverage = recordsCoverage
        replayed.rendersTexts = rendersTexts
        replayed.ui = ui
        _ = replayed.start()
        for entry in journal[..<last] {
            switch entry {
            case .answer(let line): _ = replayed.handle(line)
            case .recorded(let value, let input): _ = replayed.acceptRecorded(value, input: input)
            case .skip: _ = replayed.handle(":skip")
            case .handler(let name): _ = replayed.handle("!" + name)
            }
        }
        replayed.notes = notes
        replayed.faqLookups = faqLookups
        replayed.faqSearch = faqSearch
        replayed.recordsCoverage = recordsCoverage
        replayed.coverage.formUnion(coverage)
        self = replayed
        guard case .awaiting(let node) = status else { return }
        events.append(.back(node: node))
        events.append(askEvent(forNodeAt: current, events: &events))
    }

    private mutating func enterHandler(_ name: String, input: String, events: inout [CallEvent]) {
        let id = script.nodes[current].id
        guard let handler = script.invokedHandler(name), let start = script.nodeIndex[handler.start] else {
            let message = Suggestions.closest(to: name, among: script.handlers.map(\.name)).map { ui(.unknownHandlerSuggest, name, $0) } ?? ui(.unknownHandler, name)
            events.append(.invalid(node: id, input: input, error: message))
            return
        }
        // The event and the journal keep the qualified name (9.1).
        journal.append(.handler(handler.name))
        events.append(.handler(name: handler.name, node: id))
        state.handlerStack.append((handler.name, current))
        current = start
        run(&events)
    }

    // MARK: Answers

    /// Parses and validates an answer; on success records it and moves on.
    /// `recorded`: a value taken as it is (`acceptRecorded`): not parsed,
    /// and its `validate` rules not run (it passed them when recorded).
    private mutating func accept(_ text: String, input: String, recorded: Value? = nil, events: inout [CallEvent]) -> Bool {
        // The node is read in place (`script.nodes[index].field`): binding
        // it to a name copied all of it on every answer.
        let index = current
        let id = script.nodes[index].id
        let value: Value
        var rules: [ValidationRule] = []
        var save: Target?
        var isOffer = false
        switch script.nodes[index].kind {
        case .ask(let question):
            if let recorded {
                value = recorded
            } else {
                switch AnswerParser.parse(text, for: question, language: context.language, fallback: script.language, ui: ui, today: context.today) {
                case .success(let parsed): value = parsed
                case .failure(let rejection):
                    events.append(.invalid(node: id, input: input, error: rejection.message))
                    return false
                }
                rules = question.validate
            }
            save = question.save
        case .offer(let offer):
            if let recorded {
                value = recorded
                save = offer.save
                isOffer = true
                break
            }
            guard let accepted = AnswerParser.parseYesNo(text) else {
                events.append(.invalid(node: id, input: input, error: ui(.offerExpectsYesNo)))
                return false
            }
            value = .bool(accepted)
            save = offer.save
            isOffer = true
        default:
            return false
        }
        var warnings: [CallEvent] = []
        let scope = CallScope(state: state, context: context, scriptID: script.id, answer: value, last: lastValues)
        for rule in rules {
            // Section 3: only true holds, except that a null or failing rule
            // holds (it cannot judge); a failure is reported as an error.
            let holds: Bool
            do {
                let result = try rule.require.expression.evaluate(in: scope)
                holds = result == .bool(true) || result == .null
            } catch {
                events.append(.error(node: id, message: "\(error.message) in '\(rule.require.expression.source)'; the rule is taken as holding"))
                holds = true
            }
            guard !holds else { continue }
            let message = render(rule.message, nodeID: id, answer: value, events: &events)
            if rule.soft {
                warnings.append(.warning(node: id, message: message))
            } else {
                events.append(.invalid(node: id, input: input, error: message))
                return false
            }
        }
        events.append(.answer(node: id, input: input, value: value))
        events += warnings
        state.record(id, value)
        if isOffer, value == .bool(true), !state.offersAccepted.contains(id) {
            state.offersAccepted.append(id)
        }
        if let save { assign(save, value, nodeID: id, events: &events) }
        advance(fromNodeAt: index, answer: value, events: &events)
        return true
    }

    // MARK: Walking the script
    //
    // Nodes are passed by position and read in place
    // (`script.nodes[index].field`): binding a node to a name in these
    // mutating steps copied all of it, every text and expression counted
    // again, on every step of every call.

    /// Applies `set` and moves to the successor, then runs on to the next
    /// question or the end.
    private mutating func advance(fromNodeAt index: Int, answer: Value, events: inout [CallEvent], applySet: Bool = true) {
        if applySet {
            applyAssignments(ofNodeAt: index, answer: answer, events: &events)
            makeTask(ofNodeAt: index, answer: answer, events: &events)
        }
        guard let next = successor(ofNodeAt: index, answer: answer, events: &events) else { return }
        current = next
        run(&events)
    }

    /// Runs nodes that take no input until a question waits or the call ends.
    private mutating func run(_ events: inout [CallEvent]) {
        var steps = 0
        while true {
            steps += 1
            let index = current
            let id = script.nodes[index].id
            if steps > Self.stepLimit {
                events.append(.error(node: id, message: ui(.stepLimit, String(Self.stepLimit))))
                finish(node: id, outcome: "error", reason: nil, events: &events)
                return
            }
            hit(.node(id))
            if let when = script.nodes[index].when {
                let holds = condition(when, nodeID: id, answer: .null, events: &events)
                hit(.when(id, holds))
                if !holds {
                    if case .silent = script.nodes[index].kind {} else { events.append(.skip(node: id, reason: .when)) }
                    if script.nodes[index].takesInput { state.record(id, nil) }
                    guard let next = successor(ofNodeAt: index, answer: .null, events: &events) else { return }
                    current = next
                    continue
                }
            }
            switch script.nodes[index].kind {
            case .ask, .offer:
                events.append(askEvent(forNodeAt: index, events: &events))
                status = .awaiting(node: id)
                return
            case .say(let text):
                events.append(.say(node: id, text: eventText(text, nodeID: id, events: &events)))
            case .end(let outcome, _, let say):
                if let say { events.append(.say(node: id, text: eventText(say, nodeID: id, events: &events))) }
                applyAssignments(ofNodeAt: index, answer: .null, events: &events)
                makeTask(ofNodeAt: index, answer: .null, events: &events)
                makeTransfer(ofNodeAt: index, events: &events)
                finish(node: id, outcome: outcome, reason: nil, events: &events)
                return
            case .return:
                // A return node may `set` too (section 2: every node may).
                applyAssignments(ofNodeAt: index, answer: .null, events: &events)
                makeTask(ofNodeAt: index, answer: .null, events: &events)
                guard let (handler, question) = state.handlerStack.popLast() else {
                    events.append(.error(node: id, message: ui(.returnOutsideHandler, id)))
                    finish(node: id, outcome: "error", reason: nil, events: &events)
                    return
                }
                if handler == nil {
                    // Back from a module: its `flow` node completes (9.1).
                    applyAssignments(ofNodeAt: question, answer: .null, events: &events)
                    makeTask(ofNodeAt: question, answer: .null, events: &events)
                    guard let next = successor(ofNodeAt: question, answer: .null, events: &events) else { return }
                    current = next
                    continue
                }
                current = question
                let askedID = script.nodes[question].id
                events.append(.return(node: askedID))
                events.append(askEvent(forNodeAt: question, events: &events))
                status = .awaiting(node: askedID)
                return
            case .flow(let call):
                enterFlow(call, atNodeAt: index, events: &events)
                if isEnded { return }
                continue
            case .silent:
                break
            }
            applyAssignments(ofNodeAt: index, answer: .null, events: &events)
            makeTask(ofNodeAt: index, answer: .null, events: &events)
            guard let next = successor(ofNodeAt: index, answer: .null, events: &events) else { return }
            current = next
        }
    }

    /// `flow:`: sets the module's variables from `with` (read in the
    /// caller's names), pushes a frame and goes to the module's node.
    /// Entering a flow leaves no event (9.1).
    private mutating func enterFlow(_ call: FlowCall, atNodeAt index: Int, events: inout [CallEvent]) {
        let id = script.nodes[index].id
        for assignment in call.with.indices {
            do {
                let value = try call.with[assignment].value.expression.evaluate(in: scope(.null))
                assign(call.with[assignment].target, value, nodeID: id, events: &events)
            } catch {
                events.append(.error(node: id, message: "\(error.message) in '\(call.with[assignment].value.expression.source)'; \(call.with[assignment].target) is unchanged"))
            }
        }
        guard let target = call.target.flatMap({ script.nodeIndex[$0] }) else {
            events.append(.error(node: id, message: ui(.startMissing, call.target ?? call.alias)))
            finish(node: id, outcome: "error", reason: nil, events: &events)
            return
        }
        state.handlerStack.append((nil, index))
        current = target
    }

    private mutating func askEvent(forNodeAt index: Int, events: inout [CallEvent]) -> CallEvent {
        let id = script.nodes[index].id
        switch script.nodes[index].kind {
        case .offer(let offer):
            // An offer counts as made once the customer has heard it.
            if !state.offersMade.contains(id) { state.offersMade.append(id) }
            return .offer(node: id, text: eventText(offer.text, nodeID: id, events: &events),
                          item: offer.item.map { ItemEntry(key: $0.key, value: $0.value) })
        case .ask(let question):
            return .ask(node: id, text: eventText(question.text, nodeID: id, events: &events))
        default:
            return .ask(node: id, text: "")
        }
    }

    /// Section 2.1; nil when the call ended (ran off the end of `nodes`).
    private mutating func successor(ofNodeAt index: Int, answer: Value, events: inout [CallEvent]) -> Int? {
        let id = script.nodes[index].id
        if let question = script.nodes[index].kind.choiceQuestion, case .string(let key) = answer,
           let goto = question.option(key)?.goto, let target = script.nodeIndex[goto] {
            hit(.optionGoto(id, key))
            return target
        }
        switch script.nodes[index].next {
        case .node(let next, _)?:
            if let target = script.nodeIndex[next] {
                hit(.next(id))
                return target
            }
        case .rules(let rules)?:
            for ruleIndex in rules.indices {
                if let condition = rules[ruleIndex].condition,
                   !self.condition(condition, nodeID: id, answer: answer, events: &events) { continue }
                if let target = script.nodeIndex[rules[ruleIndex].goto] {
                    hit(.rule(id, ruleIndex))
                    return target
                }
            }
        case nil:
            break
        }
        hit(.fallThrough(id))
        if index + 1 < script.nodes.count { return index + 1 }
        events.append(.error(node: id, message: ui(.runsOffEnd, id)))
        finish(node: id, outcome: "error", reason: nil, events: &events)
        return nil
    }

    // MARK: Expressions

    private func condition(_ expression: LocatedExpression, nodeID: String, answer: Value, events: inout [CallEvent]) -> Bool {
        do {
            return try expression.expression.evaluate(in: scope(answer)) == .bool(true)
        } catch {
            events.append(.error(node: nodeID, message: "\(error.message) in '\(expression.expression.source)'"))
            return false
        }
    }

    private mutating func applyAssignments(ofNodeAt index: Int, answer: Value, events: inout [CallEvent]) {
        let set = script.nodes[index].set
        guard !set.isEmpty else { return }
        let id = script.nodes[index].id
        for assignment in set.indices {
            do {
                let value = try set[assignment].value.expression.evaluate(in: scope(answer))
                assign(set[assignment].target, value, nodeID: id, events: &events)
            } catch {
                events.append(.error(node: id, message: "\(error.message) in '\(set[assignment].value.expression.source)'; \(set[assignment].target) is unchanged"))
            }
        }
    }

    private mutating func assign(_ target: Target, _ value: Value, nodeID: String, events: inout [CallEvent]) {
        switch target {
        case .variable(let name):
            state.variables[name] = value
        case .card(let field):
            if field == "status", case .string(let new) = value, let transitions = context.statusTransitions {
                let old = state.cardValue("status", context: context)
                if case .string(let oldStatus) = old, oldStatus != new, !(transitions[oldStatus]?.contains(new) ?? false) {
                    events.append(.error(node: nodeID, message: ui(.statusRefused, oldStatus, new)))
                    return
                }
            }
            state.setCard(field, value)
        }
    }

    private mutating func hit(_ branch: Branch) {
        if recordsCoverage { coverage.insert(branch) }
    }

    func scope(_ answer: Value) -> CallScope {
        CallScope(state: state, context: context, scriptID: script.id, answer: answer, last: lastValues)
    }

    /// The text of a `say`, `ask` or `offer` event: empty when texts are
    /// not rendered.
    private func eventText(_ text: LocalizedText, nodeID: String, events: inout [CallEvent]) -> String {
        rendersTexts ? render(text, nodeID: nodeID, events: &events) : ""
    }

    func render(_ text: LocalizedText, nodeID: String, answer: Value = .null, events: inout [CallEvent]) -> String {
        guard let variant = text.variant(for: context.language, fallback: script.language) else { return "" }
        let (rendered, errors) = variant.template.render(in: scope(answer))
        for error in errors {
            events.append(.error(node: nodeID, message: "\(error.message) in a text of '\(nodeID)'"))
        }
        return rendered
    }

    private mutating func finish(node: String?, outcome: String, reason: String?, events: inout [CallEvent]) {
        let summary = endSummary(outcome: outcome)
        let end = CallEnd(node: node, outcome: outcome, reason: reason, answers: answers, cardChanges: cardChanges,
                          converted: summary.converted, nps: summary.nps, offers: summary.offers, tasks: state.tasks)
        events.append(.end(end))
        status = .ended(end)
    }
}
