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

    /// Ids of the nodes that take input: other names (variables, card and
    /// call fields) have a value from the start and are never unanswered.
    private var questions: Set<String> = []
    /// Reachable always-answered nodes by id; several only for duplicate ids
    /// (already E004).
    private var answeredBy: [String: [Int]] = [:]

    init(script: Script, graph: ScriptGraph, start: Int, reachable: [Bool]) {
        self.script = script
        self.graph = graph
        self.start = start
        self.reachable = reachable
        // Fields are read in place (`nodes[index].field`): binding a node to
        // a name copies all of it.
        let nodes = script.nodes
        for index in nodes.indices where nodes[index].takesInput {
            questions.insert(nodes[index].id)
            if reachable[index] && alwaysAnswered(index) { answeredBy[nodes[index].id, default: []].append(index) }
        }
    }

    /// Whether passing through the node always leaves it answered.
    private func alwaysAnswered(_ index: Int) -> Bool {
        let nodes = script.nodes
        guard nodes[index].when == nil else { return false }
        switch nodes[index].kind {
        case .ask(let question): return !question.optional
        case .offer(let offer): return !offer.optional
        default: return false
        }
    }

    func run() -> [Diagnostic] {
        guard !questions.isEmpty else { return [] }
        let order = reversePostorder()
        let tree = DominatorTree(root: start, order: order, predecessors: graph.predecessors)
        var answers = Answers(start: start, graph: graph, tree: tree, answeredBy: answeredBy)
        var diagnostics: [Diagnostic] = []
        for index in order {
            diagnostics += check(index, answers: &answers)
        }
        return diagnostics
    }

    private func reversePostorder() -> [Int] {
        var visited = [Bool](repeating: false, count: script.nodes.count)
        var postorder: [Int] = []
        var stack: [(Int, Int)] = [(start, 0)]
        visited[start] = true
        while let (node, edge) = stack.last {
            let successors = graph.successors[node]
            if edge < successors.count {
                stack[stack.count - 1].1 += 1
                let next = successors[edge]
                if !visited[next] {
                    visited[next] = true
                    stack.append((next, 0))
                }
            } else {
                postorder.append(node)
                stack.removeLast()
            }
        }
        return postorder.reversed()
    }

    private func check(_ index: Int, answers: inout Answers) -> [Diagnostic] {
        let nodes = script.nodes
        let nodeID = nodes[index].id
        var diagnostics: [Diagnostic] = []
        var reported = Set<String>()
        let guards = nodes[index].when?.expression.answeredGuards ?? []
        func isAnswered(_ name: String, after: Bool) -> Bool {
            if guards.contains(name) { return true }
            if after, name == nodeID { return true }
            guard questions.contains(name) else { return true }
            return answers.isAnswered(name, at: index)
        }
        func inspect(_ expression: Expression, after: Bool, locate: (Int) -> SourceLocation) {
            let own = expression.answeredGuards
            for (name, offset) in expression.references {
                guard case .plain(let id) = name, !own.contains(id), !isAnswered(id, after: after) else { continue }
                guard reported.insert(id).inserted else { continue }
                diagnostics.append(Diagnostic(.W104, "'\(id)' may be unanswered here: some path reaches '\(nodeID)' without it (guard with 'when: answered(\(id))')", at: locate(offset)))
            }
        }
        func inspect(_ text: LocalizedText?) {
            for variant in text?.variants ?? [] {
                for case .expression(let expression, let start) in variant.template.parts {
                    inspect(expression, after: false) { variant.position.location(ofOffset: start + $0) }
                }
            }
        }
        if let when = nodes[index].when { inspect(when.expression, after: false, locate: when.location(ofOffset:)) }
        inspect(nodes[index].hint)
        switch nodes[index].kind {
        case .say(let text): inspect(text)
        case .ask(let question):
            inspect(question.text)
            question.options.forEach { inspect($0.label) }
            for rule in question.validate { inspect(rule.require.expression, after: true, locate: rule.require.location(ofOffset:)) }
        case .offer(let offer): inspect(offer.text)
        case .end(_, _, let say): inspect(say)
        case .return, .silent: break
        }
        for assignment in nodes[index].set {
            inspect(assignment.value.expression, after: true, locate: assignment.value.location(ofOffset:))
        }
        if case .rules(let rules)? = nodes[index].next {
            for rule in rules {
                if let condition = rule.condition {
                    inspect(condition.expression, after: alwaysAnswered(index), locate: condition.location(ofOffset:))
                }
            }
        }
        return diagnostics
    }
}

/// Whether a question is answered on arrival at a node reachable from `start`.
private struct Answers {
    let start: Int
    let graph: ScriptGraph
    let tree: DominatorTree
    let answeredBy: [String: [Int]]
    /// For an id with several always-answered nodes: the nodes reached from
    /// `start` without passing any of them, found when the id is first read.
    private var reachedWithout: [String: [Bool]] = [:]

    init(start: Int, graph: ScriptGraph, tree: DominatorTree, answeredBy: [String: [Int]]) {
        self.start = start
        self.graph = graph
        self.tree = tree
        self.answeredBy = answeredBy
    }

    mutating func isAnswered(_ name: String, at node: Int) -> Bool {
        guard node != start, let answering = answeredBy[name] else { return false }
        if answering.count == 1 {
            return answering[0] != node && tree.dominates(answering[0], node)
        }
        // Duplicate ids (E004): no single node need lie on every path, but
        // together they may. Answered when no path reaches the node without
        // first passing one of them (the node itself is only reached, and a
        // path's first arrival at it passes it nowhere before). One linear
        // search per such id that is read, kept for the other readers.
        if let reached = reachedWithout[name] { return !reached[node] }
        let blocking = Set(answering)
        let reached = graph.reachable(from: [start], stoppingAt: blocking.contains)
        reachedWithout[name] = reached
        return !reached[node]
    }
}
