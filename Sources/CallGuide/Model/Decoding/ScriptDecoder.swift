import Foundation

/// Turns a loaded YAML document into a `Script`, reporting every problem of
/// shape (E002-E007, E012-E014) with its exact location.
struct ScriptDecoder {
    static let topLevelKeys = [
        "callguide", "id", "version", "title", "language", "start", "variables", "card",
        "outcomes", "handlers", "nodes",
    ]

    var context = DecodingContext()
    let concurrency: LoadConcurrency
    /// Nodes decoded while the YAML was still being read, used if `nodes`
    /// begins with their pairs.
    var predecoded: NodePredecoder?
    /// How many nodes came from `predecoded` (tests check it happens).
    private(set) var predecodedNodesUsed = 0

    init(concurrency: LoadConcurrency = .automatic) {
        self.concurrency = concurrency
    }

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
        if nodes.isEmpty, at("nodes") != nil {
            context.report(.E002, "'nodes' is empty: a script needs at least one node", at: at("nodes")!.start)
        }
        return Script(
            id: id, version: version, title: title, language: language, start: start,
            startLocation: startLocation, variables: variables, cardFields: cardFields,
            outcomes: outcomes, handlers: handlers, nodes: nodes, nodeIndex: nodeIndex)
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

    /// Big scripts decode `nodes` on two threads: nodes decode
    /// independently, and their problems are merged in file order. Nodes
    /// decoded while the file was being read (`predecoded`) come first, and
    /// are not decoded again. Also returns the node index (id -> first
    /// position), built as the nodes are decoded.
    private mutating func decodeNodes(
        _ node: YAMLNode, variables: [VariableDeclaration]
    ) -> (nodes: [Node], index: [String: Int]) {
        guard let all = node.mapping else {
            _ = context.mapping(node, "'nodes'")
            return ([], [:])
        }
        let variableNames = Set(variables.map(\.name))
        var nodes: [Node] = []
        var index: [String: Int] = [:]
        var rest = all
        if var predecoded = predecoded.take(), predecoded.isPrefix(of: all) {
            context.diagnostics += predecoded.diagnostics(clashingWith: variableNames)
            rest = YAMLMapping(all.storage, links: all.links.dropFirst(predecoded.links.count), mayHaveToolKeys: all.mayHaveToolKeys)
            (nodes, index) = predecoded.takeNodes()
            predecodedNodesUsed = nodes.count
        }
        let pairs = DecodingContext.withoutToolKeys(rest)
        nodes.reserveCapacity(nodes.count + pairs.count)
        index.reserveCapacity(nodes.count + pairs.count)
        // The calling thread decodes from the front, straight onto the
        // predecoded nodes and index; a pool thread decodes from the back
        // until the two meet, so neither waits for the other.
        let cursor = MeetingCursor(count: pairs.count)
        func decodeFromTheFront() -> [Diagnostic] {
            var context = DecodingContext()
            var decoder = NodeDecoder()
            while case let taken = cursor.takeFromFront(), !taken.isEmpty {
                for position in taken {
                    if let node = Self.decodeNode(pairs[position], variableNames: variableNames, decoder: &decoder, context: &context) {
                        index.insertIfAbsent(node.id, nodes.count)
                        nodes.append(consume node)
                    }
                }
            }
            return context.diagnostics
        }
        guard concurrency.splits(pairs.count) else {
            context.diagnostics += decodeFromTheFront()
            return (nodes, index)
        }
        var (fromTheBack, frontProblems) = inParallel(
            true,
            {
                // The pool thread reads the tree through a storage object
                // and links of its own: two cores counting references on
                // one object would pass its cache line back and forth on
                // every step.
                let storage = pairs.storage.forAnotherThread()
                let links = pairs.links.withUnsafeBufferPointer { Array($0) }
                let own = YAMLMapping(storage, links: links[...], mayHaveToolKeys: pairs.mayHaveToolKeys)
                return DecodedFromTheBack(own, cursor: cursor, variableNames: variableNames)
            },
            { decodeFromTheFront() })
        context.diagnostics += frontProblems
        context.diagnostics += fromTheBack.problemsInFileOrder()
        // Last decoded first: popping moves each node instead of copying it.
        while let node = fromTheBack.nodes.popLast() {
            index.insertIfAbsent(node.id, nodes.count)
            nodes.append(consume node)
        }
        return (nodes, index)
    }

    /// The nodes a pool thread decodes from the back of `nodes` (see
    /// `decodeNodes`), last in the file first.
    private struct DecodedFromTheBack: Sendable {
        var nodes: [Node] = []
        private var problems: [Diagnostic] = []
        /// How many problems there were before each pair was decoded, in
        /// the order the pairs were taken.
        private var problemsBefore: [Int] = []

        init(_ pairs: YAMLMapping, cursor: MeetingCursor, variableNames: Set<String>) {
            var context = DecodingContext()
            var decoder = NodeDecoder()
            while case let taken = cursor.takeFromBack(), !taken.isEmpty {
                for position in taken.reversed() {
                    problemsBefore.append(context.diagnostics.count)
                    if let node = ScriptDecoder.decodeNode(pairs[position], variableNames: variableNames, decoder: &decoder, context: &context) {
                        nodes.append(consume node)
                    }
                }
            }
            problems = context.diagnostics
        }

        /// The problems, each pair's in the order found, pairs in file order.
        func problemsInFileOrder() -> [Diagnostic] {
            guard !problems.isEmpty else { return [] }
            var result: [Diagnostic] = []
            result.reserveCapacity(problems.count)
            for taken in problemsBefore.indices.reversed() {
                let end = taken + 1 < problemsBefore.count ? problemsBefore[taken + 1] : problems.count
                result += problems[problemsBefore[taken]..<end]
            }
            return result
        }
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
