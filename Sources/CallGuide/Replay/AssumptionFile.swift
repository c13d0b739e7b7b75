/// Reads the `--assume-file` of `callguide replay`: a YAML mapping node id
/// -> an answer, or -> a list of answers to try in turn. Bytes in, values
/// out (the CLI reads the file), through the same YAML layer and
/// diagnostics as scripts, so a mistake is reported with its line.
extension ReplayAssumptions {
    /// Each answer is taken as its source text (`yes` stays `yes`, `010`
    /// stays `010`), as the operator would have typed it.
    public static func load(_ bytes: [UInt8], for script: Script) -> (assumptions: ReplayAssumptions?, diagnostics: [Diagnostic]) {
        let document: YAMLDocument
        do {
            document = try YAMLParser.parse(bytes)
        } catch {
            return (nil, [Diagnostic(.E001, error.message, at: error.location)])
        }
        var context = DecodingContext()
        for duplicate in document.duplicateKeys {
            context.report(.E004, "duplicate key '\(duplicate.key)' (first defined at line \(duplicate.firstLocation.line))", at: duplicate.location)
        }
        var assumptions = ReplayAssumptions()
        guard let root = document.root else { return (assumptions, context.diagnostics) }
        guard let pairs = context.mapping(root, "the assumptions file") else { return (nil, context.diagnostics) }
        for pair in pairs {
            guard let node = context.text(pair.key, "a node id") else { continue }
            let items: [YAMLNode]
            if let sequence = pair.value.sequence {
                items = Array(sequence)
                if items.isEmpty { context.report(.E002, "the answers assumed for '\(node)' are an empty list", at: pair.value.start) }
            } else {
                items = [pair.value]
            }
            var lines: [String] = []
            for item in items {
                guard let line = context.text(item, "an answer assumed for '\(node)'") else { continue }
                if let problem = problem(node: node, line: line, in: script) {
                    context.report(script.node(node) == nil ? .E006 : .E002, problem, at: script.node(node) == nil ? pair.key.start : item.start)
                    break
                }
                lines.append(line)
            }
            assumptions.set(node, lines)
        }
        let errors = context.diagnostics.contains { $0.severity == .error }
        return (errors ? nil : assumptions, context.diagnostics)
    }
}
