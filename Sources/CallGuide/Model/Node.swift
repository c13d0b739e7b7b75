import Foundation

/// One step of a script (script language, section 2).
public struct Node: Sendable {
    public var id: String
    /// Where the node's id is written: problems with a whole node point here.
    public var location: SourceLocation
    public var kind: NodeKind
    public var when: LocatedExpression?
    public var next: Next?
    public var set: [Assignment]
    public var hint: LocalizedText?
    public var tags: [String]

    public init(
        id: String, location: SourceLocation, kind: NodeKind, when: LocatedExpression? = nil,
        next: Next? = nil, set: [Assignment] = [], hint: LocalizedText? = nil, tags: [String] = []
    ) {
        self.id = id
        self.location = location
        self.kind = kind
        self.when = when
        self.next = next
        self.set = set
        self.hint = hint
        self.tags = tags
    }

    /// The question, if the node asks one.
    public var question: Question? {
        if case .ask(let q) = kind { return q }
        return nil
    }

    /// Whether the operator must type something to complete the node.
    public var takesInput: Bool {
        switch kind {
        case .ask, .offer: return true
        default: return false
        }
    }
}

public enum NodeKind: Sendable {
    case say(LocalizedText)
    // Boxed: a question or offer is large, and the engine reads nodes on
    // every step; a box makes passing a node around one retain, not dozens.
    indirect case ask(Question)
    indirect case offer(Offer)
    case end(outcome: String, outcomeLocation: SourceLocation, say: LocalizedText?)
    case `return`
    /// No kind key: only `when`, `set`, `next` (and `tags`).
    case silent

    public var name: String {
        switch self {
        case .say: return "say"
        case .ask: return "ask"
        case .offer: return "offer"
        case .end: return "end"
        case .return: return "return"
        case .silent: return "step"
        }
    }
}

public enum AnswerType: String, Sendable, CaseIterable {
    case text, number, integer, yesno, choice, multi, scale, nps, date, phone, email
}

public struct Question: Sendable {
    public var text: LocalizedText
    public var type: AnswerType
    public var options: [Option]
    public var min: Decimal?
    public var max: Decimal?
    public var minLocation: SourceLocation?
    /// An ICU regular expression that must match the whole answer (`text`).
    public var pattern: String?
    public var patternLocation: SourceLocation?
    /// Shown when `pattern` does not match.
    public var message: LocalizedText?
    public var optional: Bool
    public var validate: [ValidationRule]
    public var save: Target?
    /// Where `save` is written, for E006.
    public var saveLocation: SourceLocation?

    public init(
        text: LocalizedText, type: AnswerType = .text, options: [Option] = [], min: Decimal? = nil,
        max: Decimal? = nil, minLocation: SourceLocation? = nil, pattern: String? = nil,
        patternLocation: SourceLocation? = nil, message: LocalizedText? = nil, optional: Bool = false,
        validate: [ValidationRule] = [], save: Target? = nil
    ) {
        self.text = text
        self.type = type
        self.options = options
        self.min = min
        self.max = max
        self.minLocation = minLocation
        self.pattern = pattern
        self.patternLocation = patternLocation
        self.message = message
        self.optional = optional
        self.validate = validate
        self.save = save
    }

    public func option(_ key: String) -> Option? {
        options.first { $0.key == key }
    }
}

public struct Option: Sendable {
    public var key: String
    public var label: LocalizedText
    public var goto: String?
    public var gotoLocation: SourceLocation?
    public var location: SourceLocation

    public init(key: String, label: LocalizedText, goto: String? = nil, gotoLocation: SourceLocation? = nil, location: SourceLocation) {
        self.key = key
        self.label = label
        self.goto = goto
        self.gotoLocation = gotoLocation
        self.location = location
    }
}

public struct Offer: Sendable {
    public var text: LocalizedText
    /// Free data such as `sku` and `price`, carried into transcripts and reports.
    public var item: [(key: String, value: Value)]
    public var optional: Bool
    public var save: Target?
    /// Where `save` is written, for E006.
    public var saveLocation: SourceLocation?

    public init(text: LocalizedText, item: [(key: String, value: Value)] = [], optional: Bool = false, save: Target? = nil) {
        self.text = text
        self.item = item
        self.optional = optional
        self.save = save
    }
}

public struct ValidationRule: Sendable {
    public var require: LocatedExpression
    public var message: LocalizedText
    /// A soft rule warns and lets the answer through (Blaise's "signal").
    public var soft: Bool

    public init(require: LocatedExpression, message: LocalizedText, soft: Bool) {
        self.require = require
        self.message = message
        self.soft = soft
    }
}

public enum Next: Sendable {
    case node(String, location: SourceLocation)
    case rules([Rule])
}

public struct Rule: Sendable {
    /// No condition: always holds.
    public var condition: LocatedExpression?
    public var goto: String
    public var gotoLocation: SourceLocation
    public var location: SourceLocation

    public init(condition: LocatedExpression?, goto: String, gotoLocation: SourceLocation, location: SourceLocation) {
        self.condition = condition
        self.goto = goto
        self.gotoLocation = gotoLocation
        self.location = location
    }
}

public struct Assignment: Sendable {
    public var target: Target
    public var targetLocation: SourceLocation
    public var value: LocatedExpression

    public init(target: Target, targetLocation: SourceLocation, value: LocatedExpression) {
        self.target = target
        self.targetLocation = targetLocation
        self.value = value
    }
}

/// Where `save` and `set` write: a declared variable or a card field.
public enum Target: Hashable, Sendable, CustomStringConvertible {
    case variable(String)
    case card(String)

    public var description: String {
        switch self {
        case .variable(let name): return name
        case .card(let field): return "card.\(field)"
        }
    }
}
