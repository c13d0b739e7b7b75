import Foundation

/// Turns a loaded YAML document into a `Script`, reporting every problem of
/// shape (E002-E007, E012-E014) with its exact location.
struct ScriptDecoder {
    static let topLevelKeys = [
        "callguide", "id", "version", "title", "language", "start", "variables", "card",
        "outcomes", "handlers", "nodes", "faq", "use", "module",
    ]

    var context = DecodingContext()

    mutating func decode(_ root: YAMLNode) -> Script? {
        guard let pairs = context.mapping(root, "a script") else { return nil }
        context.checkKeys(pairs, allowed: Self.topLevelKeys, in: "the script")
        let at = { (key: String) in pairs.first { $0.key.scalar?.text == key }?.value }
        let top = root.start

        if let versionNode = at("callguide") {
            if case .integer(1)? = versionNode.scalar?.resolved {} else {
                context.report(.E002, "this is callguide language version 1: write 'callguide: 1'", at: versionNode.start)
            }
        } else {
            context.report(.E002, "missing required key 'callguide' (the language version): add 'callguide: 1'", at: top)
        }

        var id = ""
        if let node = at("id") {
            id = context.text(node, "the script id") ?? ""
        } else {
            context.report(.E002, "missing required key 'id' (the script's identifier)", at: top)
        }
        var version = Value.null
        if let node = at("version") {
            if case .integer(let i)? = node.scalar?.resolved {
                version = .number(Decimal(i))
            } else if let text = context.text(node, "the version") {
                version = .string(text)
            }
        }
        let title = at("title").flatMap { context.localizedLabel($0, "the title") }
        let language = at("language").flatMap { context.text($0, "the language") }

        let variables = at("variables").map { decodeVariables($0) } ?? []
        let cardFields = at("card").map { CardFieldDecoding.decodeFields($0, context: &context) } ?? []
        let outcomes = at("outcomes").map { CardFieldDecoding.decodeOutcomes($0, context: &context) } ?? []
        let handlers = at("handlers").map { decodeHandlers($0) } ?? []

        var nodes: [Node] = []
        var nodeIndex: [String: Int] = [:]
        if let nodesNode = at("nodes") {
            (nodes, nodeIndex) = decodeNodes(nodesNode, variables: variables)
        } else {
            context.report(.E002, "missing required key 'nodes'", at: top)
        }

        var start = nodes.first?.id ?? ""
        var startLocation = nodes.first?.location ?? top
        if let node = at("start"), let name = context.identifier(node, "start node id") {
            start = name
            startLocation = node.start
        }
        let uses = at("use").map { decodeUses($0, variables: variables, nodeIndex: nodeIndex) } ?? []
        let isModule = at("module").flatMap { context.bool($0, "'module'") } ?? false
        if nodes.isEmpty, at("nodes") != nil {
            context.report(.E002, "'nodes' is empty: a script needs at least one node", at: at("nodes")!.start)
        }
        var script = Script(
            id: id, version: version, title: title, language: language, start: start,
            startLocation: startLocation, variables: variables, cardFields: cardFields,
            outcomes: outcomes, handlers: handlers, nodes: nodes, nodeIndex: nodeIndex)
        if let faqNode = at("faq") { script.faq = FAQDecoding.decode(faqNode, context: &context) }
        script.uses = uses
        script.isModule = isModule
        return script
    }

    /// `use: {ALIAS: PATH}` (9.1). An alias shares the namespace of nodes
    /// and variables (`closing.nps` must mean one thing): a clash is E019.
    private mutating func decodeUses(_ node: YAMLNode, variables: [VariableDeclaration], nodeIndex: [String: Int]) -> [ModuleUse] {
        guard let pairs = context.mapping(node, "'use'") else { return [] }
        var result: [ModuleUse] = []
        for pair in pairs {
            guard let alias = context.identifier(pair.key, "module alias"),
                  let path = context.text(pair.value, "the path of module '\(alias)'") else { continue }
            if path.isEmpty {
                context.report(.E002, "module '\(alias)' needs a path, e.g. ../shared/\(alias).yaml", at: pair.value.start)
                continue
            }
            if nodeIndex[alias] != nil {
                context.report(.E019, "module alias '\(alias)' clashes with the node of the same name ('\(alias).NODE' must name one thing); rename one", at: pair.key.start)
                continue
            }
            if variables.contains(where: { $0.name == alias }) {
                context.report(.E019, "module alias '\(alias)' clashes with the variable of the same name ('\(alias).NODE' must name one thing); rename one", at: pair.key.start)
                continue
            }
            result.append(ModuleUse(alias: alias, path: path, location: pair.key.start))
        }
        return result
    }

    private mutating func decodeVariables(_ node: YAMLNode) -> [VariableDeclaration] {
        guard let pairs = context.mapping(node, "'variables'") else { return [] }
        var result: [VariableDeclaration] = []
        for pair in pairs {
            guard let name = context.identifier(pair.key, "variable name") else { continue }
            guard let value = context.value(pair.value, "the initial value of '\(name)'") else { continue }
            result.append(VariableDeclaration(name: name, initial: value, location: pair.key.start))
        }
        return result
    }

    private mutating func decodeHandlers(_ node: YAMLNode) -> [HandlerDeclaration] {
        guard let pairs = context.mapping(node, "'handlers'") else { return [] }
        var result: [HandlerDeclaration] = []
        for pair in pairs {
            guard let name = context.identifier(pair.key, "handler name"),
                  let fields = context.mapping(pair.value, "handler '\(name)'") else { continue }
            context.checkKeys(fields, allowed: ["label", "start"], in: "handler '\(name)'")
            let label = pair.value["label"].flatMap { context.localizedLabel($0, "the label") } ?? LocalizedLabel(name)
            guard let startNode = pair.value["start"] else {
                context.report(.E002, "handler '\(name)' has no 'start' node", at: pair.key.start)
                continue
            }
            guard let start = context.identifier(startNode, "start node id") else { continue }
            result.append(HandlerDeclaration(name: name, label: label, start: start, location: pair.key.start, startLocation: startNode.start))
        }
        return result
    }

    /// The nodes in file order, and the node index (id -> first position),
    /// built as the nodes are decoded.
    private mutating func decodeNodes(
        _ node: YAMLNode, variables: [VariableDeclaration]
    ) -> (nodes: [Node], index: [String: Int]) {
        guard let pairs = context.mapping(node, "'nodes'") else { return ([], [:]) }
        let variableNames = Set(variables.map(\.name))
        var nodes: [Node] = []
        var index: [String: Int] = [:]
        nodes.reserveCapacity(pairs.count)
        index.reserveCapacity(pairs.count)
        var decoder = NodeDecoder()
        for pair in pairs {
            if let node = Self.decodeNode(pair, variableNames: variableNames, decoder: &decoder, context: &context) {
                index.insertIfAbsent(node.id, nodes.count)
                // Moved, not copied, into the array.
                nodes.append(consume node)
            }
        }
        return (nodes, index)
    }

    /// One pair of `nodes` as a node; nil when its key is no node id.
    static func decodeNode(
        _ pair: YAMLPair, variableNames: Set<String>, decoder: inout NodeDecoder, context: inout DecodingContext
    ) -> Node? {
        guard let id = context.identifier(pair.key, "node id") else { return nil }
        if variableNames.contains(id) {
            context.diagnostics.append(clash(id, at: pair.key.start))
        }
        // A node that failed to decode stays as a placeholder end, so that
        // references to it do not cascade into further errors.
        // Not `??`: the generic operator copied the node out of the optional.
        if let node = decoder.decode(id: id, location: pair.key.start, pair.value, context: &context) {
            return consume node
        }
        return Node(id: id, location: pair.key.start, kind: .end(outcome: "error", outcomeLocation: pair.key.start, say: nil))
    }

    /// A node id that is also a variable's name.
    static func clash(_ id: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.E002, "node id '\(id)' clashes with the variable of the same name (they share one namespace)", at: location)
    }
}

/// Card field and outcome sections, shared by scripts and `callguide.yaml`.
enum CardFieldDecoding {
    static let fieldTypes: [AnswerType] = [.text, .number, .integer, .yesno, .choice, .date, .phone, .email]

    static func decodeFields(_ node: YAMLNode, context: inout DecodingContext) -> [CardFieldDeclaration] {
        guard let pairs = context.mapping(node, "'card'") else { return [] }
        var result: [CardFieldDeclaration] = []
        let builtIn = Set(CardFieldDeclaration.builtIn.map(\.name))
        for pair in pairs {
            guard let name = context.identifier(pair.key, "card field name") else { continue }
            if builtIn.contains(name) {
                context.report(.E002, "'\(name)' is a built-in card field and cannot be declared again", at: pair.key.start)
                continue
            }
            var typeNode = pair.value
            var options: [String] = []
            if let fields = pair.value.mapping {
                context.checkKeys(fields, allowed: ["type", "options"], in: "card field '\(name)'")
                guard let t = pair.value["type"] else {
                    context.report(.E002, "card field '\(name)' has no 'type'", at: pair.key.start)
                    continue
                }
                typeNode = t
                if let optionsNode = pair.value["options"] {
                    if let items = optionsNode.sequence {
                        options = items.compactMap { context.identifier($0, "option key") }
                    } else if let optionPairs = optionsNode.mapping {
                        options = optionPairs.compactMap { context.identifier($0.key, "option key") }
                    } else {
                        context.report(.E002, "options of card field '\(name)' must be a list", at: optionsNode.start)
                    }
                }
            }
            guard let typeName = context.text(typeNode, "the type of card field '\(name)'") else { continue }
            guard let type = AnswerType(rawValue: typeName), fieldTypes.contains(type) else {
                context.report(.E002, "unknown card field type '\(typeName)'", at: typeNode.start,
                               hint: Suggestions.hint(for: typeName, among: fieldTypes.map(\.rawValue)))
                continue
            }
            if type == .choice, options.isEmpty {
                context.report(.E012, "choice card field '\(name)' needs 'options'", at: pair.key.start)
            }
            result.append(CardFieldDeclaration(name: name, type: type, options: options, location: pair.key.start))
        }
        return result
    }

    static func decodeOutcomes(_ node: YAMLNode, context: inout DecodingContext) -> [OutcomeDeclaration] {
        guard let pairs = context.mapping(node, "'outcomes'") else { return [] }
        var result: [OutcomeDeclaration] = []
        for pair in pairs {
            guard let name = context.identifier(pair.key, "outcome name") else { continue }
            var label = LocalizedLabel(name)
            var converted = false
            if let fields = pair.value.mapping {
                context.checkKeys(fields, allowed: ["label", "converted"], in: "outcome '\(name)'")
                label = pair.value["label"].flatMap { context.localizedLabel($0, "the label") } ?? LocalizedLabel(name)
                converted = pair.value["converted"].flatMap { context.bool($0, "'converted'") } ?? false
            } else if let text = context.text(pair.value, "outcome '\(name)'") {
                label = LocalizedLabel(text)
            }
            result.append(OutcomeDeclaration(name: name, label: label, converted: converted, location: pair.key.start))
        }
        return result
    }
}
