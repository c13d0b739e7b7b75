import Foundation

/// Everything a call starts with that does not come from the script. A
/// replay or a resume builds the same context from the transcript's
/// `start` event, so that the call goes exactly the same way.
public struct CallContext: Sendable {
    public var callID: String
    public var `operator`: String
    /// The call's language (`--lang`), else the script's default.
    public var language: String?
    /// The local date at the start, `YYYY-MM-DD`: what `today()` returns.
    public var today: String
    /// The start time, ISO 8601: `call.started`.
    public var started: String
    public var scriptSHA256: String
    /// The card's id, or nil for a call without a card.
    public var cardID: String?
    /// The card's fields as they were at the start.
    public var cardData: [String: Value]
    /// Status transitions of the workspace; nil allows every change.
    public var statusTransitions: [String: [String]]?
    /// The local start time, `YYYY-MM-DDTHH:MM`: what `now()` returns.
    /// Nil (a transcript older than version 1.1): `today` at 00:00.
    public var now: String?
    /// `last.NODE` values read from the store, by node id: only the names
    /// the script uses (`Script.lastNamesUsed`). A missing name is null.
    public var last: [String: Value]
    /// The task this call works on (`task.*`), or nil.
    public var task: TaskContext?
    /// `card.calls`: how many stored calls the card has; nil without a card.
    public var cardCalls: Int?
    /// The workspace's outcomes (`callguide.yaml`), for `converted` in the
    /// `end` event; the script's own declarations win.
    public var outcomes: [OutcomeDeclaration]
    /// The KEY of a card the store could not give at the start (store.md
    /// 2); recorded in the `start` event as `card_key`, `card_available: false`.
    public var cardKey: String?
    /// The script's module files' SHA-256 by alias, for the `start` event.
    public var modules: [String: String] = [:]

    public init(
        callID: String, operator: String, language: String? = nil, today: String, started: String,
        scriptSHA256: String = "", cardID: String? = nil, cardData: [String: Value] = [:],
        statusTransitions: [String: [String]]? = nil, now: String? = nil, last: [String: Value] = [:],
        task: TaskContext? = nil, cardCalls: Int? = nil, outcomes: [OutcomeDeclaration] = [], cardKey: String? = nil
    ) {
        self.callID = callID
        self.operator = `operator`
        self.language = language
        self.today = today
        self.started = started
        self.scriptSHA256 = scriptSHA256
        self.cardID = cardID
        self.cardData = cardData
        self.statusTransitions = statusTransitions
        self.now = now
        self.last = last
        self.task = task
        self.cardCalls = cardCalls
        self.outcomes = outcomes
        self.cardKey = cardKey
    }

    /// `now`, else `today` at 00:00.
    public var localStart: String { now ?? today + "T00:00" }

    /// The context recorded in a transcript's `start` event.
    public init(
        start: CallStart, started: String, statusTransitions: [String: [String]]? = nil,
        outcomes: [OutcomeDeclaration] = []
    ) {
        self.init(
            callID: start.call, operator: start.operator, language: start.language, today: start.today,
            started: started, scriptSHA256: start.scriptSHA256, cardID: start.card, cardData: start.cardData,
            statusTransitions: statusTransitions, now: start.now, last: start.last, task: start.task,
            cardCalls: start.cardCalls, outcomes: outcomes, cardKey: start.cardKey)
        modules = start.modules
    }
}
