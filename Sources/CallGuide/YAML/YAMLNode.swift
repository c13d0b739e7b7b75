/// A node of a loaded YAML document. Every scalar, sequence, mapping and key
/// carries where it starts in the file, so that every diagnostic can point
/// at the exact place. Nodes are shared, never copied, when an alias refers
/// to an anchor: that keeps "billion laughs" input bounded in memory.
public final class YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// Pairs in document order; merge keys (`<<`) are already resolved.
        case mapping([YAMLPair])
    }

    public let content: Content
    /// Where the node starts (1-based line and column).
    public let start: SourceLocation
    /// Where the node ends (1-based, just past its last character).
    public let end: SourceLocation
    /// The explicit tag (`!!str`, `!custom`), if any, in its short form.
    public let tag: String?

    public init(content: Content, start: SourceLocation, end: SourceLocation, tag: String? = nil) {
        self.content = content
        self.start = start
        self.end = end
        self.tag = tag
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value under a key whose scalar text is `key`, if any.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        for pair in pairs where pair.key.isScalar(withText: key) { return pair.value }
        return nil
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
    /// The value as YAML 1.1 types it: plain scalars may be null, bool, int
    /// or float; quoted and block scalars, and `!!str`, are always strings.
    public let resolved: YAMLResolvedValue

    public init(text: String, style: Style, resolved: YAMLResolvedValue) {
        self.text = text
        self.style = style
        self.resolved = resolved
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
    public var maxAliasExpansion = 100_000

    public init() {}
}
