/// One `?WORDS` the operator typed during a call (script language 9.2):
/// what was asked and which typical questions were shown. Logged as the
/// `faq` event; replay feeds it back and never compares it, and the store
/// keeps every lookup with its call so `report faq` can count what
/// customers ask most and what the FAQ is missing.
public struct FAQLookup: Sendable, Equatable {
    /// The question that was open (the lookup leaves it open).
    public var node: String
    /// The words after `?`, trimmed.
    public var query: String
    /// The ids of the entries shown, best first; empty when nothing matched.
    public var shown: [String]

    public init(node: String, query: String, shown: [String]) {
        self.node = node
        self.query = query
        self.shown = shown
    }
}
