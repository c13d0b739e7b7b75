/// The names a script's expressions can read, with their static types, as
/// seen from one node (`answer` depends on the node).
struct ScriptTypeEnvironment: TypeEnvironment {
    /// The script's tables, behind one reference: the type checker takes
    /// the environment by value for every expression, and one retain is
    /// cheaper than one per array and dictionary.
    private final class Tables {
        let nodes: [Node]
        let nodeIndex: [String: Int]
        let variables: [VariableDeclaration]
        let cardFields: [String: CardFieldDeclaration]
        /// Only when several nodes share an id (E004): each ask or offer id's
        /// last such node, whose type the id has (types were once a dictionary
        /// filled in file order). Otherwise an id's node is `nodeIndex[id]`, and
        /// types are worked out when a name is read: no table of every question.
        let answering: [String: Int]?
        let modules: ModuleNames

        init(nodes: [Node], nodeIndex: [String: Int], variables: [VariableDeclaration],
             cardFields: [String: CardFieldDeclaration], answering: [String: Int]?, modules: ModuleNames) {
            self.modules = modules
            self.nodes = nodes
            self.nodeIndex = nodeIndex
            self.variables = variables
            self.cardFields = cardFields
            self.answering = answering
        }
    }

    private let tables: Tables
    private var nodes: [Node] { tables.nodes }
    private var nodeIndex: [String: Int] { tables.nodeIndex }
    private var variables: [VariableDeclaration] { tables.variables }
    var cardFields: [String: CardFieldDeclaration] { tables.cardFields }
    private var answering: [String: Int]? { tables.answering }
    /// The ask or offer node whose answer `answer` is; nil: `answer` is null.
    var answerNode: Int?

    static let callFields = ["operator", "script", "started", "language"]

    init(script: Script, cardFields: [CardFieldDeclaration], modules: ModuleNames = .none) {
        var fields: [String: CardFieldDeclaration] = [:]
        for field in cardFields where fields[field.name] == nil { fields[field.name] = field }
        var answering: [String: Int]?
        if script.nodeIndex.count != script.nodes.count {
            var last: [String: Int] = [:]
            let nodes = script.nodes
            for index in nodes.indices where Self.isAnswerable(nodes[index].kind) { last[nodes[index].id] = index }
            answering = last
        }
        tables = Tables(nodes: script.nodes, nodeIndex: script.nodeIndex, variables: script.variables,
                        cardFields: fields, answering: answering, modules: modules)
    }

    private static func isAnswerable(_ kind: NodeKind) -> Bool {
        switch kind {
        case .ask, .offer: return true
        default: return false
        }
    }

    /// The ask or offer node whose answer the id names.
    private func answeringNode(_ id: String) -> Int? {
        if let answering { return answering[id] }
        guard let index = nodeIndex[id], Self.isAnswerable(nodes[index].kind) else { return nil }
        return index
    }

    /// The ask or offer node whose answer `answer` is at node `index`.
    func answeringNode(forNodeAt index: Int) -> Int? {
        if let answering { return answering[nodes[index].id] }
        return Self.isAnswerable(nodes[index].kind) ? index : nil
    }

    /// The type of an ask or offer node's answer.
    @inline(__always)
    private func answerType(ofNodeAt index: Int) -> ValueType {
        switch nodes[index].kind {
        case .ask(let question): return Self.type(of: question, node: nodes[index].id)
        default: return .bool
        }
    }

    @inline(__always)
    static func type(of question: Question, node: String) -> ValueType {
        switch question.type {
        case .text, .phone, .email: return .string
        case .number: return .number
        case .integer, .scale, .nps: return .integer
        case .yesno: return .bool
        case .choice: return .choice(node: node, keys: question.options.map(\.key))
        case .multi: return .list(.choice(node: node, keys: question.options.map(\.key)))
        case .date: return .date
        case .datetime: return .datetime
        }
    }

    static func type(ofField field: CardFieldDeclaration) -> ValueType {
        switch field.type {
        case .number: return .number
        case .integer, .scale, .nps: return .integer
        case .yesno: return .bool
        case .date: return .date
        case .choice, .multi: return .choice(node: "card.\(field.name)", keys: field.options)
        default: return .string
        }
    }

    static func type(of value: Value) -> ValueType {
        switch value {
        case .null: return .any
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        case .list(let items): return .list(items.first.map { type(of: $0) } ?? .any)
        }
    }

    func type(of name: QualifiedName) -> ValueType? {
        switch name {
        case .answer: return answerNode.map(answerType(ofNodeAt:)) ?? .null
        case .plain(let id):
            if let index = answeringNode(id) { return answerType(ofNodeAt: index) }
            if let variable = variables.first(where: { $0.name == id }) { return Self.type(of: variable.initial) }
            return tables.modules.type(of: id)
        case .card(let field):
            if field == "calls" { return .integer }
            return cardFields[field].map(Self.type(ofField:))
        case .call(let field): return Self.callFields.contains(field) ? .string : nil
        case .last(let id):
            // Workflow 2.3: NODE's type in this script, else text (the
            // answer may come from any script).
            if let index = answeringNode(id) { return answerType(ofNodeAt: index) }
            return .string
        case .task(let field): return Self.taskFieldType(field)
        }
    }

    /// The type of `task.FIELD`, nil for an unknown field.
    static func taskFieldType(_ field: String) -> ValueType? {
        switch field {
        case "kind": return .choice(node: "task.kind", keys: TaskKind.allCases.map(\.rawValue))
        case "note": return .string
        case "attempts": return .integer
        case "due": return .datetime
        default: return nil
        }
    }

    func isQuestion(_ name: String) -> Bool {
        answeringNode(name) != nil || tables.modules.questions.contains(name)
    }

    func candidates(for name: QualifiedName) -> [String] {
        switch name {
        case .plain, .answer:
            // Question ids once each, in file order, then variables.
            var names: [String] = []
            for index in nodes.indices where Self.isAnswerable(nodes[index].kind) {
                if let answering, answering[nodes[index].id] != index { continue }
                names.append(nodes[index].id)
            }
            return names + variables.map(\.name) + tables.modules.candidates
        case .card: return (cardFields.keys.sorted() + ["calls"]).map { "card.\($0)" }
        case .call: return Self.callFields.map { "call.\($0)" }
        case .last: return candidates(for: .answer).map { "last.\($0)" }
        case .task: return QualifiedName.taskFields.map { "task.\($0)" }
        }
    }
}
