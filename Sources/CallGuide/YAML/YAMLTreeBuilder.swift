/// Builds the flat node storage from a stream of parse events with an
/// explicit stack (no recursion), resolving anchors by sharing node
/// indices, counting alias expansion, applying merge keys and collecting
/// duplicate keys.
struct YAMLTreeBuilder {
    private enum Kind { case document, sequence, mapping }

    /// A collection whose end event has not arrived yet.
    private struct Frame {
        let kind: Kind
        let start: SourceLocation
        let tag: Int32
        let anchor: String?
        /// Where this collection's entries begin in `pending`.
        let firstEntry: Int
        /// Nodes in this subtree, aliases counted at their expanded size.
        var size = 1
        var pendingKey: Int32 = -1
        var pendingKeyIsMerge = false
        /// Whether a key begins with `x-`, here or in a merged mapping.
        var mayHaveToolKeys = false
        /// The scalar keys and where each first appeared, built only once
        /// the mapping is large: small mappings are scanned, which is cheaper.
        var keyTable: YAMLKeyTable?
        /// Merge sources, each with the pair index where the `<<` stood.
        var merges: [(index: Int, source: Int32)] = []

        init(kind: Kind, start: SourceLocation, tag: Int32, anchor: String?, firstEntry: Int) {
            self.kind = kind
            self.start = start
            self.tag = tag
            self.anchor = anchor
            self.firstEntry = firstEntry
        }
    }

    private static let scanLimit = 12

    private let limits: YAMLLimits
    /// The collection being built; at the bottom, the document itself.
    private var current = Frame(kind: .document, start: SourceLocation(line: 1, column: 1), tag: -1, anchor: nil, firstEntry: 0)
    /// The collections (and the document) that contain `current`.
    private var parents: [Frame] = []
    /// The entries of every open collection, innermost last: item indices
    /// of sequences, key and value indices of mappings.
    private var pending: [Int32] = []
    private var anchors: [String: (node: Int32, size: Int)] = [:]
    private var aliasExpansion = 0
    private var records: [YAMLStorage.Record] = []
    private var scalars: [YAMLScalar] = []
    private var links: [Int32] = []
    private var tags: [String] = []
    private var root: Int32 = -1
    private(set) var duplicateKeys: [YAMLDuplicateKey] = []

    init(limits: YAMLLimits, expectedBytes: Int = 0) {
        self.limits = limits
        parents.reserveCapacity(min(max(limits.maxDepth, 0), 256))
        // About one node per 12 bytes of a typical script.
        let guess = min(expectedBytes / 12, 1 << 20)
        records.reserveCapacity(guess)
        scalars.reserveCapacity(guess)
        links.reserveCapacity(guess)
        pending.reserveCapacity(256)
    }

    /// The finished document.
    func document() -> YAMLDocument {
        let storage = YAMLStorage(records: records, scalars: scalars, links: links, tags: tags)
        return YAMLDocument(root: root < 0 ? nil : YAMLNode(storage, root), duplicateKeys: duplicateKeys)
    }

    // MARK: Events

    mutating func startSequence(at start: SourceLocation, tag: String?, anchor: String?) throws(YAMLError) {
        try push(.sequence, at: start, tag: tag, anchor: anchor)
    }

    mutating func startMapping(at start: SourceLocation, tag: String?, anchor: String?) throws(YAMLError) {
        try push(.mapping, at: start, tag: tag, anchor: anchor)
    }

    mutating func endCollection(at end: SourceLocation) throws(YAMLError) {
        guard current.kind != .document, !parents.isEmpty else { return }
        // Moved, not copied: the parent's buffers must stay uniquely owned.
        var frame = parents.removeLast()
        swap(&frame, &current)
        let first = links.count
        switch frame.kind {
        case .document:
            return
        case .sequence:
            links.append(contentsOf: pending[frame.firstEntry...])
        case .mapping:
            if frame.merges.isEmpty {
                links.append(contentsOf: pending[frame.firstEntry...])
            } else {
                appendMerged(frame)
            }
        }
        pending.removeSubrange(frame.firstEntry...)
        let count = links.count - first
        let node = try addRecord(YAMLStorage.Record(
            start: frame.start, end: end, tag: frame.tag,
            first: Int32(truncatingIfNeeded: first), count: Int32(truncatingIfNeeded: count),
            kind: frame.kind == .sequence ? .sequence : .mapping, mayHaveToolKeys: frame.mayHaveToolKeys))
        if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
        try add(node, size: frame.size, at: frame.start)
    }

    mutating func scalar(
        _ scalar: YAMLScalar, start: SourceLocation, end: SourceLocation, tag: String?, anchor: String?
    ) throws(YAMLError) {
        scalars.append(scalar)
        let node = try addRecord(YAMLStorage.Record(
            start: start, end: end, tag: tagIndex(tag), first: Int32(truncatingIfNeeded: scalars.count - 1), count: 0,
            kind: .scalar))
        if let anchor { anchors[anchor] = (node, 1) }
        try add(node, size: 1, at: start)
    }

    mutating func alias(_ name: String, at location: SourceLocation) throws(YAMLError) {
        guard let target = anchors[name] else {
            throw YAMLError("the alias *\(name) refers to no anchor &\(name) defined before it", at: location)
        }
        aliasExpansion += target.size
        // Bounded by the document's own size so far (`records`: the nodes
        // written in it), as hardened YAML libraries bound it: a big script
        // with a merge key in every block expands in proportion to its
        // text, a "billion laughs" document far beyond it.
        if aliasExpansion > limits.aliasAllowance + limits.aliasExpansionPerNode * records.count {
            throw YAMLError(
                "alias expansion exceeds \(limits.aliasAllowance) nodes plus \(limits.aliasExpansionPerNode) per node written"
                    + " (a 'billion laughs' document?)",
                at: location)
        }
        try add(target.node, size: target.size, at: location)
    }

    // MARK: Building

    private mutating func push(_ kind: Kind, at start: SourceLocation, tag: String?, anchor: String?) throws(YAMLError) {
        // `parents` holds the document and every open collection but `current`.
        guard parents.count < limits.maxDepth else {
            throw YAMLError("the document nests deeper than \(limits.maxDepth) levels", at: start)
        }
        var frame = Frame(kind: kind, start: start, tag: tagIndex(tag), anchor: anchor, firstEntry: pending.count)
        swap(&frame, &current)
        parents.append(frame)
    }

    private mutating func tagIndex(_ tag: String?) -> Int32 {
        guard let tag else { return -1 }
        tags.append(tag)
        return Int32(truncatingIfNeeded: tags.count - 1)
    }

    /// Stores a node's record and returns its index. Indices are 32-bit
    /// (callers truncate, this check catches it before the record is used):
    /// a document past that many nodes (or links) is refused, not wrapped.
    private mutating func addRecord(_ record: YAMLStorage.Record) throws(YAMLError) -> Int32 {
        guard records.count < Int(Int32.max), links.count < Int(Int32.max), scalars.count < Int(Int32.max),
              tags.count < Int(Int32.max) else {
            throw YAMLError("the document has too many nodes", at: record.start)
        }
        records.append(record)
        return Int32(records.count - 1)
    }

    /// Hands a finished node to the collection being built (or makes it the
    /// root). `location` is where it appears: for an alias, the alias.
    private mutating func add(_ node: Int32, size: Int, at location: SourceLocation) throws(YAMLError) {
        current.size += size
        switch current.kind {
        case .document:
            root = node
        case .sequence:
            pending.append(node)
        case .mapping:
            let key = current.pendingKey
            guard key >= 0 else {
                addKey(node, at: location)
                return
            }
            current.pendingKey = -1
            if current.pendingKeyIsMerge {
                current.pendingKeyIsMerge = false
                try addMergeSource(node, at: location)
            } else {
                pending.append(key)
                pending.append(node)
            }
        }
    }

    private mutating func addKey(_ node: Int32, at location: SourceLocation) {
        current.pendingKey = node
        let record = records[Int(node)]
        guard record.kind == .scalar else { return }
        let scalar = scalars[Int(record.first)]
        if !current.mayHaveToolKeys, scalar.text.isToolKey { current.mayHaveToolKeys = true }
        if Self.isMergeKey(scalar, tag: record.tag < 0 ? nil : tags[Int(record.tag)]) {
            current.pendingKeyIsMerge = true
        } else if let first = firstLocation(ofKey: scalar.text, scalar: record.first, at: location) {
            duplicateKeys.append(YAMLDuplicateKey(key: scalar.text, location: location, firstLocation: first))
        }
    }

    /// Where `text` was already a key of the current mapping, or nil after
    /// remembering that it is one now (scalar `scalar`, at `location`).
    /// Keys are the same when their bytes are (see `YAMLKeyTable`).
    private mutating func firstLocation(ofKey text: String, scalar: Int32, at location: SourceLocation) -> SourceLocation? {
        if current.keyTable != nil {
            return current.keyTable!.firstLocation(of: text, scalar: scalar, at: location, in: scalars)
        }
        if let first = scannedLocation(ofKey: text) { return first }
        if (pending.count - current.firstEntry) / 2 >= Self.scanLimit {
            var table = keyTable(from: current.firstEntry)
            _ = table.firstLocation(of: text, scalar: scalar, at: location, in: scalars)
            current.keyTable = table
        }
        return nil
    }

    /// Where `text` is a key among the current mapping's pairs, by scanning.
    private func scannedLocation(ofKey text: String) -> SourceLocation? {
        var link = current.firstEntry
        while link < pending.count {
            let key = pending[link]
            let record = records[Int(key)]
            if record.kind == .scalar, scalars[Int(record.first)].text.hasSameUTF8(as: text) { return record.start }
            link += 2
        }
        return nil
    }

    /// The scalar keys of the pairs in `pending` from `first`, each at its
    /// first location.
    private func keyTable(from first: Int) -> YAMLKeyTable {
        var table = YAMLKeyTable(capacity: 4 * Self.scanLimit)
        var link = first
        while link < pending.count {
            let record = records[Int(pending[link])]
            if record.kind == .scalar {
                _ = table.firstLocation(of: scalars[Int(record.first)].text, scalar: record.first, at: record.start, in: scalars)
            }
            link += 2
        }
        return table
    }

    private mutating func addMergeSource(_ node: Int32, at location: SourceLocation) throws(YAMLError) {
        let index = (pending.count - current.firstEntry) / 2
        let record = records[Int(node)]
        if record.kind == .mapping {
            current.mayHaveToolKeys = current.mayHaveToolKeys || record.mayHaveToolKeys
            current.merges.append((index, node))
        } else if record.kind == .sequence,
                  links[record.links].allSatisfy({ records[Int($0)].kind == .mapping }) {
            for source in links[record.links] {
                current.mayHaveToolKeys = current.mayHaveToolKeys || records[Int(source)].mayHaveToolKeys
                current.merges.append((index, source))
            }
        } else {
            throw YAMLError("a merge key '<<' takes a mapping or a list of mappings", at: location)
        }
    }

    /// YAML 1.1 merge: a plain `<<` key, untagged or tagged `!!merge`.
    private static func isMergeKey(_ scalar: YAMLScalar, tag: String?) -> Bool {
        guard scalar.style == .plain, scalar.text == "<<" else { return false }
        return tag == nil || tag == "!!merge"
    }

    /// Appends to `links` the mapping's pairs with merged pairs inserted
    /// where their `<<` stood, skipping keys the mapping sets itself or an
    /// earlier source already gave. Keys are the same when their bytes are,
    /// as for repeated keys (`YAMLKeyTable`).
    private mutating func appendMerged(_ frame: Frame) {
        let own = pending[frame.firstEntry...]
        var seen = YAMLKeyTable(capacity: own.count / 2)
        /// Whether `key` is a scalar key not seen before (and now seen).
        func isNew(_ key: Int32) -> Bool {
            let record = records[Int(key)]
            guard record.kind == .scalar else { return true }
            return seen.firstLocation(of: scalars[Int(record.first)].text, scalar: record.first, at: record.start, in: scalars) == nil
        }
        var link = own.startIndex
        while link < own.endIndex {
            _ = isNew(own[link])
            link += 2
        }
        var result: [Int32] = []
        result.reserveCapacity(own.count)
        var next = 0
        func insertMerges(upTo index: Int) {
            while next < frame.merges.count && frame.merges[next].index <= index {
                let source = records[Int(frame.merges[next].source)]
                var link = Int(source.first)
                let end = link + Int(source.count)
                while link < end {
                    if isNew(links[link]) {
                        result.append(links[link])
                        result.append(links[link + 1])
                    }
                    link += 2
                }
                next += 1
            }
        }
        var index = 0
        link = own.startIndex
        while link < own.endIndex {
            insertMerges(upTo: index)
            result.append(own[link])
            result.append(own[link + 1])
            index += 1
            link += 2
        }
        insertMerges(upTo: Int.max)
        links.append(contentsOf: result)
    }
}
