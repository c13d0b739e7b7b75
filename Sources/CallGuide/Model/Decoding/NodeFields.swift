/// The keys a node may have, found in one pass over its pairs, so that
/// decoding a node does not scan and compare its keys once per key it reads.
struct NodeFields {
    /// Every key of `NodeDecoder.allKeys`, as a bit of `KeySet`.
    enum Key: Int, CaseIterable {
        case say, ask, offer, end, `return`
        case when, next, set, hint, tags
        case type, options, min, max, pattern, message, optional, validate, save, item

        var name: String {
            switch self {
            case .say: return "say"
            case .ask: return "ask"
            case .offer: return "offer"
            case .end: return "end"
            case .return: return "return"
            case .when: return "when"
            case .next: return "next"
            case .set: return "set"
            case .hint: return "hint"
            case .tags: return "tags"
            case .type: return "type"
            case .options: return "options"
            case .min: return "min"
            case .max: return "max"
            case .pattern: return "pattern"
            case .message: return "message"
            case .optional: return "optional"
            case .validate: return "validate"
            case .save: return "save"
            case .item: return "item"
            }
        }

        /// The key spelled `text`, compared against at most three names.
        init?(_ text: String) {
            var found: Key?
            switch text.utf8.first {
            case UInt8(ascii: "s"): found = Self.match(text, .say, .set, .save)
            case UInt8(ascii: "a"): found = Self.match(text, .ask)
            case UInt8(ascii: "o"): found = Self.match(text, .offer, .options, .optional)
            case UInt8(ascii: "e"): found = Self.match(text, .end)
            case UInt8(ascii: "r"): found = Self.match(text, .return)
            case UInt8(ascii: "w"): found = Self.match(text, .when)
            case UInt8(ascii: "n"): found = Self.match(text, .next)
            case UInt8(ascii: "h"): found = Self.match(text, .hint)
            case UInt8(ascii: "t"): found = Self.match(text, .tags, .type)
            case UInt8(ascii: "m"): found = Self.match(text, .min, .max, .message)
            case UInt8(ascii: "p"): found = Self.match(text, .pattern)
            case UInt8(ascii: "v"): found = Self.match(text, .validate)
            case UInt8(ascii: "i"): found = Self.match(text, .item)
            default: found = nil
            }
            guard let found else { return nil }
            self = found
        }

        private static func match(_ text: String, _ a: Key, _ b: Key? = nil, _ c: Key? = nil) -> Key? {
            if text == a.name { return a }
            if let b, text == b.name { return b }
            if let c, text == c.name { return c }
            return nil
        }
    }

    /// A set of keys as bits.
    struct KeySet: Equatable {
        var bits: UInt32 = 0

        init(_ keys: [Key] = []) {
            for key in keys { insert(key) }
        }

        init(names: [String]) {
            for name in names { if let key = Key(name) { insert(key) } }
        }

        private init(bits: UInt32) { self.bits = bits }

        func contains(_ key: Key) -> Bool { bits & (1 << UInt32(key.rawValue)) != 0 }
        func intersection(_ other: KeySet) -> KeySet { KeySet(bits: bits & other.bits) }
        var count: Int { bits.nonzeroBitCount }
        mutating func insert(_ key: Key) { bits |= 1 << UInt32(key.rawValue) }
    }

    /// The value under each key's first occurrence.
    private var values = [YAMLNode?](repeating: nil, count: Key.allCases.count)
    /// The keys present.
    private(set) var present = KeySet()
    /// Whether every key is a scalar spelling one of `Key`.
    private(set) var allKnown = true

    init(_ pairs: YAMLMapping) {
        for pair in pairs {
            guard case .scalar(let scalar) = pair.key.content, let key = Key(scalar.text) else {
                allKnown = false
                continue
            }
            if !present.contains(key) {
                present.insert(key)
                values[key.rawValue] = pair.value
            }
        }
    }

    /// Whether every key is a known one within `allowed`.
    func onlyHasKeys(in allowed: KeySet) -> Bool {
        allKnown && present.bits & ~allowed.bits == 0
    }

    subscript(key: Key) -> YAMLNode? { values[key.rawValue] }
}
