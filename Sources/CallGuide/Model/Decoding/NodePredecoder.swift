/// Decodes the nodes of `nodes` that are already complete while libyaml is
/// still reading the rest of a big file: the thread that builds the YAML
/// tree waits for libyaml about a third of the time, and a node decodes the
/// same whenever its subtree is complete (it depends only on its own key
/// and value nodes). `ScriptDecoder` uses what was decoded here only if
/// the finished `nodes` mapping begins with exactly these pairs.
///
/// Holds no YAML values between steps: a kept view would make the tree
/// builder copy its arrays on its next append.
struct NodePredecoder {
    /// Pairs decoded per step: small, so that a chunk that became ready is
    /// taken soon.
    static let sliceSize = 32

    /// A decoded node's key location and where its problems begin in
    /// `diagnostics`.
    struct Decoded {
        let keyLocation: SourceLocation
        let firstDiagnostic: Int
    }

    /// The mapping being decoded (its start tells it from any other).
    private var mappingStart: SourceLocation?
    /// The pairs taken so far, key and value node indices alternating,
    /// `x-` pairs included.
    private(set) var links: [Int32] = []
    private(set) var nodes: [Node] = []
    private(set) var decoded: [Decoded] = []
    /// Id -> position in `nodes` (first occurrence), built here in idle
    /// time so that the script's `nodeIndex` need not insert them again.
    private(set) var index: [String: Int] = [:]
    /// Problems of the decoded nodes, in order, without the clash with a
    /// variable (the variables may come after `nodes` in the file).
    private(set) var diagnostics: [Diagnostic] = []
    private var decoder = NodeDecoder()
    private var stopped = false
    /// Nodes to make room for at the first step: the index grows by
    /// rehashing every id, which this avoids for a typical script.
    private let expectedNodes: Int

    /// `expectedBytes`: the size of the file; a typical script spends
    /// well over 100 bytes on a node.
    init(expectedBytes: Int = 0) {
        expectedNodes = min(expectedBytes / 128, 1 << 20)
    }

    /// Decodes up to `sliceSize` more complete pairs; false when there were
    /// none to decode.
    mutating func step(_ view: YAMLPartialView) -> Bool {
        guard !stopped, let open = view.openMapping else { return false }
        if let start = mappingStart {
            // Another mapping under the same key: keep to the first.
            guard start == open.start else { stopped = true; return false }
        } else {
            mappingStart = open.start
            nodes.reserveCapacity(expectedNodes)
            decoded.reserveCapacity(expectedNodes)
            index.reserveCapacity(expectedNodes)
        }
        let taken = links.count
        guard open.links.count > taken else { return false }
        var context = DecodingContext()
        swap(&context.diagnostics, &diagnostics)
        defer { swap(&context.diagnostics, &diagnostics) }
        let end = open.links.startIndex + min(open.links.count, taken + 2 * Self.sliceSize)
        var link = open.links.startIndex + taken
        while link < end {
            let key = view.node(open.links[link])
            let value = view.node(open.links[link + 1])
            links.append(key.index)
            links.append(value.index)
            link += 2
            // As `DecodingContext.mapping` leaves them out.
            if key.scalarText?.isToolKey == true { continue }
            let first = context.diagnostics.count
            if let node = ScriptDecoder.decodeNode(
                YAMLPair(key: key, value: value), variableNames: [], decoder: &decoder, context: &context) {
                index.insertIfAbsent(node.id, nodes.count)
                nodes.append(consume node)
                decoded.append(Decoded(keyLocation: key.start, firstDiagnostic: first))
            }
        }
        return true
    }

    /// Whether `pairs` (a finished mapping, `x-` pairs included) begins
    /// with the pairs decoded here.
    func isPrefix(of pairs: YAMLMapping) -> Bool {
        !links.isEmpty && pairs.links.count >= links.count && pairs.links.prefix(links.count).elementsEqual(links)
    }

    /// The problems of the decoded nodes with each clash with a variable
    /// where decoding with the variables would have reported it: first
    /// among its node's problems.
    func diagnostics(clashingWith variableNames: Set<String>) -> [Diagnostic] {
        guard !variableNames.isEmpty else { return diagnostics }
        var result: [Diagnostic] = []
        result.reserveCapacity(diagnostics.count)
        var from = 0
        // By position: binding each node to a name would copy all of it.
        for position in nodes.indices where variableNames.contains(nodes[position].id) {
            let decoded = decoded[position]
            result += diagnostics[from..<decoded.firstDiagnostic]
            result.append(ScriptDecoder.clash(nodes[position].id, at: decoded.keyLocation))
            from = decoded.firstDiagnostic
        }
        result += diagnostics[from...]
        return result
    }

    /// Hands the decoded nodes and their index over, leaving none here.
    mutating func takeNodes() -> (nodes: [Node], index: [String: Int]) {
        var taken: [Node] = []
        var takenIndex: [String: Int] = [:]
        swap(&taken, &nodes)
        swap(&takenIndex, &index)
        return (taken, takenIndex)
    }
}
