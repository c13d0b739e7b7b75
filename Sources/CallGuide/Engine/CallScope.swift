import Foundation

/// The names a running call can read, as the expression evaluator sees them.
/// It holds only what expressions read (not the whole call state), because
/// one is made for every condition, rule and assignment evaluated.
struct CallScope: EvaluationContext {
    let answers: [String: Value]
    let variables: [String: Value]
    let answered: Set<String>
    let cardChanges: [String: Value]
    let cardData: [String: Value]
    let callOperator: String
    let started: String
    let language: String?
    let today: String
    let scriptID: String
    let answer: Value
    /// The context's `now`; `now()` reads `today` at 00:00 without it
    /// (made only when asked: most scopes never read it).
    let startTime: String?
    var now: String { startTime ?? today + "T00:00" }
    /// `task.*` and `card.calls`: only these of the context's version 1.1
    /// fields (one scope is made per expression; the context is large).
    let task: TaskContext?
    let cardCalls: Int?
    /// `last.NODE` values that fit NODE's type in this script.
    let last: [String: Value]

    init(state: CallState, context: CallContext, scriptID: String, answer: Value, last: [String: Value]) {
        answers = state.answers
        variables = state.variables
        answered = state.answered
        cardChanges = state.cardChanges
        cardData = context.cardData
        callOperator = context.operator
        started = context.started
        language = context.language
        today = context.today
        self.scriptID = scriptID
        self.answer = answer
        startTime = context.now
        task = context.task
        cardCalls = context.cardCalls
        self.last = last
    }

    func value(of name: QualifiedName) -> Value {
        switch name {
        case .answer: return answer
        case .plain(let id):
            if let value = answers[id] { return value }
            return variables[id] ?? .null
        case .card(let field):
            if field == "calls", let calls = cardCalls { return .number(Decimal(calls)) }
            return cardChanges[field] ?? cardData[field] ?? .null
        case .last(let node): return last[node] ?? .null
        case .task(let field):
            guard let task else { return .null }
            switch field {
            case "kind": return .string(task.kind.rawValue)
            case "note": return task.note.map(Value.string) ?? .null
            case "attempts": return .number(Decimal(task.attempts))
            case "due": return task.due.map { .string(Moment.datetimeText($0)) } ?? .null
            default: return .null
            }
        case .call(let field):
            switch field {
            case "operator": return .string(callOperator)
            case "script": return .string(scriptID)
            case "started": return .string(started)
            case "language": return language.map(Value.string) ?? .null
            default: return .null
            }
        }
    }

    func isAnswered(_ node: String) -> Bool {
        answered.contains(node)
    }
}

/// Everything a call has gathered so far. A value, so that `:back` can be
/// an exact undo by recomputing it from the operator's inputs.
struct CallState {
    /// Answers by node id; a skipped question is present as null.
    var answers: [String: Value] = [:]
    /// Questions with an accepted answer (not skipped).
    var answered: Set<String> = []
    /// Questions answered or skipped, in the order they were completed.
    var answerOrder: [String] = []
    var variables: [String: Value] = [:]
    var cardChanges: [String: Value] = [:]
    var cardChangeOrder: [String] = []
    /// Open handler and module flows, one stack (script language 9.1):
    /// (handler name, question it interrupted), or (nil, the `flow` node)
    /// for a module's flow.
    var handlerStack: [(name: String?, question: Int)] = []
    var offersMade: [String] = []
    var offersAccepted: [String] = []
    /// Tasks made by completed nodes (workflow 2.1), in order.
    var tasks: [CallTask] = []

    func cardValue(_ field: String, context: CallContext) -> Value {
        if let changed = cardChanges[field] { return changed }
        return context.cardData[field] ?? .null
    }

    mutating func record(_ node: String, _ value: Value?) {
        // One lookup both stores the answer and says whether it is new.
        if answers.updateValue(value ?? .null, forKey: node) == nil { answerOrder.append(node) }
        if value != nil { answered.insert(node) } else { answered.remove(node) }
    }

    mutating func setCard(_ field: String, _ value: Value) {
        if cardChanges[field] == nil { cardChangeOrder.append(field) }
        cardChanges[field] = value
    }
}
