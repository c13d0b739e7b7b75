import Foundation

extension Value {
    /// How a value shows inside a text: null as empty, numbers in their
    /// shortest plain decimal form, lists joined with ", ", bools as yes/no.
    public var displayText: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "yes" : "no"
        case .number(let d): return canonicalNumberText(d)
        case .string(let s): return s
        case .list(let items): return items.map(\.displayText).joined(separator: ", ")
        }
    }

    /// A word for the value's kind, for messages ("but this is a number").
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "true/false"
        case .number: return "a number"
        case .string: return "a text"
        case .list: return "a list"
        }
    }

    /// Whether the value is exactly `true`: conditions count anything else
    /// (null, an error, a non-boolean) as false.
    public var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }
}
