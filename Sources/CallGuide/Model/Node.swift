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
    /// `task:` and `transfer:`, boxed: few nodes have them, and every
    /// pass over `nodes` would otherwise carry their bytes in each node.
    private var work: WorkBox?

    private final class WorkBox: Sendable {
        let task: TaskSpec?
        let transfer: TransferSpec?
        init(task: TaskSpec?, transfer: TransferSpec?) {
            self.task = task
            self.transfer = transfer
        }
    }

    /// `task:`: the task the node makes when it completes (workflow 2.1).
    public var task: TaskSpec? {
        get { work?.task }
        set { work = Self.box(task: newValue, transfer: transfer) }
    }
    /// `transfer:` of an `end` node (workflow 2.2).
    public var transfer: TransferSpec? {
        get { work?.transfer }
        set { work = Self.box(task: task, transfer: newValue) }
    }

    private static func box(task: TaskSpec?, transfer: TransferSpec?) -> WorkBox? {
        task == nil && transfer == nil ? nil : WorkBox(task: task, transfer: transfer)
    }
    /// A node whose kind could not be decoded (an error was reported): it
    /// stands in as a silent step with its `next`, so that references to it
    /// resolve and the flow around it goes on, and the flow checks say
    /// nothing more about it (one mistake, one diagnostic; issue 16).
    public var isPlaceholder = false

    public init(
        id: String, location: SourceLocation, kind: NodeKind, when: LocatedExpression? = nil,
        next: Next? = nil, set: [Assignment] = [], hint: LocalizedText? = nil, tags: [String] = [],
        task: TaskSpec? = nil, transfer: TransferSpec? = nil
    ) {
        self.id = id
        self.location = location
        self.kind = kind
        self.when = when
        self.next = next
        self.set = set
        self.hint = hint
        self.tags = tags
        work = Self.box(task: task, transfer: transfer)
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
    /// A question keeps its fields in a box of its own (see `Question`).
    case ask(Question)
    // Boxed: an offer is large, and the engine reads nodes on every step;
    // a box makes passing a node around one retain, not dozens.
    indirect case offer(Offer)
    case end(outcome: String, outcomeLocation: SourceLocation, say: LocalizedText?)
    case `return`
    /// `flow: ALIAS[.NODE]`: runs a module until its `return`, then goes
    /// on (script language 9.1). Boxed: few nodes are flows.
    indirect case flow(FlowCall)
    /// No kind key: only `when`, `set`, `next` (and `tags`).
    case silent

    /// Whether the node ends the call or returns from a handler. Asking
    /// (rather than switching on the kind) reads no payload.
    var isEndOrReturn: Bool {
        switch self {
        case .end, .return: return true
        case .say, .ask, .offer, .silent, .flow: return false
        }
    }

    /// The question of a `choice` question, the one kind whose options lead
    /// elsewhere.
    var choiceQuestion: Question? {
        if case .ask(let question) = self, question.type == .choice { return question }
        return nil
    }

    public var name: String {
        switch self {
        case .say: return "say"
        case .ask: return "ask"
        case .offer: return "offer"
        case .end: return "end"
        case .return: return "return"
        case .flow: return "flow"
        case .silent: return "step"
        }
    }
}

/// A `flow:` node's call of a module (script language 9.1).
public struct FlowCall: Sendable {
    /// The alias under `use:`, as written.
    public var alias: String
    /// `flow: ALIAS.NODE`: the module's node to start at (nil: its `start`).
    public var node: String?
    /// Where `flow:`'s value is written.
    public var location: SourceLocation
    /// `with: {VAR: EXPR}`: the module's variables set on entry, read in
    /// the caller's names; targets are the module's own variable names.
    public var with: [Assignment]
    /// The node the flow enters, as an id of the linked script
    /// (`closing.intro`); set when modules are linked.
    public var target: String?

    public init(alias: String, node: String?, location: SourceLocation, with: [Assignment] = [], target: String? = nil) {
        self.alias = alias
        self.node = node
        self.location = location
        self.with = with
        self.target = target
    }
}

public enum AnswerType: String, Sendable, CaseIterable {
    case text, number, integer, yesno, choice, multi, scale, nps, date, datetime, phone, email
}

/// A question of an `ask` node. Its fields live in one immutable box, so
/// that copying a question (out of its node, into a check or an engine
/// step) is one reference count instead of one per text, list and name:
/// every pass of the checker and every step of a call reads questions.
/// Setting a field makes a new box; questions are only built at load time.
public struct Question: Sendable {
    private struct Fields: Sendable {
        var text: LocalizedText
        var options: [Option]
        var min: Decimal?
        var max: Decimal?
        var minLocation: SourceLocation?
        var pattern: String?
        var patternLocation: SourceLocation?
        var message: LocalizedText?
        var validate: [ValidationRule]
        var save: Target?
        var saveLocation: SourceLocation?
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box
    /// Kept beside the box, not in it: the flow graph and the checks ask
    /// every node for these, and the box is a separate piece of memory
    /// (a cache miss per question when nodes are read one after another).
    public var type: AnswerType
    public var optional: Bool

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }

    public var text: LocalizedText {
        get { box.fields.text }
        set { update { $0.text = newValue } }
    }
    public var options: [Option] {
        get { box.fields.options }
        set { update { $0.options = newValue } }
    }
    public var min: Decimal? {
        get { box.fields.min }
        set { update { $0.min = newValue } }
    }
    public var max: Decimal? {
        get { box.fields.max }
        set { update { $0.max = newValue } }
    }
    public var minLocation: SourceLocation? {
        get { box.fields.minLocation }
        set { update { $0.minLocation = newValue } }
    }
    /// An ICU regular expression that must match the whole answer (`text`).
    public var pattern: String? {
        get { box.fields.pattern }
        set { update { $0.pattern = newValue } }
    }
    public var patternLocation: SourceLocation? {
        get { box.fields.patternLocation }
        set { update { $0.patternLocation = newValue } }
    }
    /// Shown when `pattern` does not match.
    public var message: LocalizedText? {
        get { box.fields.message }
        set { update { $0.message = newValue } }
    }
    public var validate: [ValidationRule] {
        get { box.fields.validate }
        set { update { $0.validate = newValue } }
    }
    public var save: Target? {
        get { box.fields.save }
        set { update { $0.save = newValue } }
    }
    /// Where `save` is written, for E006.
    public var saveLocation: SourceLocation? {
        get { box.fields.saveLocation }
        set { update { $0.saveLocation = newValue } }
    }

    public init(
        text: LocalizedText,
        type: AnswerType = .text,
        options: [Option] = [],
        min: Decimal? = nil,
        max: Decimal? = nil,
        minLocation: SourceLocation? = nil,
        pattern: String? = nil,
        patternLocation: SourceLocation? = nil,
        message: LocalizedText? = nil,
        optional: Bool = false,
        validate: [ValidationRule] = [],
        save: Target? = nil,
        saveLocation: SourceLocation? = nil
    ) {
        box = Box(Fields(text: text, options: options, min: min, max: max, minLocation: minLocation, pattern: pattern, patternLocation: patternLocation, message: message, validate: validate, save: save, saveLocation: saveLocation))
        self.type = type
        self.optional = optional
    }

    public func option(_ key: String) -> Option? {
        options.first { $0.key == key }
    }
}

/// Shows a question's fields (not its box) when it is printed or dumped.
extension Question: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: [
            "text": text as Any,
            "type": type as Any,
            "options": options as Any,
            "min": min as Any,
            "max": max as Any,
            "minLocation": minLocation as Any,
            "pattern": pattern as Any,
            "patternLocation": patternLocation as Any,
            "message": message as Any,
            "optional": optional as Any,
            "validate": validate as Any,
            "save": save as Any,
            "saveLocation": saveLocation as Any,
        ], displayStyle: .struct)
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
