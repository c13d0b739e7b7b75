/// A branch of a script that a call can take, for replay coverage: QA sees
/// which parts of a script their transcripts never exercised.
public enum Branch: Hashable, Sendable, Comparable {
    /// The node was reached and shown (or run).
    case node(String)
    /// The node's `when` was true / false.
    case when(String, Bool)
    /// Rule number `index` (0-based) of the node's `next` list was taken.
    case rule(String, Int)
    /// The node's `next: ID` was followed.
    case next(String)
    /// The chosen option's `goto` was followed.
    case optionGoto(String, String)
    /// The call fell through to the following node in `nodes`.
    case fallThrough(String)

    public var node: String {
        switch self {
        case .node(let n), .when(let n, _), .rule(let n, _), .next(let n), .optionGoto(let n, _), .fallThrough(let n): return n
        }
    }

    public var description: String {
        switch self {
        case .node(let n): return "node \(n)"
        case .when(let n, let value): return "\(n): when is \(value)"
        case .rule(let n, let index): return "\(n): next rule \(index + 1)"
        case .next(let n): return "\(n): next"
        case .optionGoto(let n, let key): return "\(n): option \(key) goto"
        case .fallThrough(let n): return "\(n): fall-through"
        }
    }

    public static func < (a: Branch, b: Branch) -> Bool { a.description < b.description }

    /// Every branch a script has, in file order, with the line it is written on.
    public static func all(in script: Script) -> [(branch: Branch, line: Int)] {
        var result: [(Branch, Int)] = []
        let graph = ScriptGraph(script)
        for (index, node) in script.nodes.enumerated() {
            let line = node.location.line
            result.append((.node(node.id), line))
            if let when = node.when {
                result.append((.when(node.id, true), when.location.line))
                result.append((.when(node.id, false), when.location.line))
            }
            if case .ask(let question) = node.kind, question.type == .choice {
                for option in question.options where option.goto != nil {
                    result.append((.optionGoto(node.id, option.key), option.location.line))
                }
            }
            switch node.next {
            case .node(_, let location)?: result.append((.next(node.id), location.line))
            case .rules(let rules)?:
                for (ruleIndex, rule) in rules.enumerated() { result.append((.rule(node.id, ruleIndex), rule.location.line)) }
            case nil: break
            }
            if graph.fallsThrough.contains(index) {
                result.append((.fallThrough(node.id), line))
            }
        }
        return result
    }
}
