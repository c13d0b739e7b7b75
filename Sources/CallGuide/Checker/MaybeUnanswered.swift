/// W104: a question's answer read where some path from `start` reaches the
/// reader without that question answered.
///
/// "Answered on arrival" is a forward must-analysis whose nodes only ever add
/// answers, so its fixpoint is the meet over all paths: a question is
/// answered at a node exactly when every path from `start` passes an
/// always-answered node with its id before reaching it. With one such node
/// `u` that is "`u` strictly dominates the node", an interval test on the
/// dominator tree, so large scripts need no per-node sets of questions.
struct MaybeUnanswered {
    let script: Script
    let graph: ScriptGraph
    let start: Int
    let reachable: [Bool]

    /// Ids are keyed by the position of their first node (`nodeIndex`), so
    /// that a name read costs one hash and the rest are array reads.
    /// isQuestion[key]: a node with this id takes input. Other names
    /// (variables, card and call fields) have a value from the start and
    /// are never unanswered.
    private var isQuestion: [Bool]
    private var hasQuestions = false
    /// answeredBy[key]: the reachable always-answered node with this id; -1
    /// for none, -2 for several (only for duplicate ids, already E004),
    /// which are then in `severalAnsweredBy`.
    private var answeredBy: [Int]
    private var severalAnsweredBy: [Int: [Int]] = [:]
    /// Modules' questions (`closing.nps`) and the `flow` nodes that
    /// answer them whenever their flow returns (9.1).
    private var moduleAnswers = ModuleAnswers()

    init(script: Script, graph: ScriptGraph, start: Int, reachable: [Bool], modules: ModuleNames = .none) {
        self.script = script
        self.graph = graph
        self.start = start
        self.reachable = reachable
        // Fields are read in place (`nodes[index].field`): binding a node to
        // a name copies all of it.
        let nodes = script.nodes
        isQuestion = [Bool](repeating: false, count: nodes.count)
        answeredBy = [Int](repeating: -1, count: nodes.count)
        // Without duplicate ids a node's key is its own position: no hashing.
        if !modules.isEmpty {
            moduleAnswers.questions = modules.questions
            hasQuestions = true
            for index in nodes.indices where reachable[index] && nodes[index].when == nil {
                guard case .flow(let call) = nodes[index].kind else { continue }
                for name in modules.answeredOnReturn(call) { moduleAnswers.answeredBy[name, default: []].append(index) }
            }
        }
        let duplicates = script.nodeIndex.count != nodes.count
        for index in nodes.indices where nodes[index].takesInput {
            let key = duplicates ? script.nodeIndex[nodes[index].id] ?? index : index
            isQuestion[key] = true
            hasQuestions = true
            guard reachable[index] && Self.alwaysAnswered(nodes[index]) else { continue }
            switch answeredBy[key] {
            case -1:
                answeredBy[key] = index
            case -2:
                severalAnsweredBy[key, default: []].append(index)
            case let single:
                severalAnsweredBy[key] = [single, index]
                answeredBy[key] = -2
            }
        }
    }

    /// Whether passing through the node always leaves it answered.
    static func alwaysAnswered(_ node: borrowing Node) -> Bool {
        guard node.when == nil else { return false }
        switch node.kind {
        case .ask(let question): return !question.optional
        case .offer(let offer): return !offer.optional
        default: return false
        }
    }

    /// W104 for every node reachable from `start`, in file order: each
    /// node's expressions are read against the dominator tree.
    func run() -> [Diagnostic] {
        guard hasQuestions else { return [] }
        let tree = DominatorTree(root: start, order: graph.reversePostorder(from: start), predecessors: graph.predecessors)
        var reader = Reader(
            nodes: script.nodes, nodeIndex: script.nodeIndex, isQuestion: isQuestion, moduleAnswers: moduleAnswers,
            answers: Answers(start: start, graph: graph, tree: tree, answeredBy: answeredBy, severalAnsweredBy: severalAnsweredBy))
        for index in script.nodes.indices where reachable[index] { read(index, into: &reader) }
        return reader.diagnostics
    }

    /// Reads one node's expressions, its fields in place.
    private func read(_ index: Int, into reader: inout Reader) {
        let nodes = script.nodes
        reader.begin(index)
        if let when = nodes[index].when { reader.inspect(when, after: false) }
        reader.inspect(nodes[index].hint)
        switch nodes[index].kind {
        case .say(let text): reader.inspect(text)
        case .ask(let question):
            // By position: binding each option or rule copies all of it.
            reader.inspect(question.text)
            let options = question.options
            for option in options.indices { reader.inspect(options[option].label) }
            let validate = question.validate
            for rule in validate.indices { reader.inspect(validate[rule].require, after: true) }
        case .offer(let offer): reader.inspect(offer.text)
        case .end(_, _, let say): reader.inspect(say)
        case .return, .silent: break
        case .flow(let call):
            for assignment in call.with.indices { reader.inspect(call.with[assignment].value, after: false) }
        }
        let set = nodes[index].set
        for assignment in set.indices {
            reader.inspect(set[assignment].value, after: true)
        }
        // A task is made after the node's answer, as `set` is applied.
        if let task = nodes[index].task {
            if let due = task.due { reader.inspect(due, after: true) }
            if let to = task.to { reader.inspect(to, after: true) }
            reader.inspect(task.note, after: true)
        }
        if case .rules(let rules)? = nodes[index].next {
            var answeredAfter: Bool?
            for rule in rules.indices {
                if let condition = rules[rule].condition {
                    if answeredAfter == nil {
                        // A flow node's rules are read once its module has returned.
                        if case .flow = nodes[index].kind { answeredAfter = true } else { answeredAfter = MaybeUnanswered.alwaysAnswered(nodes[index]) }
                    }
                    reader.inspect(condition, after: answeredAfter!)
                }
            }
        }
    }
}

/// Walks the expressions of one node after another and reports W104. Plain
/// loops over its own fields: a node that reads nothing costs no allocation,
/// and guards are looked at only for a name that is otherwise unanswered.
private struct Reader {
    let nodes: [Node]
    let nodeIndex: [String: Int]
    let isQuestion: [Bool]
    var moduleAnswers: ModuleAnswers
    var answers: Answers
    var diagnostics: [Diagnostic] = []

    /// The node being read. Its id and `when` are looked up only for a name
    /// that is otherwise unanswered (rare), not copied for every node.
    private var index = 0
    /// Names already reported at this node (reported once per node).
    private var reported: [String] = []

    init(nodes: [Node], nodeIndex: [String: Int], isQuestion: [Bool], moduleAnswers: ModuleAnswers, answers: Answers) {
        self.nodes = nodes
        self.nodeIndex = nodeIndex
        self.isQuestion = isQuestion
        self.moduleAnswers = moduleAnswers
        self.answers = answers
    }

    mutating func begin(_ index: Int) {
        self.index = index
        if !reported.isEmpty { reported.removeAll(keepingCapacity: true) }
    }

    mutating func inspect(_ located: LocatedExpression, after: Bool) {
        visit(located.expression.root, in: located.expression.root, after: after, position: located.position, base: 0)
    }

    mutating func inspect(_ text: LocalizedText?, after: Bool = false) {
        guard let text else { return }
        text.forEachHole { expression, start, position in
            visit(expression.root, in: expression.root, after: after, position: position, base: start)
        }
    }

    /// The names `node` reads, in source order (as `Expression.references`).
    private mutating func visit(_ node: ExpressionNode, in root: ExpressionNode, after: Bool, position: ScalarPosition, base: Int) {
        switch node {
        case .literal:
            break
        case .list(let items, _):
            for item in items { visit(item, in: root, after: after, position: position, base: base) }
        case .name(let name, let offset):
            if case .plain(let id) = name {
                read(id, at: offset, in: root, after: after, position: position, base: base)
            }
        case .unary(_, let operand, _):
            visit(operand, in: root, after: after, position: position, base: base)
        case .binary(_, let left, let right, _):
            visit(left, in: root, after: after, position: position, base: base)
            visit(right, in: root, after: after, position: position, base: base)
        case .call(_, let arguments, _):
            for argument in arguments { visit(argument, in: root, after: after, position: position, base: base) }
        }
    }

    private mutating func read(_ id: String, at offset: Int, in root: ExpressionNode, after: Bool, position: ScalarPosition, base: Int) {
        if let key = nodeIndex[id] {
            guard isQuestion[key] else { return }
            if answers.isAnswered(key, at: index) { return }
        } else {
            guard moduleAnswers.questions.contains(id) else { return }
            if moduleAnswers.isAnswered(id, at: index, start: answers.start, graph: answers.graph) { return }
            // A flow node's `set`, `task` and rules run after its module returned.
            if after, moduleAnswers.answeredBy[id]?.contains(index) == true { return }
        }
        let nodeID = nodes[index].id
        if after, id == nodeID { return }
        if Self.guards(root, id) { return }
        if let when = nodes[index].when, Self.guards(when.expression.root, id) { return }
        if reported.contains(id) { return }
        reported.append(id)
        diagnostics.append(Diagnostic(.W104, "'\(id)' may be unanswered here: some path reaches '\(nodeID)' without it (guard with 'when: answered(\(id))')", at: position.location(ofOffset: base + offset)))
    }

    /// Whether `node` being true implies `answered(name)`: `answered(name)`,
    /// possibly among others joined by `and` (as `answeredGuards`).
    private static func guards(_ node: ExpressionNode, _ name: String) -> Bool {
        switch node {
        case .call("answered", let arguments, _):
            if arguments.count == 1, case .name(.plain(let argument), _) = arguments[0] { return argument == name }
            return false
        case .binary(.and, let left, let right, _):
            return guards(left, name) || guards(right, name)
        default:
            return false
        }
    }
}

/// Module questions read outside their module: answered on arrival at a
/// node when no path from `start` reaches it without passing a `flow` node
/// that answers them (`ModuleNames.answeredOnReturn`).
private struct ModuleAnswers {
    var questions: Set<String> = []
    var answeredBy: [String: [Int]] = [:]
    private var reachedWithout: [String: [Bool]] = [:]

    mutating func isAnswered(_ name: String, at node: Int, start: Int, graph: ScriptGraph) -> Bool {
        guard node != start, let flows = answeredBy[name] else { return false }
        if let reached = reachedWithout[name] { return !reached[node] }
        let blocking = Set(flows)
        let reached = graph.reachable(from: [start], stoppingAt: blocking.contains)
        reachedWithout[name] = reached
        return !reached[node]
    }
}

/// Whether a question is answered on arrival at a node reachable from `start`.
private struct Answers: Sendable {
    let start: Int
    let graph: ScriptGraph
    let tree: DominatorTree
    /// By key, as `MaybeUnanswered.answeredBy`.
    let answeredBy: [Int]
    let severalAnsweredBy: [Int: [Int]]
    /// For an id with several always-answered nodes: the nodes reached from
    /// `start` without passing any of them, found when the id is first read.
    private var reachedWithout: [Int: [Bool]] = [:]

    init(start: Int, graph: ScriptGraph, tree: DominatorTree, answeredBy: [Int], severalAnsweredBy: [Int: [Int]]) {
        self.start = start
        self.graph = graph
        self.tree = tree
        self.answeredBy = answeredBy
        self.severalAnsweredBy = severalAnsweredBy
    }

    /// `key`: the id's key (see `MaybeUnanswered.isQuestion`).
    mutating func isAnswered(_ key: Int, at node: Int) -> Bool {
        guard node != start else { return false }
        let answering = answeredBy[key]
        if answering >= 0 {
            return answering != node && tree.dominates(answering, node)
        }
        guard answering == -2, let several = severalAnsweredBy[key] else { return false }
        // Duplicate ids (E004): no single node need lie on every path, but
        // together they may. Answered when no path reaches the node without
        // first passing one of them (the node itself is only reached, and a
        // path's first arrival at it passes it nowhere before). One linear
        // search per such id that is read, kept for the other readers.
        if let reached = reachedWithout[key] { return !reached[node] }
        let blocking = Set(several)
        let reached = graph.reachable(from: [start], stoppingAt: blocking.contains)
        reachedWithout[key] = reached
        return !reached[node]
    }
}
