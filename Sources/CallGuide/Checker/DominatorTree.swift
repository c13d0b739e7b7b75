/// Dominance among the nodes reachable from a root: `u` dominates `n` when
/// every path from the root to `n` passes `u`. Immediate dominators come
/// from Cooper, Harvey and Kennedy's "A Simple, Fast Dominance Algorithm"
/// (a few passes over the reverse postorder, no recursion); the tree is then
/// numbered in preorder with subtree sizes, so a query is an interval test
/// rather than a walk up a chain that can be as long as the script.
struct DominatorTree {
    /// Preorder number in the dominator tree; -1 for unreachable nodes.
    private var preorder: [Int]
    /// Number of nodes in each node's dominator subtree (itself included).
    private var size: [Int]

    /// `order`: the nodes reachable from `root` in reverse postorder (root
    /// first); `predecessors` covers every node of the graph.
    init(root: Int, order: [Int], predecessors: Adjacency) {
        let count = predecessors.count
        var rank = [Int](repeating: -1, count: count)
        for (position, node) in order.enumerated() { rank[node] = position }
        // idom[n] == -1: not processed yet (or unreachable, never processed).
        var idom = [Int](repeating: -1, count: count)
        idom[root] = root
        var changed = true
        while changed {
            changed = false
            for node in order where node != root {
                var candidate = -1
                // A processed predecessor is reachable; the first pass always
                // finds one, since the DFS parent comes earlier in the order.
                // Positions rather than a slice: no retain per visit.
                for position in predecessors.positions(of: node) {
                    let previous = predecessors.target(at: position)
                    if idom[previous] == -1 { continue }
                    if candidate == -1 {
                        candidate = previous
                        continue
                    }
                    // Walk both up to their nearest common dominator.
                    var a = previous
                    while a != candidate {
                        while rank[a] > rank[candidate] { a = idom[a] }
                        while rank[candidate] > rank[a] { candidate = idom[candidate] }
                    }
                }
                if idom[node] != candidate {
                    idom[node] = candidate
                    changed = true
                }
            }
        }
        // Children of each tree node, in one flat buffer (CSR): one array per
        // node would be thousands of allocations on a large script.
        var firstChild = [Int](repeating: 0, count: count + 1)
        for node in order where node != root { firstChild[idom[node] + 1] += 1 }
        for index in 0..<count { firstChild[index + 1] += firstChild[index] }
        var children = [Int](repeating: 0, count: order.count)
        var fill = firstChild
        for node in order where node != root {
            children[fill[idom[node]]] = node
            fill[idom[node]] += 1
        }
        // Popping a node and pushing its children numbers each subtree
        // contiguously; sizes then add up from the last-numbered node back.
        preorder = [Int](repeating: -1, count: count)
        size = [Int](repeating: 1, count: count)
        var numbered: [Int] = []
        numbered.reserveCapacity(order.count)
        var stack = [root]
        while let node = stack.popLast() {
            preorder[node] = numbered.count
            numbered.append(node)
            for position in firstChild[node]..<firstChild[node + 1] { stack.append(children[position]) }
        }
        for node in numbered.reversed() where node != root { size[idom[node]] += size[node] }
    }

    /// Whether every path from the root to `node` passes `dominator`
    /// (a node dominates itself). False when either is unreachable.
    func dominates(_ dominator: Int, _ node: Int) -> Bool {
        let start = preorder[dominator], position = preorder[node]
        return start >= 0 && position >= start && position < start + size[dominator]
    }
}
