/// The keys a node may have, found in one pass over its pairs, so that
/// decoding a node does not scan and compare its keys once per key it reads.
struct NodeFields {
    /// Every key of `NodeDecoder.allKeys`, as a bit of `KeySet`.
    enum Key: Int, CaseIterable {
        case say, ask, offer, end, `return`, flow
        case when, next, set, hint, tags, with
        case type, options, min, max, pattern, message, optional, validate, save, item
        case task, transfer

        var name: String {
            switch self {
            case .say: return "say"
            case .ask: return "ask"
            case .offer: return "offer"
            case .end: return "end"
            case .return: return "return"
            case .flow: return "flow"
            case .with: return "with"
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
            case .task: return "task"
            case .transfer: return "transfer"
            }
        }

        /// The key spelled `text`. Its length and first byte leave at most
        /// two names to compare with (all keys are ASCII, and no other text
        /// is canonically equal to an ASCII letter of theirs).
        init?(_ text: String) {
            let utf8 = text.utf8
            guard let first = utf8.first else { return nil }
            // `task` is a third four-letter `t` key beside `tags` and `type`.
            if first == UInt8(ascii: "t"), text == "task" {
                self = .task
                return
            }
            let candidates: (Key, Key?)
            switch (first, utf8.count) {
            case (UInt8(ascii: "s"), 3): candidates = (.say, .set)
            case (UInt8(ascii: "s"), 4): candidates = (.save, nil)
            case (UInt8(ascii: "a"), 3): candidates = (.ask, nil)
            case (UInt8(ascii: "o"), 5): candidates = (.offer, nil)
            case (UInt8(ascii: "o"), 7): candidates = (.options, nil)
            case (UInt8(ascii: "o"), 8): candidates = (.optional, nil)
            case (UInt8(ascii: "e"), 3): candidates = (.end, nil)
            case (UInt8(ascii: "r"), 6): candidates = (.return, nil)
            case (UInt8(ascii: "w"), 4): candidates = (.when, .with)
            case (UInt8(ascii: "f"), 4): candidates = (.flow, nil)
            case (UInt8(ascii: "n"), 4): candidates = (.next, nil)
            case (UInt8(ascii: "h"), 4): candidates = (.hint, nil)
            case (UInt8(ascii: "t"), 4): candidates = (.tags, .type)
            case (UInt8(ascii: "t"), 8): candidates = (.transfer, nil)
            case (UInt8(ascii: "m"), 3): candidates = (.min, .max)
            case (UInt8(ascii: "m"), 7): candidates = (.message, nil)
            case (UInt8(ascii: "p"), 7): candidates = (.pattern, nil)
            case (UInt8(ascii: "v"), 8): candidates = (.validate, nil)
            case (UInt8(ascii: "i"), 4): candidates = (.item, nil)
            default: return nil
            }
            if text == candidates.0.name {
                self = candidates.0
            } else if let second = candidates.1, text == second.name {
                self = second
            } else {
                return nil
            }
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

    /// The document the values are in.
    private let storage: YAMLStorage
    /// The node index of the value under each key's first occurrence, -1
    /// for none: kept inline, so reading a node's fields allocates nothing.
    /// A SIMD vector rather than an `InlineArray`: its lanes are read as a
    /// value, where reading an `InlineArray` element made a copy of the
    /// whole `NodeFields` (and counted a reference to the storage) to have
    /// an address to read from.
    private var values = SIMD32<Int32>(repeating: -1)
    /// The keys present.
    private(set) var present = KeySet()
    /// Whether every key is a scalar spelling one of `Key`.
    private(set) var allKnown = true

    init(_ pairs: YAMLMapping) {
        storage = pairs.storage
        let links = pairs.links
        var link = links.startIndex
        while link < links.endIndex {
            defer { link += 2 }
            let record = storage.records[Int(links[link])]
            guard record.kind == .scalar, let key = Key(storage.scalars[Int(record.first)].text) else {
                allKnown = false
                continue
            }
            if !present.contains(key) {
                present.insert(key)
                values[key.rawValue] = links[link + 1]
            }
        }
    }

    /// Reads `value` under `key`, as if the key had been spelt right (a
    /// misspelt key already reported, issue 16).
    mutating func adopt(_ key: Key, _ value: YAMLNode) {
        guard !present.contains(key) else { return }
        present.insert(key)
        values[key.rawValue] = value.index
    }

    /// Whether every key is a known one within `allowed`.
    func onlyHasKeys(in allowed: KeySet) -> Bool {
        allKnown && present.bits & ~allowed.bits == 0
    }

    subscript(key: Key) -> YAMLNode? {
        let value = values[key.rawValue]
        return value < 0 ? nil : YAMLNode(storage, value)
    }

    /// Whether the key is present (without making its node).
    func has(_ key: Key) -> Bool { present.contains(key) }
}
