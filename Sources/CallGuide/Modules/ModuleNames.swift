/// What a script's checker knows of its modules (script language 9.1):
/// the types of the `ALIAS.NODE` and `ALIAS.VAR` names callers may read,
/// and which of a module's questions are always answered when its flow
/// returns, so that W104 sees through `flow:` nodes.
struct ModuleNames {
    /// Qualified name -> type, for every question and variable of every
    /// module (nested ones as `a.b.NODE`).
    private(set) var types: [String: ValueType] = [:]
    /// The qualified names that are questions (they may be unanswered).
    private(set) var questions: Set<String> = []
    /// Qualified names in the order the modules declare them, for "did
    /// you mean".
    private(set) var candidates: [String] = []
    private let modules: [String: LoadedModule]
    /// Aliases of `use:` whose module could not be loaded (E017, E018):
    /// their names read as `any`, so that one mistake gives one diagnostic.
    private let unloaded: Set<String>

    static let none = ModuleNames(modules: [:])

    init(modules: [String: LoadedModule], uses: [ModuleUse] = []) {
        self.modules = modules
        unloaded = Set(uses.map(\.alias).filter { modules[$0] == nil })
        for alias in modules.keys.sorted() {
            let script = modules[alias]!.script
            for node in script.nodes {
                let name = alias + "." + node.id
                switch node.kind {
                case .ask(let question): types[name] = ScriptTypeEnvironment.type(of: question, node: name)
                case .offer: types[name] = .bool
                default: continue
                }
                questions.insert(name)
                candidates.append(name)
            }
            for variable in script.variables {
                let name = alias + "." + variable.name
                types[name] = ScriptTypeEnvironment.type(of: variable.initial)
                candidates.append(name)
            }
        }
    }

    var isEmpty: Bool { modules.isEmpty }

    /// The type of a qualified name: a module's question or variable,
    /// `any` for any name of a module that could not be loaded.
    func type(of name: String) -> ValueType? {
        if let type = types[name] { return type }
        if !unloaded.isEmpty, let dot = name.firstIndex(of: "."), unloaded.contains(String(name[..<dot])) { return .any }
        return nil
    }

    /// The qualified names of the module's questions that every path from
    /// the flow's entry to a `return` of the module's own flow answers.
    func answeredOnReturn(_ call: FlowCall) -> [String] {
        guard let module = modules[call.alias] else { return [] }
        let script = module.script
        guard let entry = script.nodeIndex[call.node ?? script.start] else { return [] }
        let graph = ScriptGraph(script)
        let returns = script.nodes.indices.filter { if case .return = script.nodes[$0].kind { return true } else { return false } }
        let reached = graph.reachable(from: [entry])
        let reachedReturns = returns.filter { reached[$0] }
        var answered: [String] = []
        for index in script.nodes.indices where reached[index] && MaybeUnanswered.alwaysAnswered(script.nodes[index]) {
            let without = graph.reachable(from: [entry]) { $0 == index }
            if !reachedReturns.contains(where: { $0 != index && without[$0] }) {
                answered.append(call.alias + "." + script.nodes[index].id)
            }
        }
        return answered
    }
}
