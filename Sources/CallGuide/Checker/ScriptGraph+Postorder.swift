extension ScriptGraph {
    /// The nodes reachable from `root`, in reverse postorder: the order a
    /// dominator tree is built in (W104, and a module's entry for the
    /// names it leaves answered). Iterative, so a script of ten thousand
    /// nodes in a row does not overflow the stack; successors are read by
    /// position rather than as a slice, so a step retains nothing.
    func reversePostorder(from root: Int) -> [Int] {
        var visited = [Bool](repeating: false, count: script.nodes.count)
        var postorder: [Int] = []
        var stack: [(node: Int, edge: Int)] = [(root, 0)]
        visited[root] = true
        while let (node, edge) = stack.last {
            let positions = successors.positions(of: node)
            if edge < positions.count {
                stack[stack.count - 1].edge += 1
                let next = successors.target(at: positions.lowerBound + edge)
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
}
