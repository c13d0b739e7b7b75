import Foundation

/// What the operator sees while the call waits for input: the question or
/// offer, its numbered options and its hint, rendered in the call's language.
public struct Prompt: Sendable, Equatable {
    public struct Choice: Sendable, Equatable {
        public var number: Int
        public var key: String
        public var label: String
    }

    public var node: String
    public var text: String
    public var type: AnswerType?
    /// nil for an offer (a yes/no answer).
    public var isOffer: Bool
    public var options: [Choice]
    public var hint: String?
    public var optional: Bool
    /// The handler flows open, innermost last.
    public var handlers: [String]
    /// The bounds of a `scale` question, to show beside it.
    public var scale: ClosedRange<Decimal>? = nil
}
