/// Draws a script as a graph for trainers: nodes labelled with their kind
/// and text, edges with their conditions. Mermaid for Markdown viewers,
/// Graphviz dot for everything else.
public enum ScriptGraphFormat: String, Sendable, CaseIterable {
    case mermaid, dot
}

public struct GraphEdge: Sendable, Equatable {
    public var from: String
    public var to: String
    /// The condition or option that leads along this edge, if any.
    public var label: String?
}

public enum ScriptGraphRenderer {
    /// Every edge of the script, in file order (section 2.1), plus handler entries.
    public static func edges(of script: Script) -> [GraphEdge] {
        var edges: [GraphEdge] = []
        let graph = ScriptGraph(script)
        for (index, node) in script.nodes.enumerated() {
            var labelled: Set<String> = []
            if case .ask(let question) = node.kind, question.type == .choice {
                for option in question.options {
                    guard let goto = option.goto, script.nodeIndex[goto] != nil else { continue }
                    edges.append(GraphEdge(from: node.id, to: goto, label: option.key))
                    labelled.insert(goto)
                }
            }
            switch node.next {
            case .node(let id, _)?:
                if script.nodeIndex[id] != nil, !labelled.contains(id) { edges.append(GraphEdge(from: node.id, to: id, label: nil)) }
            case .rules(let rules)?:
                for rule in rules where script.nodeIndex[rule.goto] != nil {
                    edges.append(GraphEdge(from: node.id, to: rule.goto, label: rule.condition.map { "if \($0.expression.source)" } ?? "else"))
                }
            case nil:
                break
            }
            if graph.fallsThrough.contains(index), index + 1 < script.nodes.count {
                let following = script.nodes[index + 1].id
                let exists = edges.contains { $0.from == node.id && $0.to == following }
                if !exists { edges.append(GraphEdge(from: node.id, to: following, label: nil)) }
            }
        }
        for handler in script.handlers where script.nodeIndex[handler.start] != nil {
            edges.append(GraphEdge(from: "handler_\(handler.name)", to: handler.start, label: nil))
        }
        return edges
    }

    /// A node's label: its kind and text (the first language), shortened.
    public static func label(of node: Node, language: String?) -> String {
        func text(_ localized: LocalizedText?) -> String {
            guard let variant = localized?.variant(for: language, fallback: language) else { return "" }
            let source = variant.template.sourceText
            return source.count > 60 ? String(source.prefix(57)) + "..." : source
        }
        switch node.kind {
        case .say(let t): return "say: \(text(t))"
        case .ask(let q): return "ask \(q.type.rawValue): \(text(q.text))"
        case .offer(let o): return "offer: \(text(o.text))"
        case .end(let outcome, _, let say): return "end \(outcome)" + (say.map { ": \(text($0))" } ?? "")
        case .return: return "return"
        case .silent: return "step"
        }
    }

    public static func render(_ script: Script, format: ScriptGraphFormat) -> String {
        switch format {
        case .mermaid: return mermaid(script)
        case .dot: return dot(script)
        }
    }

    private static func mermaid(_ script: Script) -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: " ")
        }
        var lines = ["flowchart TD"]
        for node in script.nodes {
            let text = escape(node.id) + "<br/>" + escape(label(of: node, language: script.language))
            switch node.kind {
            case .ask, .offer: lines.append("  \(node.id){{\"\(text)\"}}")
            case .end, .return: lines.append("  \(node.id)([\"\(text)\"])")
            default: lines.append("  \(node.id)[\"\(text)\"]")
            }
        }
        for handler in script.handlers {
            lines.append("  handler_\(handler.name)>\"!\(handler.name): \(escape(handler.label.text(for: nil, fallback: script.language)))\"]")
        }
        for edge in edges(of: script) {
            if let label = edge.label {
                lines.append("  \(edge.from) -->|\"\(escape(label))\"| \(edge.to)")
            } else {
                lines.append("  \(edge.from) --> \(edge.to)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func dot(_ script: Script) -> String {
        func quote(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        var lines = ["digraph \(quote(script.id)) {", "  rankdir=TB;", "  node [fontname=\"Helvetica\"];"]
        for node in script.nodes {
            let shape: String
            switch node.kind {
            case .ask, .offer: shape = "box, style=rounded"
            case .end, .return: shape = "doubleoctagon"
            case .silent: shape = "diamond"
            case .say: shape = "note"
            }
            lines.append("  \(quote(node.id)) [shape=\(shape), label=\(quote("\(node.id)\n\(label(of: node, language: script.language))"))];")
        }
        for handler in script.handlers {
            lines.append("  \(quote("handler_\(handler.name)")) [shape=cds, label=\(quote("!\(handler.name): \(handler.label.text(for: nil, fallback: script.language))"))];")
        }
        for edge in edges(of: script) {
            let label = edge.label.map { " [label=\(quote($0))]" } ?? ""
            lines.append("  \(quote(edge.from)) -> \(quote(edge.to))\(label);")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}

extension Template {
    /// The template as written: literal text and `{EXPR}` holes.
    public var sourceText: String {
        if let text = plainText { return Self.escapingBraces(text) }
        return parts.map { part in
            switch part {
            case .literal(let text): return Self.escapingBraces(text)
            case .expression(let expression, _): return "{\(expression.source)}"
            }
        }.joined()
    }

    private static func escapingBraces(_ text: String) -> String {
        text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
    }
}
