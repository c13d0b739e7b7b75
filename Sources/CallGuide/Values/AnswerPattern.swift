import Foundation

/// A text question's `pattern` in the form that must match the whole answer.
/// Shared by the checker (E014) and the engine, so both agree on which
/// patterns compile; matching has a time budget so a pattern that
/// backtracks without end cannot freeze the operator's call.
public enum AnswerPattern {
    /// How long one answer may take to match.
    public static let budget: TimeInterval = 0.25

    public static func compile(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")
    }

    /// true or false, or nil when matching ran out of time.
    public static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool? {
        var matched = false
        var timedOut = false
        let deadline = Date().addingTimeInterval(budget)
        regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..<text.endIndex, in: text)) { result, _, stop in
            if result != nil {
                matched = true
                stop.pointee = true
            } else if Date() > deadline {
                timedOut = true
                stop.pointee = true
            }
        }
        return timedOut ? nil : matched
    }
}
