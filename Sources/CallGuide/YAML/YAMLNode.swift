/// A node of a loaded YAML document: a light value (the document's storage
/// and an index into it). Every scalar, sequence, mapping and key carries
/// where it starts in the file, so that every diagnostic can point at the
/// exact place. An alias refers to its anchor's node by index, never by a
/// copy: that keeps "billion laughs" input bounded in memory, and two
/// nodes are equal when they are the same node of the same document.
public struct YAMLNode: Sendable, Equatable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence(YAMLSequence)
        /// Pairs in document order; merge keys (`<<`) are already resolved.
        case mapping(YAMLMapping)
    }

    let storage: YAMLStorage
    let index: Int32

    init(_ storage: YAMLStorage, _ index: Int32) {
        self.storage = storage
        self.index = index
    }

    public static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        a.storage === b.storage && a.index == b.index
    }

    private var record: YAMLStorage.Record { storage.records[Int(index)] }

    public var content: Content {
        let record = self.record
        switch record.kind {
        case .scalar: return .scalar(storage.scalars[Int(record.first)])
        case .sequence: return .sequence(YAMLSequence(storage, record.links))
        case .mapping: return .mapping(YAMLMapping(storage, record.links, mayHaveToolKeys: record.mayHaveToolKeys))
        }
    }

    /// Where the node starts (1-based line and column).
    public var start: SourceLocation { record.start }
    /// Where the node ends (1-based, just past its last character).
    public var end: SourceLocation { record.end }
    /// The explicit tag (`!!str`, `!custom`), if any, in its short form.
    public var tag: String? {
        let tag = record.tag
        return tag < 0 ? nil : storage.tags[Int(tag)]
    }

    public var scalar: YAMLScalar? {
        let record = self.record
        return record.kind == .scalar ? storage.scalars[Int(record.first)] : nil
    }

    public var sequence: YAMLSequence? {
        let record = self.record
        return record.kind == .sequence ? YAMLSequence(storage, record.links) : nil
    }

    public var mapping: YAMLMapping? {
        let record = self.record
        return record.kind == .mapping ? YAMLMapping(storage, record.links, mayHaveToolKeys: record.mayHaveToolKeys) : nil
    }

    /// The value under a key whose scalar text is `key`, if any.
    public subscript(key: String) -> YAMLNode? {
        let record = self.record
        guard record.kind == .mapping else { return nil }
        var link = Int(record.first)
        let end = link + Int(record.count)
        while link < end {
            if storage.isScalar(storage.links[link], withText: key) {
                return YAMLNode(storage, storage.links[link + 1])
            }
            link += 2
        }
        return nil
    }

    /// Whether this is a scalar with exactly this text; compares in place.
    func isScalar(withText text: String) -> Bool {
        storage.isScalar(index, withText: text)
    }
}

/// The items of a sequence node, in document order.
public struct YAMLSequence: RandomAccessCollection, Sendable {
    let storage: YAMLStorage
    let links: ArraySlice<Int32>

    init(_ storage: YAMLStorage, _ range: Range<Int>) {
        self.storage = storage
        self.links = storage.links[range]
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { links.count }

    public subscript(position: Int) -> YAMLNode {
        YAMLNode(storage, links[links.startIndex + position])
    }
}

/// The key-value pairs of a mapping node, in document order.
public struct YAMLMapping: RandomAccessCollection, Sendable {
    let storage: YAMLStorage
    /// Key and value node indices, alternating.
    let links: ArraySlice<Int32>
    /// False when no key begins with `x-` (the builder noted it), so the
    /// decoder need not look for keys it skips.
    let mayHaveToolKeys: Bool

    init(_ storage: YAMLStorage, _ range: Range<Int>, mayHaveToolKeys: Bool) {
        self.storage = storage
        self.links = storage.links[range]
        self.mayHaveToolKeys = mayHaveToolKeys
    }

    /// A mapping over some of a document's pairs: key and value node
    /// indices, alternating.
    init(_ storage: YAMLStorage, links: ArraySlice<Int32>, mayHaveToolKeys: Bool = true) {
        self.storage = storage
        self.links = links
        self.mayHaveToolKeys = mayHaveToolKeys
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { links.count / 2 }

    public subscript(position: Int) -> YAMLPair {
        let link = links.startIndex + 2 * position
        return YAMLPair(key: YAMLNode(storage, links[link]), value: YAMLNode(storage, links[link + 1]))
    }

    /// The pairs that satisfy `isIncluded`, still as a mapping (filtering
    /// copies only node indices).
    public func pairs(where isIncluded: (YAMLPair) -> Bool) -> YAMLMapping {
        var kept: [Int32] = []
        kept.reserveCapacity(links.count)
        for pair in self where isIncluded(pair) {
            kept.append(pair.key.index)
            kept.append(pair.value.index)
        }
        return YAMLMapping(storage, links: kept[...], mayHaveToolKeys: mayHaveToolKeys)
    }
}

/// Every node of one document in flat arrays: one record per node, with
/// the children of collections as index runs in `links`. One object owns
/// the whole tree, so building and freeing it costs a few allocations
/// rather than one per node.
final class YAMLStorage: Sendable {
    enum Kind: UInt8, Sendable { case scalar, sequence, mapping }

    /// 32 bytes: a big script has a record for every scalar and collection,
    /// read again and again while decoding, so its size is memory to fill
    /// (page by page) and to read through.
    struct Record: Sendable {
        /// Where the node starts and ends, as 32-bit line and column
        /// numbers (`start` and `end` give them as locations).
        private var startLine, startColumn, endLine, endColumn: Int32
        /// Index into `tags`, or -1.
        var tag: Int32
        /// Scalars: index into `scalars`. Collections: first index into
        /// `links` (sequences: one per item; mappings: key then value).
        var first: Int32
        /// Collections: how many entries of `links` they use.
        var count: Int32
        var kind: Kind
        /// Mappings: whether a key may begin with `x-` (false only when none does).
        var mayHaveToolKeys = false

        init(start: SourceLocation, end: SourceLocation, tag: Int32, first: Int32, count: Int32, kind: Kind, mayHaveToolKeys: Bool = false) {
            startLine = Int32(clamping: start.line)
            startColumn = Int32(clamping: start.column)
            endLine = Int32(clamping: end.line)
            endColumn = Int32(clamping: end.column)
            self.tag = tag
            self.first = first
            self.count = count
            self.kind = kind
            self.mayHaveToolKeys = mayHaveToolKeys
        }

        var start: SourceLocation { SourceLocation(line: Int(startLine), column: Int(startColumn)) }
        var end: SourceLocation { SourceLocation(line: Int(endLine), column: Int(endColumn)) }
        var links: Range<Int> { Int(first)..<Int(first) + Int(count) }
    }

    let records: [Record]
    let scalars: [YAMLScalar]
    let links: [Int32]
    let tags: [String]

    init(records: [Record], scalars: [YAMLScalar], links: [Int32], tags: [String]) {
        self.records = records
        self.scalars = scalars
        self.links = links
        self.tags = tags
    }

    func isScalar(_ node: Int32, withText text: String) -> Bool {
        let record = records[Int(node)]
        return record.kind == .scalar && scalars[Int(record.first)].text == text
    }
}

public struct YAMLPair: Sendable {
    public let key: YAMLNode
    public let value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The scalar's text as written (after YAML's own unescaping and folding).
    public let text: String
    public let style: Style
    /// Which case `resolved` is, its number or bool in `payload`: a string
    /// value is always `text`, so a scalar is 32 bytes rather than 48 (a
    /// big script's tree holds hundreds of thousands of them).
    private let kind: Kind
    private let payload: UInt64

    private enum Kind: UInt8, Sendable, Hashable { case null, bool, integer, float, string }

    /// The value as YAML 1.1 types it: plain scalars may be null, bool, int
    /// or float; quoted and block scalars, and `!!str`, are always strings.
    public var resolved: YAMLResolvedValue {
        switch kind {
        case .null: return .null
        case .bool: return .bool(payload != 0)
        case .integer: return .integer(Int(truncatingIfNeeded: payload))
        case .float: return .float(Double(bitPattern: payload))
        case .string: return .string(text)
        }
    }

    /// `resolved`, when a string, must be `text` itself (as the loader
    /// makes it).
    public init(text: String, style: Style, resolved: YAMLResolvedValue) {
        self.text = text
        self.style = style
        switch resolved {
        case .null: (kind, payload) = (.null, 0)
        case .bool(let value): (kind, payload) = (.bool, value ? 1 : 0)
        case .integer(let value): (kind, payload) = (.integer, UInt64(truncatingIfNeeded: value))
        case .float(let value): (kind, payload) = (.float, value.bitPattern)
        case .string(let value):
            assert(value == text, "a scalar's string value is its text")
            (kind, payload) = (.string, 0)
        }
    }
}

/// A scalar's YAML 1.1 type. Floats keep their source text in the scalar so
/// the model can read them as exact decimals.
public enum YAMLResolvedValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int)
    case float(Double)
    case string(String)
}

/// A document that loaded, with the duplicate keys found on the way (libyaml
/// does not reject them; the checker reports them as E004).
public struct YAMLDocument: Sendable {
    public let root: YAMLNode?
    public let duplicateKeys: [YAMLDuplicateKey]

    public init(root: YAMLNode?, duplicateKeys: [YAMLDuplicateKey]) {
        self.root = root
        self.duplicateKeys = duplicateKeys
    }
}

public struct YAMLDuplicateKey: Sendable, Hashable {
    public let key: String
    /// The second (or later) occurrence.
    public let location: SourceLocation
    /// Where the key was first defined in that mapping.
    public let firstLocation: SourceLocation

    public init(key: String, location: SourceLocation, firstLocation: SourceLocation) {
        self.key = key
        self.location = location
        self.firstLocation = firstLocation
    }
}

/// Why a file could be read but not loaded. Becomes an E001 diagnostic.
public struct YAMLError: Error, Sendable, Hashable {
    public let message: String
    public let location: SourceLocation

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}

/// Bounds that make hostile input fail fast instead of exhausting memory.
public struct YAMLLimits: Sendable {
    public var maxDepth = 128
    /// Aliases may expand to `aliasAllowance` nodes, plus
    /// `aliasExpansionPerNode` for every node written in the document so
    /// far (scalars and collections, each alias counted at the size of the
    /// node it repeats). Aliases share their node rather than copying it,
    /// so this bounds the work of every reader that walks the expanded
    /// tree to a multiple of the document's own size.
    public var aliasAllowance = 100_000
    public var aliasExpansionPerNode = 10

    public init() {}
}
