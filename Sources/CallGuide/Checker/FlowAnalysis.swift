/// The graph checks of section 8: running off the end (E010), `return`
/// outside handlers (E011), dead ends (E015), loops that need no input
/// (E016), unreachable nodes (W101), questions after NPS (W102) and names
/// that may be unanswered (W104).
struct FlowAnalysis {
    let script: Script
    let graph: ScriptGraph
    /// The modules the script uses, for W104 through `flow:` nodes.
    let modules: ModuleNames
    private var diagnostics: [Diagnostic] = []

    init(script: Script, graph: ScriptGraph, modules: ModuleNames = .none) {
        self.script = script
        self.graph = graph
        self.modules = modules
    }

    mutating func run() -> [Diagnostic] {
        guard !script.nodes.isEmpty else { return [] }
        let nodes = script.nodes
        // A misspelt start (E006) is taken for the node suggested, as a
        // misspelt goto is (`ScriptGraph`); one close to no node leaves
        // reachability unknown.
        let names = NodeNames(script.nodeIndex)
        func resolve(_ id: String) -> Int? { names.index[id] ?? names.suggestedTarget(for: id) }
        let startIndex = resolve(script.start)
        let handlerStarts = script.handlers.compactMap { resolve($0.start) }
        let startsKnown = startIndex != nil && handlerStarts.count == script.handlers.count
        let fromStart = graph.reachable(from: startIndex.map { [$0] } ?? [])
        let fromHandlers = graph.reachable(from: handlerStarts)

        for index in graph.runsOff.members {
            diagnostics.append(Diagnostic(.E010, "'\(nodes[index].id)' is the last node and can run off the end of 'nodes': give it a 'next', or end the call with an 'end' node", at: nodes[index].location))
        }

        // A reachable reference to no node and to nothing close to one
        // (E006) may have been meant for any node: which nodes can be
        // reached is then unknown, and W101 says nothing.
        let reachabilityKnown = startsKnown && !nodes.indices.contains { graph.unresolvedReferences.contains($0) && (fromStart[$0] || fromHandlers[$0]) }
        // Fields are read in place (`nodes[index].field`): binding a node to
        // a name copies all of it.
        for index in nodes.indices {
            // A module's `return` in its own flow goes back to its caller (9.1).
            if case .return = nodes[index].kind, fromStart[index], !script.isModule {
                diagnostics.append(Diagnostic(.E011, "return node '\(nodes[index].id)' can be reached from the start outside every handler: there is nothing to return to", at: nodes[index].location))
            }
            if reachabilityKnown && !fromStart[index] && !fromHandlers[index] {
                diagnostics.append(Diagnostic(.W101, "node '\(nodes[index].id)' can never be reached", at: nodes[index].location))
            }
        }

        checkDeadEnds(reachable: zip(fromStart, fromHandlers).map { $0 || $1 })
        checkInputFreeCycles()
        checkQuestionsAfterNPS(fromStart: fromStart)
        if let startIndex {
            diagnostics += MaybeUnanswered(script: script, graph: graph, start: startIndex, reachable: fromStart, modules: modules).run()
        }
        return diagnostics
    }

    /// E015: reachable nodes from which no end (or return) can be reached.
    private mutating func checkDeadEnds(reachable: [Bool]) {
        let predecessors = graph.predecessors
        var canFinish = [Bool](repeating: false, count: script.nodes.count)
        var stack: [Int] = []
        let nodes = script.nodes
        for index in nodes.indices {
            var finishes = graph.runsOff.contains(index) || graph.brokenReferences.contains(index) || nodes[index].isPlaceholder
            switch nodes[index].kind {
            case .end, .return: finishes = true
            default: break
            }
            if finishes {
                canFinish[index] = true
                stack.append(index)
            }
        }
        while let current = stack.popLast() {
            // Positions rather than a slice: no retain per node.
            for position in predecessors.positions(of: current) {
                let previous = predecessors.target(at: position)
                if canFinish[previous] { continue }
                canFinish[previous] = true
                stack.append(previous)
            }
        }
        for index in nodes.indices where reachable[index] && !canFinish[index] {
            diagnostics.append(Diagnostic(.E015, "no 'end' can be reached from node '\(nodes[index].id)': the call could never finish", at: nodes[index].location))
        }
    }

    /// E016: strongly connected groups of nodes that take no input, with no
    /// edge leading out of the group.
    private mutating func checkInputFreeCycles() {
        let nodes = script.nodes
        // A placeholder (its kind unknown) may have been meant to take input.
        // A `flow` node runs a module, which asks (its own check sees it).
        let inputFree = nodes.indices.map {
            if case .flow = nodes[$0].kind { return false }
            return !nodes[$0].takesInput && !nodes[$0].isPlaceholder
        }
        for component in StronglyConnected.cycles(successors: graph.successors, including: inputFree) {
            let members = Set(component)
            let leaves = component.contains { index in
                if graph.runsOff.contains(index) { return true }
                if case .end = nodes[index].kind { return true }
                if case .return = nodes[index].kind { return true }
                return graph.successors[index].contains { !members.contains($0) }
            }
            guard !leaves else { continue }
            let first = component.min()!
            let names = component.sorted().prefix(5).map { "'\(nodes[$0].id)'" }.joined(separator: " -> ")
            diagnostics.append(Diagnostic(.E016, "nodes \(names) form a loop that takes no input and has no way out: the call would loop forever", at: nodes[first].location))
        }
    }

    /// W102: questions and offers reachable after an NPS question.
    private mutating func checkQuestionsAfterNPS(fromStart: [Bool]) {
        let nodes = script.nodes
        func isNPS(_ index: Int) -> Bool {
            if case .ask(let question) = nodes[index].kind { return question.type == .nps }
            // A flow into a module that asks NPS (9.1: seen through).
            if case .flow(let call) = nodes[index].kind { return modules.asksNPS(call) }
            return false
        }
        let npsIndices = nodes.indices.filter { fromStart[$0] && isNPS($0) }
        guard !npsIndices.isEmpty else { return }
        let after = graph.reachable(from: npsIndices.flatMap { graph.successors[$0] })
        for index in nodes.indices where after[index] && nodes[index].takesInput && !isNPS(index) {
            diagnostics.append(Diagnostic(.W102, "'\(nodes[index].id)' can be asked after the NPS question: NPS belongs at the close of the call", at: nodes[index].location))
        }
    }
}

/// Tarjan's algorithm, iterative so that long scripts cannot overflow the stack.
enum StronglyConnected {
    /// The strongly connected components of the subgraph of the `including`
    /// nodes that contain a cycle (several nodes, or one with an edge to
    /// itself), in the order Tarjan's algorithm completes them. Most
    /// components of a script are single nodes without a loop: they are
    /// left out, so that they cost no array each.
    static func cycles(successors: Adjacency, including: [Bool]) -> [[Int]] {
        let count = including.count
        var index = 0
        var indices = [Int](repeating: -1, count: count)
        var lowlinks = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var result: [[Int]] = []
        // A frame walks a node's edges by position in the flat edge buffer.
        var work: [(node: Int, next: Int, end: Int)] = []
        for root in 0..<count where including[root] && indices[root] == -1 {
            let rootEdges = successors.positions(of: root)
            work.append((root, rootEdges.lowerBound, rootEdges.upperBound))
            indices[root] = index; lowlinks[root] = index; index += 1
            stack.append(root); onStack[root] = true
            while !work.isEmpty {
                let top = work.count - 1
                let node = work[top].node
                if work[top].next < work[top].end {
                    let target = successors.target(at: work[top].next)
                    work[top].next += 1
                    guard including[target] else { continue }
                    if indices[target] == -1 {
                        indices[target] = index; lowlinks[target] = index; index += 1
                        stack.append(target); onStack[target] = true
                        let edges = successors.positions(of: target)
                        work.append((target, edges.lowerBound, edges.upperBound))
                    } else if onStack[target] {
                        lowlinks[node] = min(lowlinks[node], indices[target])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last?.node { lowlinks[parent] = min(lowlinks[parent], lowlinks[node]) }
                    if lowlinks[node] == indices[node] {
                        // The component is the stack down to `node`.
                        var bottom = stack.count - 1
                        while stack[bottom] != node { bottom -= 1 }
                        if bottom < stack.count - 1 || successors.positions(of: node).contains(where: { successors.target(at: $0) == node }) {
                            result.append(Array(stack[bottom...].reversed()))
                        }
                        for member in stack[bottom...] { onStack[member] = false }
                        stack.removeSubrange(bottom...)
                    }
                }
            }
        }
        return result
    }
}
