import Foundation

/// What the engine reports as a call goes (transcript spec, section 1).
/// Front-ends show events to the operator; the transcript writer journals
/// them; replay compares them.
public enum CallEvent: Sendable, Equatable {
    case start(CallStart)
    case say(node: String, text: String)
    case ask(node: String, text: String)
    case offer(node: String, text: String, item: [ItemEntry])
    case answer(node: String, input: String, value: Value)
    case invalid(node: String, input: String, error: String)
    case warning(node: String, message: String)
    case skip(node: String, reason: SkipReason)
    case back(node: String)
    case handler(name: String, node: String)
    case `return`(node: String)
    case note(text: String)
    case error(node: String?, message: String)
    /// A task the call made (workflow, section 2.5).
    case task(CallTask)
    /// A `?WORDS` lookup of the typical questions (script language 9.2).
    case faq(FAQLookup)
    case end(CallEnd)

    /// The `event` field of the transcript line.
    public var name: String {
        switch self {
        case .start: return "start"
        case .say: return "say"
        case .ask: return "ask"
        case .offer: return "offer"
        case .answer: return "answer"
        case .invalid: return "invalid"
        case .warning: return "warning"
        case .skip: return "skip"
        case .back: return "back"
        case .handler: return "handler"
        case .return: return "return"
        case .note: return "note"
        case .error: return "error"
        case .task: return "task"
        case .faq: return "faq"
        case .end: return "end"
        }
    }
}

public struct ItemEntry: Sendable, Equatable {
    public var key: String
    public var value: Value

    public init(key: String, value: Value) {
        self.key = key
        self.value = value
    }
}

public enum SkipReason: String, Sendable, Equatable {
    /// The node's `when` was false.
    case when
    /// The operator typed `:skip`.
    case `operator`
}

/// The context a call starts with; recorded so a replay sees the same.
public struct CallStart: Sendable, Equatable {
    public var call: String
    public var script: String
    public var version: Value
    public var scriptSHA256: String
    public var `operator`: String
    public var language: String?
    /// The local date at the start, `YYYY-MM-DD`: what `today()` returns.
    public var today: String
    public var card: String?
    /// The card's fields as the call saw them at its start.
    public var cardData: [String: Value]
    /// The local start time `YYYY-MM-DDTHH:MM` (`now()`); nil in older transcripts.
    public var now: String?
    /// The `last.NODE` values the call saw (only the names its script uses).
    public var last: [String: Value]
    /// The task the call works on.
    public var task: TaskContext?
    /// `card.calls` as the call saw it.
    public var cardCalls: Int?
    /// The KEY (`--card`) of a card the store could not give at the start
    /// (store.md 2): the call went on without it (`card_available: false`),
    /// and the card is found, or made, when the call is stored. Nil when
    /// the card was read, or the call has no key.
    public var cardKey: String?
    /// `modules:`: each module file's SHA-256 by alias (nested as `a.b`),
    /// so replay and resume can say which file changed (9.1); empty for a
    /// script without modules.
    public var modules: [String: String] = [:]

    public init(
        call: String, script: String, version: Value, scriptSHA256: String, operator: String,
        language: String?, today: String, card: String?, cardData: [String: Value],
        now: String? = nil, last: [String: Value] = [:], task: TaskContext? = nil, cardCalls: Int? = nil,
        cardKey: String? = nil
    ) {
        self.call = call
        self.script = script
        self.version = version
        self.scriptSHA256 = scriptSHA256
        self.operator = `operator`
        self.language = language
        self.today = today
        self.card = card
        self.cardData = cardData
        self.now = now
        self.last = last
        self.task = task
        self.cardCalls = cardCalls
        self.cardKey = cardKey
    }

    /// Whether the call saw its card (false: the store could not be read).
    public var cardAvailable: Bool { cardKey == nil }
}

public struct CallEnd: Sendable, Equatable {
    /// The end node; for `hangup` and `abandoned`, the question that was open.
    public var node: String?
    public var outcome: String
    public var reason: String?
    /// Node id -> final value; skipped questions as null.
    public var answers: [(node: String, value: Value)]
    public var cardChanges: [(field: String, value: Value)]
    /// Whether the outcome counts as a sale (its declaration); nil in older transcripts.
    public var converted: Bool?
    /// The answer to the call's first answered `nps` question, or null.
    public var nps: Value
    /// Offers made, in order, with whether each was accepted.
    public var offers: [OfferRecord]
    /// The tasks the call made (those `:back` undid are gone), a transfer last.
    public var tasks: [CallTask]

    public init(
        node: String?, outcome: String, reason: String? = nil, answers: [(node: String, value: Value)],
        cardChanges: [(field: String, value: Value)], converted: Bool? = nil, nps: Value = .null,
        offers: [OfferRecord] = [], tasks: [CallTask] = []
    ) {
        self.node = node
        self.outcome = outcome
        self.reason = reason
        self.answers = answers
        self.cardChanges = cardChanges
        self.converted = converted
        self.nps = nps
        self.offers = offers
        self.tasks = tasks
    }

    public static func == (a: CallEnd, b: CallEnd) -> Bool {
        a.node == b.node && a.outcome == b.outcome && a.reason == b.reason
            && a.answers.elementsEqual(b.answers) { $0.node == $1.node && $0.value == $1.value }
            && a.cardChanges.elementsEqual(b.cardChanges) { $0.field == $1.field && $0.value == $1.value }
            && a.converted == b.converted && a.nps == b.nps && a.offers == b.offers && a.tasks == b.tasks
    }
}
