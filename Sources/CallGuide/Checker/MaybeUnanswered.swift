/// W104: a question's answer read where some path from `start` reaches the
/// reader without that question answered. A forward "must be answered"
/// data-flow analysis over bit sets, so that large scripts stay fast.
struct MaybeUnanswered {
    let script: Script
    let graph: ScriptGraph
    let start: Int
    let reachable: [Bool]

    private var questionBit: [String: Int] = [:]
    private var words = 0

    init(script: Script, graph: ScriptGraph, start: Int, reachable: [Bool]) {
        self.script = script
        self.graph = graph
        self.start = start
        self.reachable = reachable
        // Fields are read in place (`nodes[index].field`): binding a node to
        // a name copies all of it.
        let nodes = script.nodes
        for index in nodes.indices where nodes[index].takesInput && questionBit[nodes[index].id] == nil {
            questionBit[nodes[index].id] = questionBit.count
        }
        words = (questionBit.count + 63) / 64
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
        guard words > 0 else { return [] }
        let count = script.nodes.count
        // The bit each node sets when passing through it, found once rather
        // than per predecessor and pass (copying a Node is not cheap).
        var answersBit = [Int](repeating: -1, count: count)
        for index in 0..<count where alwaysAnswered(index) {
            answersBit[index] = questionBit[script.nodes[index].id] ?? -1
        }
        // Every node's in-set, `words` words each, in one flat buffer.
        var inSets = [UInt64](repeating: ~0, count: count * words)
        for w in 0..<words { inSets[start * words + w] = 0 }
        let predecessors = graph.predecessors
        let order = reversePostorder()
        var meet = [UInt64](repeating: 0, count: words)
        let words = self.words
        // The word loops run on buffers (no bounds checks, no copies); every
        // index stays below count * words, which `inSets` holds.
        inSets.withUnsafeMutableBufferPointer { inSets in
            meet.withUnsafeMutableBufferPointer { meet in
                var changed = true
                while changed {
                    changed = false
                    for index in order where index != start {
                        meet.update(repeating: ~0)
                        var any = false
                        for previous in predecessors[index] where reachable[previous] {
                            any = true
                            // The predecessor's out-set: its in-set plus its own bit.
                            let base = previous * words
                            let bit = answersBit[previous]
                            let kept = bit >= 0 ? meet[bit / 64] : 0
                            for w in 0..<words { meet[w] &= inSets[base + w] }
                            if bit >= 0 {
                                meet[bit / 64] = kept & (inSets[base + bit / 64] | 1 << UInt64(bit % 64))
                            }
                        }
                        if !any { meet.update(repeating: 0) }
                        let base = index * words
                        for w in 0..<words where inSets[base + w] != meet[w] {
                            inSets[base + w] = meet[w]
                            changed = true
                        }
                    }
                }
            }
        }
        var diagnostics: [Diagnostic] = []
        for index in order {
            diagnostics += check(index, before: inSets[index * words..<(index + 1) * words])
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

    /// `before`: the node's in-set, a slice of the flat buffer (indices
    /// start at its own offset).
    private func check(_ index: Int, before: ArraySlice<UInt64>) -> [Diagnostic] {
        let nodes = script.nodes
        let nodeID = nodes[index].id
        var diagnostics: [Diagnostic] = []
        var reported = Set<String>()
        let guards = nodes[index].when?.expression.answeredGuards ?? []
        func isAnswered(_ name: String, after: Bool) -> Bool {
            if guards.contains(name) { return true }
            if after, name == nodeID { return true }
            guard let bit = questionBit[name] else { return true }
            return before[before.startIndex + bit / 64] & (1 << UInt64(bit % 64)) != 0
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
