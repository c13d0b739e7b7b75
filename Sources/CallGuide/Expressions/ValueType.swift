import Foundation

/// The static type of a name or expression, for the checker.
public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case any
    case null
    case bool
    case number
    case integer
    case string
    /// A `YYYY-MM-DD` string.
    case date
    /// A `YYYY-MM-DDTHH:MM` string (local time).
    case datetime
    case list(ValueType)
    /// The answer of a `choice` question (a string among these keys).
    case choice(node: String, keys: [String])

    public var description: String {
        switch self {
        case .any: return "any"
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .integer: return "integer"
        case .string: return "string"
        case .date: return "date"
        case .datetime: return "datetime"
        case .list(let element): return "list of \(element)"
        case .choice(let node, _): return "choice of '\(node)'"
        }
    }

    /// The type as a phrase for messages: "but this is a number".
    public var phrase: String {
        switch self {
        case .any: return "any value"
        case .null: return "null"
        case .bool: return "true/false"
        case .number, .integer: return "a number"
        case .string: return "a text"
        case .date: return "a date"
        case .datetime: return "a date and time"
        case .list: return "a list"
        case .choice(let node, _): return "an option of '\(node)'"
        }
    }

    /// The type of the value an answer of this question holds
    /// (script language, section 2.2); `node` is the question's id.
    public static func answer(of question: Question, node: String) -> ValueType {
        switch question.type {
        case .text, .phone, .email: return .string
        case .number: return .number
        case .integer, .scale, .nps: return .integer
        case .yesno: return .bool
        case .date: return .date
        case .datetime: return .datetime
        case .choice: return .choice(node: node, keys: question.options.map(\.key))
        case .multi: return .list(.choice(node: node, keys: question.options.map(\.key)))
        }
    }

    /// The type of a runtime value (for variables' initial values).
    public static func of(_ value: Value) -> ValueType {
        switch value {
        case .null: return .null
        case .bool: return .bool
        // A finite decimal with no negative exponent is whole: most literals
        // (`1`, `100`) skip `isWhole`'s rounding.
        case .number(let d): return (!d.isNaN && d.exponent >= 0) || d.isWhole ? .integer : .number
        case .string: return .string
        case .list(let items): return .list(items.map(ValueType.of).reduce(nil, joinOptional) ?? .any)
        }
    }

    private static func joinOptional(_ a: ValueType?, _ b: ValueType) -> ValueType {
        a.map { $0.joined(with: b) } ?? b
    }

    /// Whether a value of one type can stand where the other is used.
    /// `integer` is a kind of `number`, `date` and `choice` are kinds of
    /// `string`, and `any` and `null` go everywhere (answers may be null).
    /// The relation is symmetric.
    public func isCompatible(with other: ValueType) -> Bool {
        switch (self, other) {
        case (.any, _), (_, .any), (.null, _), (_, .null): return true
        case (.list(let a), .list(let b)): return a.isCompatible(with: b)
        default:
            if isNumeric && other.isNumeric { return true }
            if isText && other.isText { return true }
            return self == other
        }
    }

    /// The narrowest type covering both.
    public func joined(with other: ValueType) -> ValueType {
        if self == other { return self }
        switch (self, other) {
        case (.null, let t), (let t, .null): return t
        case (.any, _), (_, .any): return .any
        case (.list(let a), .list(let b)): return .list(a.joined(with: b))
        default:
            if isNumeric && other.isNumeric { return .number }
            if isText && other.isText { return .string }
            return .any
        }
    }

    /// `number` or `integer`.
    /// (Switches rather than `==`: the derived equality copies both sides
    /// and the checker asks this for every operand.)
    public var isNumeric: Bool {
        switch self {
        case .number, .integer: return true
        default: return false
        }
    }
    /// `string`, `date`, `datetime` or a choice answer.
    public var isText: Bool {
        switch self {
        case .string, .date, .datetime, .choice: return true
        default: return false
        }
    }
    /// `date` or `datetime`: what `due` and `add_days` take.
    public var isMoment: Bool {
        switch self {
        case .date, .datetime: return true
        default: return false
        }
    }

    /// `any` or `null`: nothing is known.
    var isUnknown: Bool {
        switch self {
        case .any, .null: return true
        default: return false
        }
    }
}
