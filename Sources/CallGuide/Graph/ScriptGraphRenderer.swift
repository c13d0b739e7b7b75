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
    /// `from` is a handler's name, not a node's: a handler's entry.
    public var fromHandler: Bool = false
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
            if case .flow(let call) = node.kind, let target = call.target, script.nodeIndex[target] != nil {
                edges.append(GraphEdge(from: node.id, to: target, label: "flow"))
            }
            if graph.fallsThrough.contains(index), index + 1 < script.nodes.count {
                let following = script.nodes[index + 1].id
                let exists = edges.contains { $0.from == node.id && $0.to == following }
                if !exists { edges.append(GraphEdge(from: node.id, to: following, label: nil)) }
            }
        }
        for handler in script.handlers where script.nodeIndex[handler.start] != nil {
            edges.append(GraphEdge(from: handler.name, to: handler.start, label: nil, fromHandler: true))
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
        case .flow(let call): return "flow: \(call.alias)" + (call.node.map { ".\($0)" } ?? "")
        case .silent: return "step"
        }
    }

    public static func render(_ script: Script, format: ScriptGraphFormat) -> String {
        switch format {
        case .mermaid: return mermaid(script)
        case .dot: return dot(script)
        }
    }

    /// Mermaid ids: a node's id is never written raw (`end`, `graph`,
    /// `subgraph` are Mermaid words, and Cyrillic ids are not ids to every
    /// Mermaid version): `n_ID` for an ASCII id, `nINDEX` otherwise; handlers
    /// `h_NAME` / `hINDEX`; the start marker `entry`. No two can clash.
    static func mermaidID(node id: String, in script: Script) -> String {
        if id.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) {
            return "n_" + id
        }
        return "n\(script.nodeIndex[id] ?? 0)"
    }

    static func mermaidID(handler name: String, in script: Script) -> String {
        if name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) {
            return "h_" + name
        }
        return "h\(script.handlers.firstIndex { $0.name == name } ?? 0)"
    }

    private static func mermaid(_ script: Script) -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: " ")
        }
        func id(_ edgeEnd: String, handler: Bool = false) -> String {
            handler ? mermaidID(handler: edgeEnd, in: script) : mermaidID(node: edgeEnd, in: script)
        }
        var lines = ["flowchart TD"]
        lines += clustered(script, indent: "  ", open: { module, indent in
            ["\(indent)subgraph m_\(module.nodes.lowerBound)[\"\(escape(module.alias)): \(escape(module.path))\"]"]
        }, close: { indent in "\(indent)end" }) { index, indent in
            let node = script.nodes[index]
            let text = escape(node.id) + "<br/>" + escape(label(of: node, language: script.language))
            let nodeID = id(node.id)
            switch node.kind {
            case .ask, .offer: return "\(indent)\(nodeID){{\"\(text)\"}}"
            case .end, .return: return "\(indent)\(nodeID)([\"\(text)\"])"
            default: return "\(indent)\(nodeID)[\"\(text)\"]"
            }
        }
        if script.nodeIndex[script.start] != nil {
            lines.append("  entry((\"start\")) --> \(id(script.start))")
            lines.append("  classDef startNode stroke-width:3px")
            lines.append("  class \(id(script.start)) startNode")
        }
        for handler in script.handlers {
            lines.append("  \(id(handler.name, handler: true))>\"!\(escape(handler.name)): \(escape(handler.label.text(for: nil, fallback: script.language)))\"]")
        }
        for edge in edges(of: script) {
            let from = id(edge.from, handler: edge.fromHandler)
            if let label = edge.label {
                lines.append("  \(from) -->|\"\(escape(label))\"| \(id(edge.to))")
            } else {
                lines.append("  \(from) --> \(id(edge.to))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One line per node, in file order, each module's nodes inside a
    /// cluster of their own (script language 9.1: `graph` draws each module
    /// as a cluster), a module's modules nested in it.
    static func clustered(
        _ script: Script, indent: String, open: (LinkedModule, String) -> [String], close: (String) -> String,
        node: (Int, String) -> String
    ) -> [String] {
        var lines: [String] = []
        var stack: [LinkedModule] = []
        func currentIndent() -> String { indent + String(repeating: "  ", count: stack.count) }
        for index in script.nodes.indices {
            while let top = stack.last, !top.nodes.contains(index) {
                stack.removeLast()
                lines.append(close(currentIndent()))
            }
            for module in script.modules.filter({ $0.nodes.lowerBound == index }).sorted(by: { $0.nodes.count > $1.nodes.count }) {
                lines += open(module, currentIndent())
                stack.append(module)
            }
            lines.append(node(index, currentIndent()))
        }
        while !stack.isEmpty {
            stack.removeLast()
            lines.append(close(currentIndent()))
        }
        return lines
    }

    private static func dot(_ script: Script) -> String {
        func quote(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        // Node ids are quoted, so DOT's keywords (graph, node, edge,
        // subgraph...) are ids like any other; handlers are "!NAME" and the
        // start marker "(start)", which no node id can be.
        func id(_ edgeEnd: String, handler: Bool = false) -> String { quote(handler ? "!" + edgeEnd : edgeEnd) }
        var lines = ["digraph \(quote(script.id)) {", "  rankdir=TB;", "  node [fontname=\"Helvetica\"];"]
        lines += clustered(script, indent: "  ", open: { module, indent in
            ["\(indent)subgraph \(quote("cluster_" + module.alias)) {",
             "\(indent)  label=\(quote("\(module.alias): \(module.path)"));", "\(indent)  style=rounded;"]
        }, close: { indent in "\(indent)}" }) { index, indent in
            let node = script.nodes[index]
            let shape: String
            switch node.kind {
            case .ask, .offer: shape = "box, style=rounded"
            case .end, .return: shape = "doubleoctagon"
            case .silent: shape = "diamond"
            case .say: shape = "note"
            case .flow: shape = "component"
            }
            let start = node.id == script.start ? ", penwidth=3" : ""
            return "\(indent)\(id(node.id)) [shape=\(shape)\(start), label=\(quote("\(node.id)\n\(label(of: node, language: script.language))"))];"
        }
        if script.nodeIndex[script.start] != nil {
            lines.append("  \(quote("(start)")) [shape=circle, label=\"start\"];")
            lines.append("  \(quote("(start)")) -> \(id(script.start));")
        }
        for handler in script.handlers {
            lines.append("  \(id(handler.name, handler: true)) [shape=cds, label=\(quote("!\(handler.name): \(handler.label.text(for: nil, fallback: script.language))"))];")
        }
        for edge in edges(of: script) {
            let label = edge.label.map { " [label=\(quote($0))]" } ?? ""
            lines.append("  \(id(edge.from, handler: edge.fromHandler)) -> \(id(edge.to))\(label);")
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
