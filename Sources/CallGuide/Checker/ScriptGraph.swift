/// The static flow graph of a script: which nodes can follow which
/// (section 2.1). Edges to unknown nodes are left out (they are E006).
struct ScriptGraph {
    enum Edge: Hashable {
        case node(Int)
        /// Falls through past the last node of `nodes` (E010).
        case runOff
    }

    let script: Script
    /// successors[i]: where node i can go when it completes.
    private(set) var successors: [[Int]] = []
    /// Nodes that can fall through past the end of `nodes`.
    private(set) var runsOff: Set<Int> = []
    /// Nodes that can fall through to the node after them in `nodes`.
    private(set) var fallsThrough: Set<Int> = []
    /// Nodes with a reference to a node that does not exist.
    private(set) var brokenReferences: Set<Int> = []
    /// predecessors[i]: the nodes that can go to node i. Kept, since several
    /// analyses walk the graph backwards.
    private(set) var predecessors: [[Int]] = []

    init(_ script: Script) {
        self.script = script
        successors.reserveCapacity(script.nodes.count)
        // Fields are read in place (`nodes[index].field`): binding a node to
        // a name copies all of it.
        let nodes = script.nodes
        for index in nodes.indices {
            var targets: [Int] = []
            var fallsThrough = false
            func add(_ id: String) {
                if let target = script.nodeIndex[id] {
                    targets.append(target)
                } else {
                    brokenReferences.insert(index)
                }
            }
            let skippable = nodes[index].when != nil
            switch nodes[index].kind {
            case .end, .return:
                fallsThrough = false
                if skippable { fallsThrough = Self.followNext(nodes[index].next, add: add) }
            case .ask(let question) where question.type == .choice:
                let withGoto = question.options.filter { $0.goto != nil }
                withGoto.forEach { add($0.goto!) }
                if withGoto.count < question.options.count || skippable || question.optional || question.options.isEmpty {
                    fallsThrough = Self.followNext(nodes[index].next, add: add)
                }
            default:
                fallsThrough = Self.followNext(nodes[index].next, add: add)
            }
            if fallsThrough {
                self.fallsThrough.insert(index)
                if index + 1 < script.nodes.count {
                    targets.append(index + 1)
                } else {
                    runsOff.insert(index)
                }
            }
            // A node has a handful of targets: a scan beats a Set per node.
            var unique: [Int] = []
            unique.reserveCapacity(targets.count)
            for target in targets where !unique.contains(target) { unique.append(target) }
            successors.append(unique)
        }
        var predecessors = [[Int]](repeating: [], count: nodes.count)
        for (from, targets) in successors.enumerated() {
            for to in targets { predecessors[to].append(from) }
        }
        self.predecessors = predecessors
    }

    /// Adds `next` targets; returns whether the node may still fall through.
    private static func followNext(_ next: Next?, add: (String) -> Void) -> Bool {
        switch next {
        case .node(let id, _)?:
            add(id)
            return false
        case .rules(let rules)?:
            rules.forEach { add($0.goto) }
            return !rules.contains { $0.condition == nil }
        case nil:
            return true
        }
    }

    /// Every node reachable from `roots`, following successors.
    func reachable(from roots: [Int], stoppingAt stop: (Int) -> Bool = { _ in false }) -> [Bool] {
        var seen = [Bool](repeating: false, count: script.nodes.count)
        var stack = roots.filter { $0 < seen.count }
        for root in stack { seen[root] = true }
        while let current = stack.popLast() {
            if stop(current) { continue }
            for next in successors[current] where !seen[next] {
                seen[next] = true
                stack.append(next)
            }
        }
        return seen
    }
}
