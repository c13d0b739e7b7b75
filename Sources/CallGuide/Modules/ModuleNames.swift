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
            let nodes = script.nodes
            // By position: binding each node to a name copies all of it.
            for index in nodes.indices {
                let name = alias + "." + nodes[index].id
                switch nodes[index].kind {
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
    ///
    /// A question is answered at every return when its always-answered
    /// node dominates each return reachable from the entry: one dominator
    /// tree per flow, then a constant-time test per question and return.
    func answeredOnReturn(_ call: FlowCall) -> [String] {
        guard let module = modules[call.alias] else { return [] }
        let script = module.script
        let nodes = script.nodes
        guard let entry = script.nodeIndex[call.node ?? script.start] else { return [] }
        let graph = ScriptGraph(script)
        let order = graph.reversePostorder(from: entry)
        var reached = [Bool](repeating: false, count: nodes.count)
        for index in order { reached[index] = true }
        let returns = order.filter { if case .return = nodes[$0].kind { return true } else { return false } }
        let tree = DominatorTree(root: entry, order: order, predecessors: graph.predecessors)
        var answered: [String] = []
        for index in order where MaybeUnanswered.alwaysAnswered(nodes[index]) {
            if returns.allSatisfy({ $0 != index && tree.dominates(index, $0) }) {
                answered.append(call.alias + "." + nodes[index].id)
            }
        }
        return answered
    }

    /// Whether the module, run from the flow's entry, can ask an NPS
    /// question (for W102 in the caller).
    func asksNPS(_ call: FlowCall) -> Bool {
        guard let module = modules[call.alias] else { return false }
        let script = module.script
        guard let entry = script.nodeIndex[call.node ?? script.start] else { return false }
        let reached = ScriptGraph(script).reachable(from: [entry])
        return script.nodes.indices.contains { index in
            guard reached[index], case .ask(let question) = script.nodes[index].kind else { return false }
            return question.type == .nps
        }
    }
}
