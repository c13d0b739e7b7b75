import Foundation

/// A loaded call script: the typed form of one YAML file (script language,
/// section 1). Everything keeps its source location so later stages can
/// still point at the file.
public struct Script: Sendable {
    public var id: String
    /// Integer or string as written; recorded in every transcript.
    public var version: Value
    public var title: LocalizedLabel?
    /// Default language of localized texts.
    public var language: String?
    /// The first node's id (`start`, else the first node in `nodes`).
    public var start: String
    public var startLocation: SourceLocation
    public var variables: [VariableDeclaration]
    public var cardFields: [CardFieldDeclaration]
    public var outcomes: [OutcomeDeclaration]
    public var handlers: [HandlerDeclaration]
    /// In file order: the order decides fall-through (section 2.1).
    public var nodes: [Node]
    /// Node id -> position in `nodes`.
    public var nodeIndex: [String: Int]
    /// Typical questions with their answers (section 9.2), in file order:
    /// what `?WORDS` looks up at any question.
    public var faq: [FAQEntry] = []
    /// `use:`: the modules this file names, in file order (9.1).
    public var uses: [ModuleUse] = []
    /// `module: true`: the file is a module, checked as one on its own
    /// and refused by `run` (9.1).
    public var isModule = false
    /// Once linked: the modules whose nodes follow the script's own in
    /// `nodes`, nested ones as `a.b`, in the order they were linked.
    public var modules: [LinkedModule] = []
    /// Once linked: bare handler names that reach a module's handler
    /// (`price` -> `objections.price`), for those no other handler shares.
    public var handlerAliases: [String: String] = [:]

    public init(
        id: String, version: Value = .null, title: LocalizedLabel? = nil, language: String? = nil,
        start: String, startLocation: SourceLocation = .unknown,
        variables: [VariableDeclaration] = [], cardFields: [CardFieldDeclaration] = [],
        outcomes: [OutcomeDeclaration] = [], handlers: [HandlerDeclaration] = [], nodes: [Node]
    ) {
        self.init(
            id: id, version: version, title: title, language: language, start: start, startLocation: startLocation,
            variables: variables, cardFields: cardFields, outcomes: outcomes, handlers: handlers,
            nodes: nodes, nodeIndex: Self.firstPositions(of: nodes))
    }

    /// Each id's first position in `nodes`.
    static func firstPositions(of nodes: [Node]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(nodes.count)
        // By index: binding each node to a name would copy all of it.
        for i in nodes.indices { index.insertIfAbsent(nodes[i].id, i) }
        return index
    }

    /// A script whose `nodeIndex` was built while its nodes were decoded,
    /// so that loading does not insert every id again. `nodeIndex` must map each id of
    /// `nodes` to the position of its first node, as the public init
    /// does (tests compare the two).
    init(
        id: String, version: Value, title: LocalizedLabel?, language: String?,
        start: String, startLocation: SourceLocation,
        variables: [VariableDeclaration], cardFields: [CardFieldDeclaration],
        outcomes: [OutcomeDeclaration], handlers: [HandlerDeclaration], nodes: [Node], nodeIndex: [String: Int]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.language = language
        self.start = start
        self.startLocation = startLocation
        self.variables = variables
        self.cardFields = cardFields
        self.outcomes = outcomes
        self.handlers = handlers
        self.nodes = nodes
        self.nodeIndex = nodeIndex
    }

    public func node(_ id: String) -> Node? {
        nodeIndex[id].map { nodes[$0] }
    }

    public func handler(_ name: String) -> HandlerDeclaration? {
        handlers.first { $0.name == name }
    }

    /// The handler `!NAME` invokes: its own name, else the one module
    /// handler of that bare name (9.1).
    public func invokedHandler(_ name: String) -> HandlerDeclaration? {
        handler(name) ?? handlerAliases[name].flatMap(handler)
    }

    /// The module a linked node belongs to (the innermost), nil for the
    /// script's own nodes.
    public func module(ofNodeAt index: Int) -> LinkedModule? {
        modules.last { $0.nodes.contains(index) }
    }

    public func variable(_ name: String) -> VariableDeclaration? {
        variables.first { $0.name == name }
    }
}

public struct VariableDeclaration: Sendable {
    public var name: String
    public var initial: Value
    public var location: SourceLocation

    public init(name: String, initial: Value, location: SourceLocation) {
        self.name = name
        self.initial = initial
        self.location = location
    }
}

/// A typed custom card field, declared by a script or by `callguide.yaml`.
public struct CardFieldDeclaration: Sendable {
    public var name: String
    public var type: AnswerType
    public var options: [String]
    public var location: SourceLocation

    public init(name: String, type: AnswerType, options: [String] = [], location: SourceLocation) {
        self.name = name
        self.type = type
        self.options = options
        self.location = location
    }

    /// The card fields every card has, whatever the configuration says.
    public static let builtIn: [CardFieldDeclaration] = [
        .init(name: "id", type: .text, location: .unknown),
        .init(name: "phone", type: .phone, location: .unknown),
        .init(name: "name", type: .text, location: .unknown),
        .init(name: "email", type: .email, location: .unknown),
        .init(name: "company", type: .text, location: .unknown),
        .init(name: "region", type: .text, location: .unknown),
        .init(name: "status", type: .text, location: .unknown),
    ]
}

public struct OutcomeDeclaration: Sendable {
    public var name: String
    /// Localizable like any text (section 6); the name when not given.
    public var label: LocalizedLabel
    /// A converted call counts as a sale in reports.
    public var converted: Bool
    public var location: SourceLocation

    public init(name: String, label: LocalizedLabel, converted: Bool, location: SourceLocation) {
        self.name = name
        self.label = label
        self.converted = converted
        self.location = location
    }
}

public struct HandlerDeclaration: Sendable {
    public var name: String
    /// Localizable like any text (section 6); the name when not given.
    public var label: LocalizedLabel
    public var start: String
    public var location: SourceLocation
    public var startLocation: SourceLocation

    public init(name: String, label: LocalizedLabel, start: String, location: SourceLocation, startLocation: SourceLocation) {
        self.name = name
        self.label = label
        self.start = start
        self.location = location
        self.startLocation = startLocation
    }
}

extension Dictionary {
    /// Adds `value` under `key` unless the key is there already (the first
    /// occurrence wins), with one hash lookup: the `default:` subscript's
    /// mutable access inserts the default only when the key is missing.
    mutating func insertIfAbsent(_ key: Key, _ value: Value) {
        Self.touch(&self[key, default: value])
    }

    private static func touch(_: inout Value) {}
}
