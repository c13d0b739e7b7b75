/// The static flow graph of a script: which nodes can follow which
/// (section 2.1). Edges to unknown nodes are left out (they are E006).
struct ScriptGraph {
    enum Edge: Hashable {
        case node(Int)
        /// Falls through past the last node of `nodes` (E010).
        case runOff
    }

    let script: Script
    /// successors[i]: where node i can go when it completes, each once, in
    /// the order the node names them (option gotos, `next`, fall-through).
    private(set) var successors: Adjacency
    /// Nodes that can fall through past the end of `nodes`.
    private(set) var runsOff: NodeFlags
    /// Nodes that can fall through to the node after them in `nodes`.
    private(set) var fallsThrough: NodeFlags
    /// Nodes with a reference to a node that does not exist.
    private(set) var brokenReferences: NodeFlags
    /// Nodes with a reference to a node that does not exist, nor any node
    /// whose name is close to it: where they lead is unknown.
    private(set) var unresolvedReferences: NodeFlags
    /// predecessors[i]: the nodes that can go to node i. Kept, since several
    /// analyses walk the graph backwards.
    private(set) var predecessors: Adjacency

    init(_ script: Script) {
        self.script = script
        let nodes = script.nodes
        let resolver = NodeNames(script.nodeIndex)
        // One flat buffer for all edges (CSR) and flags in arrays of Bool: an
        // array or a Set entry per node would be thousands of allocations
        // and hashes on a large script.
        var starts: [Int] = []
        starts.reserveCapacity(nodes.count + 1)
        starts.append(0)
        var targets: [Int] = []
        targets.reserveCapacity(nodes.count * 2)
        var runsOff = NodeFlags(count: nodes.count)
        var fallsThrough = NodeFlags(count: nodes.count)
        var brokenReferences = NodeFlags(count: nodes.count)
        var unresolvedReferences = NodeFlags(count: nodes.count)
        // Fields are read in place (`nodes[index].field`): binding a node to
        // a name copies all of it.
        for index in nodes.indices {
            var edges = EdgeList(first: targets.count)
            let skippable = nodes[index].when != nil
            var fallThrough: Bool
            // The kind is asked, not switched on: a switch copied the kind
            // (and counted references to its texts) for every node.
            if nodes[index].kind.isEndOrReturn {
                fallThrough = false
                if skippable { fallThrough = Self.followNext(nodes[index].next, resolver, &edges, &targets) }
            } else if let question = nodes[index].kind.choiceQuestion {
                var withGoto = 0
                let options = question.options
                for option in options.indices {
                    if let goto = options[option].goto {
                        withGoto += 1
                        edges.add(goto, resolver, &targets)
                    }
                }
                fallThrough = false
                if withGoto < options.count || skippable || question.optional || options.isEmpty {
                    fallThrough = Self.followNext(nodes[index].next, resolver, &edges, &targets)
                }
            } else {
                fallThrough = Self.followNext(nodes[index].next, resolver, &edges, &targets)
            }
            if fallThrough {
                fallsThrough.insert(index)
                if index + 1 < nodes.count {
                    edges.add(index + 1, &targets)
                } else if !nodes[index].isPlaceholder {
                    // A node whose kind is unknown may have been meant as
                    // an end: no E010 on top of its error.
                    runsOff.insert(index)
                }
            }
            if edges.broken { brokenReferences.insert(index) }
            if edges.unresolved { unresolvedReferences.insert(index) }
            starts.append(targets.count)
        }
        successors = Adjacency(starts: starts, targets: targets)
        self.runsOff = runsOff
        self.fallsThrough = fallsThrough
        self.brokenReferences = brokenReferences
        self.unresolvedReferences = unresolvedReferences
        predecessors = successors.reversed()
    }

    /// Adds `next` targets; returns whether the node may still fall through.
    private static func followNext(_ next: Next?, _ resolver: NodeNames, _ edges: inout EdgeList, _ targets: inout [Int]) -> Bool {
        switch next {
        case .node(let id, _)?:
            edges.add(id, resolver, &targets)
            return false
        case .rules(let rules)?:
            var hasDefault = false
            // By position: binding each rule to a name copies all of it.
            for rule in rules.indices {
                edges.add(rules[rule].goto, resolver, &targets)
                if rules[rule].condition == nil { hasDefault = true }
            }
            return !hasDefault
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
            // Positions rather than a slice: no retain per node.
            for position in successors.positions(of: current) {
                let next = successors.target(at: position)
                if seen[next] { continue }
                seen[next] = true
                stack.append(next)
            }
        }
        return seen
    }
}

/// The script's node ids, and the node each unknown name is taken for
/// (worked out once per name: a hostile script may repeat one thousands of
/// times).
final class NodeNames {
    let index: [String: Int]
    private lazy var ordered: [String] = index.keys.sorted { index[$0]! < index[$1]! }
    private var suggestions: [String: Int?] = [:]

    init(_ index: [String: Int]) {
        self.index = index
    }

    /// The node "did you mean" names for `id`, as the checker's E006 does
    /// (ties to the node first in `nodes`).
    func suggestedTarget(for id: String) -> Int? {
        if let known = suggestions[id] { return known }
        let target = Suggestions.closest(to: id, among: ordered).flatMap { index[$0] }
        suggestions[id] = target
        return target
    }
}

/// The targets of one node as they are added to the shared edge buffer.
private struct EdgeList {
    /// Where this node's targets begin in the buffer.
    let first: Int
    /// Whether a reference named no node.
    var broken = false
    /// Whether a reference named no node and nothing close to one.
    var unresolved = false

    /// A name that is no node (E006) goes to the node the checker suggests
    /// for it ("did you mean"), as if it had been spelt right, so that the
    /// nodes after it are not called unreachable; with no suggestion it
    /// goes nowhere and the reference is broken.
    mutating func add(_ id: String, _ names: NodeNames, _ targets: inout [Int]) {
        if let target = names.index[id] {
            add(target, &targets)
            return
        }
        broken = true
        if let target = names.suggestedTarget(for: id) {
            add(target, &targets)
        } else {
            unresolved = true
        }
    }

    /// A node has a handful of targets: a scan keeps each once, first
    /// occurrence first.
    func add(_ target: Int, _ targets: inout [Int]) {
        var position = first
        while position < targets.count {
            if targets[position] == target { return }
            position += 1
        }
        targets.append(target)
    }
}

/// Adjacency lists of a graph's nodes in one flat buffer (compressed sparse
/// rows): `self[i]` is node i's list.
struct Adjacency {
    /// starts[i]..<starts[i + 1]: node i's range in `targets`.
    private let starts: [Int]
    private let targets: [Int]

    init(starts: [Int], targets: [Int]) {
        self.starts = starts
        self.targets = targets
    }

    /// From one list per node.
    init(_ lists: [[Int]]) {
        var starts = [0]
        starts.reserveCapacity(lists.count + 1)
        var targets: [Int] = []
        for list in lists {
            targets += list
            starts.append(targets.count)
        }
        self.init(starts: starts, targets: targets)
    }

    /// The number of nodes.
    var count: Int { starts.count - 1 }

    subscript(node: Int) -> ArraySlice<Int> {
        targets[starts[node]..<starts[node + 1]]
    }

    /// Node i's positions in the flat buffer, for walks that keep their
    /// place in a list without holding a slice of it.
    func positions(of node: Int) -> Range<Int> {
        starts[node]..<starts[node + 1]
    }

    /// The target at a position of `positions(of:)`.
    func target(at position: Int) -> Int {
        targets[position]
    }

    /// The lists of the reversed edges: for each target, its sources in
    /// ascending order.
    func reversed() -> Adjacency {
        var reversedStarts = [Int](repeating: 0, count: starts.count)
        for target in targets { reversedStarts[target + 1] += 1 }
        for node in 0..<count { reversedStarts[node + 1] += reversedStarts[node] }
        var fill = reversedStarts
        var sources = [Int](repeating: 0, count: targets.count)
        for from in 0..<count {
            for position in starts[from]..<starts[from + 1] {
                let to = targets[position]
                sources[fill[to]] = from
                fill[to] += 1
            }
        }
        return Adjacency(starts: reversedStarts, targets: sources)
    }
}

/// A set of node indices as one flag per node: no hashing.
struct NodeFlags {
    private var flags: [Bool]

    init(count: Int) {
        flags = [Bool](repeating: false, count: count)
    }

    func contains(_ node: Int) -> Bool {
        node >= 0 && node < flags.count && flags[node]
    }

    mutating func insert(_ node: Int) {
        flags[node] = true
    }

    /// The members in ascending order.
    var members: [Int] {
        flags.indices.filter { flags[$0] }
    }
}
