/// Builds the node tree from a stream of parse events with an explicit stack
/// (no recursion), resolving anchors by sharing nodes, counting alias
/// expansion, applying merge keys and collecting duplicate keys.
struct YAMLTreeBuilder {
    private enum Kind { case document, sequence, mapping }

    /// A collection whose end event has not arrived yet.
    private struct Frame {
        let kind: Kind
        let start: SourceLocation
        let tag: String?
        let anchor: String?
        /// Nodes in this subtree, aliases counted at their expanded size.
        var size = 1
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var pendingKeyIsMerge = false
        /// Scalar key text -> where it first appeared, built only once the
        /// mapping is large: small mappings are scanned, which is cheaper.
        var keyIndex: [String: SourceLocation]?
        /// Merge sources, each with the pair index where the `<<` stood.
        var merges: [(index: Int, source: YAMLNode)] = []

        init(kind: Kind, start: SourceLocation, tag: String?, anchor: String?) {
            self.kind = kind
            self.start = start
            self.tag = tag
            self.anchor = anchor
        }

        private static let scanLimit = 12

        /// Where `text` was already a key of this mapping, or nil after
        /// remembering that it is one now (at `location`).
        mutating func firstLocation(ofKey text: String, at location: SourceLocation) -> SourceLocation? {
            if keyIndex == nil {
                for pair in pairs where pair.key.isScalar(withText: text) {
                    return pair.key.start
                }
                guard pairs.count >= Self.scanLimit else { return nil }
                var index: [String: SourceLocation] = [:]
                index.reserveCapacity(pairs.count * 2)
                for pair in pairs {
                    if let key = pair.key.scalar?.text, index[key] == nil { index[key] = pair.key.start }
                }
                index[text] = location
                keyIndex = index
                return nil
            }
            if let first = keyIndex?[text] { return first }
            keyIndex?[text] = location
            return nil
        }
    }

    private let limits: YAMLLimits
    /// The collection being built; at the bottom, the document itself.
    private var current = Frame(kind: .document, start: SourceLocation(line: 1, column: 1), tag: nil, anchor: nil)
    /// The collections (and the document) that contain `current`.
    private var parents: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var aliasExpansion = 0
    private(set) var root: YAMLNode?
    private(set) var duplicateKeys: [YAMLDuplicateKey] = []

    init(limits: YAMLLimits) {
        self.limits = limits
        parents.reserveCapacity(min(max(limits.maxDepth, 0), 256))
    }

    // MARK: Events

    mutating func startSequence(at start: SourceLocation, tag: String?, anchor: String?) throws(YAMLError) {
        try push(Frame(kind: .sequence, start: start, tag: tag, anchor: anchor))
    }

    mutating func startMapping(at start: SourceLocation, tag: String?, anchor: String?) throws(YAMLError) {
        try push(Frame(kind: .mapping, start: start, tag: tag, anchor: anchor))
    }

    mutating func endCollection(at end: SourceLocation) throws(YAMLError) {
        guard current.kind != .document, !parents.isEmpty else { return }
        // Moved, not copied: the parent's buffers must stay uniquely owned
        // or every later append would copy them.
        var frame = parents.removeLast()
        swap(&frame, &current)
        let content: YAMLNode.Content
        switch frame.kind {
        case .document:
            return
        case .sequence:
            content = .sequence(frame.items)
        case .mapping:
            content = .mapping(frame.merges.isEmpty ? frame.pairs : Self.merged(frame))
        }
        let node = YAMLNode(content: content, start: frame.start, end: end, tag: frame.tag)
        if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
        try add(node, size: frame.size, at: frame.start)
    }

    mutating func scalar(_ node: YAMLNode, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = (node, 1) }
        try add(node, size: 1, at: node.start)
    }

    mutating func alias(_ name: String, at location: SourceLocation) throws(YAMLError) {
        guard let target = anchors[name] else {
            throw YAMLError("the alias *\(name) refers to no anchor &\(name) defined before it", at: location)
        }
        aliasExpansion += target.size
        if aliasExpansion > limits.maxAliasExpansion {
            throw YAMLError(
                "alias expansion exceeds \(limits.maxAliasExpansion) nodes (a 'billion laughs' document?)",
                at: location)
        }
        try add(target.node, size: target.size, at: location)
    }

    // MARK: Building

    private mutating func push(_ frame: Frame) throws(YAMLError) {
        // `parents` holds the document and every open collection but `current`.
        guard parents.count < limits.maxDepth else {
            throw YAMLError("the document nests deeper than \(limits.maxDepth) levels", at: frame.start)
        }
        var frame = frame
        // Most collections hold a few entries: one allocation instead of
        // growing 1, 2, 4.
        if frame.kind == .sequence { frame.items.reserveCapacity(4) } else { frame.pairs.reserveCapacity(4) }
        swap(&frame, &current)
        parents.append(frame)
    }

    /// Hands a finished node to the collection being built (or makes it the
    /// root). `location` is where it appears: for an alias, the alias.
    private mutating func add(_ node: YAMLNode, size: Int, at location: SourceLocation) throws(YAMLError) {
        current.size += size
        switch current.kind {
        case .document:
            root = node
        case .sequence:
            current.items.append(node)
        case .mapping:
            guard let key = current.pendingKey else {
                addKey(node, at: location)
                return
            }
            current.pendingKey = nil
            if current.pendingKeyIsMerge {
                current.pendingKeyIsMerge = false
                try addMergeSource(node, at: location)
            } else {
                current.pairs.append(YAMLPair(key: key, value: node))
            }
        }
    }

    private mutating func addKey(_ node: YAMLNode, at location: SourceLocation) {
        current.pendingKey = node
        guard case .scalar(let scalar) = node.content else { return }
        if Self.isMergeKey(scalar, tag: node.tag) {
            current.pendingKeyIsMerge = true
        } else if let first = current.firstLocation(ofKey: scalar.text, at: location) {
            duplicateKeys.append(YAMLDuplicateKey(key: scalar.text, location: location, firstLocation: first))
        }
    }

    private mutating func addMergeSource(_ node: YAMLNode, at location: SourceLocation) throws(YAMLError) {
        let index = current.pairs.count
        if node.mapping != nil {
            current.merges.append((index, node))
        } else if let sources = node.sequence, sources.allSatisfy({ $0.mapping != nil }) {
            for source in sources { current.merges.append((index, source)) }
        } else {
            throw YAMLError("a merge key '<<' takes a mapping or a list of mappings", at: location)
        }
    }

    /// YAML 1.1 merge: a plain `<<` key, untagged or tagged `!!merge`.
    private static func isMergeKey(_ scalar: YAMLScalar, tag: String?) -> Bool {
        guard scalar.style == .plain, scalar.text == "<<" else { return false }
        return tag == nil || tag == "!!merge"
    }

    /// The mapping's pairs with merged pairs inserted where their `<<` stood,
    /// skipping keys the mapping sets itself or an earlier source already gave.
    private static func merged(_ frame: Frame) -> [YAMLPair] {
        var seen = Set(frame.pairs.compactMap { $0.key.scalar?.text })
        var result: [YAMLPair] = []
        result.reserveCapacity(frame.pairs.count)
        var next = 0
        func insertMerges(upTo index: Int) {
            while next < frame.merges.count && frame.merges[next].index <= index {
                for pair in frame.merges[next].source.mapping ?? [] {
                    if let text = pair.key.scalar?.text {
                        if seen.insert(text).inserted { result.append(pair) }
                    } else {
                        result.append(pair)
                    }
                }
                next += 1
            }
        }
        for (index, pair) in frame.pairs.enumerated() {
            insertMerges(upTo: index)
            result.append(pair)
        }
        insertMerges(upTo: Int.max)
        return result
    }
}

extension YAMLNode {
    /// Whether this is a scalar with exactly this text; compares in place.
    func isScalar(withText text: String) -> Bool {
        if case .scalar(let scalar) = content { return scalar.text == text }
        return false
    }
}
