/// Reads of a node's scalar made in place. `YAMLNode.scalar` copies the
/// whole `YAMLScalar` out of the document (its text and its resolved value,
/// which often holds a second string), and decoding reads scalars tens of
/// times per node: these read only the part that is needed.
extension YAMLNode {
    /// The index of the node's scalar in its document, nil for a collection.
    var scalarIndex: Int? {
        let record = storage.records[Int(index)]
        return record.kind == .scalar ? Int(record.first) : nil
    }

    /// The scalar's text, nil for a collection.
    var scalarText: String? {
        let record = storage.records[Int(index)]
        return record.kind == .scalar ? storage.scalars[Int(record.first)].text : nil
    }

    var isMapping: Bool { storage.records[Int(index)].kind == .mapping }
    var isSequence: Bool { storage.records[Int(index)].kind == .sequence }
}

extension YAMLStorage {
    /// Whether scalar `scalar` is written as nothing at all (or `~`, `null`)
    /// without quotes: an empty value.
    func isPlainNull(_ scalar: Int) -> Bool {
        guard scalars[scalar].style == .plain, case .null = scalars[scalar].resolved else { return false }
        return true
    }

    /// Whether scalar `scalar` is the plain `true`.
    func isTrue(_ scalar: Int) -> Bool {
        if case .bool(true) = scalars[scalar].resolved { return true }
        return false
    }
}

extension YAMLMapping {
    /// Whether a key is a scalar starting with `x-` (room for tools), read
    /// from the key's bytes.
    func hasToolKey() -> Bool {
        guard mayHaveToolKeys else { return false }
        var link = links.startIndex
        while link < links.endIndex {
            let record = storage.records[Int(links[link])]
            if record.kind == .scalar, storage.scalars[Int(record.first)].text.isToolKey { return true }
            link += 2
        }
        return false
    }
}

extension String {
    /// `hasPrefix("x-")`, decided by bytes unless a non-ASCII byte follows
    /// the `x-` (a combining mark there would make `-` another Character).
    var isToolKey: Bool {
        var iterator = utf8.makeIterator()
        guard iterator.next() == UInt8(ascii: "x"), iterator.next() == UInt8(ascii: "-") else { return false }
        if let third = iterator.next(), third >= 0x80 { return hasPrefix("x-") }
        return true
    }
}
