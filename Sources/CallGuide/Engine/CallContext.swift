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

    public init(
        callID: String, operator: String, language: String? = nil, today: String, started: String,
        scriptSHA256: String = "", cardID: String? = nil, cardData: [String: Value] = [:],
        statusTransitions: [String: [String]]? = nil
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
    }

    /// The context recorded in a transcript's `start` event.
    public init(start: CallStart, started: String, statusTransitions: [String: [String]]? = nil) {
        self.init(
            callID: start.call, operator: start.operator, language: start.language, today: start.today,
            started: started, scriptSHA256: start.scriptSHA256, cardID: start.card, cardData: start.cardData,
            statusTransitions: statusTransitions)
    }
}
