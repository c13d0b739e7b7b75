/// The names a script's expressions can read, with their static types, as
/// seen from one node (`answer` depends on the node).
struct ScriptTypeEnvironment: TypeEnvironment {
    let script: Script
    let cardFields: [String: CardFieldDeclaration]
    let questionTypes: [String: ValueType]
    var currentAnswer: ValueType = .null

    static let callFields = ["operator", "script", "started", "language"]

    init(script: Script, cardFields: [CardFieldDeclaration]) {
        self.script = script
        var fields: [String: CardFieldDeclaration] = [:]
        for field in cardFields where fields[field.name] == nil { fields[field.name] = field }
        self.cardFields = fields
        var types: [String: ValueType] = [:]
        let nodes = script.nodes
        for index in nodes.indices {
            switch nodes[index].kind {
            case .ask(let question): types[nodes[index].id] = Self.type(of: question, node: nodes[index].id)
            case .offer: types[nodes[index].id] = .bool
            default: break
            }
        }
        self.questionTypes = types
    }

    static func type(of question: Question, node: String) -> ValueType {
        switch question.type {
        case .text, .phone, .email: return .string
        case .number: return .number
        case .integer, .scale, .nps: return .integer
        case .yesno: return .bool
        case .choice: return .choice(node: node, keys: question.options.map(\.key))
        case .multi: return .list(.choice(node: node, keys: question.options.map(\.key)))
        case .date: return .date
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
        case .answer: return currentAnswer
        case .plain(let id):
            if let type = questionTypes[id] { return type }
            if let variable = script.variable(id) { return Self.type(of: variable.initial) }
            return nil
        case .card(let field): return cardFields[field].map(Self.type(ofField:))
        case .call(let field): return Self.callFields.contains(field) ? .string : nil
        }
    }

    func isQuestion(_ name: String) -> Bool {
        questionTypes[name] != nil
    }

    func candidates(for name: QualifiedName) -> [String] {
        switch name {
        case .plain, .answer:
            return Array(questionTypes.keys) + script.variables.map(\.name)
        case .card: return cardFields.keys.map { "card.\($0)" }
        case .call: return Self.callFields.map { "call.\($0)" }
        }
    }
}
