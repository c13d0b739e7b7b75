/// A run of libyaml events copied out of libyaml's own buffers, so that one
/// thread can read YAML while another builds the tree from what it read.
/// Texts (scalar values, anchors, tags) live in one byte arena per chunk.
struct YAMLEventChunk: Sendable {
    var events: [YAMLRawEvent] = []
    var bytes: [UInt8] = []
    /// Why reading stopped after the last event, when libyaml failed.
    var failure: YAMLError?

    init(capacity: Int = 0) {
        events.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 24)
    }

    /// Empties the chunk for reuse, keeping its buffers: chunks go back and
    /// forth between the two threads instead of each being fresh memory.
    mutating func clear() {
        events.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        failure = nil
    }

    /// Copies `count` bytes from `text` into the arena; returns their range.
    mutating func store(_ text: UnsafePointer<UInt8>, count: Int) -> YAMLRawEvent.Text {
        let offset = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
        return YAMLRawEvent.Text(offset: Int32(truncatingIfNeeded: offset), count: Int32(truncatingIfNeeded: count))
    }
}

/// One parse event, with its texts as ranges of its chunk's arena.
struct YAMLRawEvent: Sendable {
    enum Kind: UInt8, Sendable {
        case scalar, sequenceStart, mappingStart, collectionEnd, alias, documentStart, streamEnd
    }

    /// A range of the chunk's arena; `offset` is -1 when there is no text.
    struct Text: Sendable {
        var offset: Int32
        var count: Int32
        static let none = Text(offset: -1, count: 0)
        var isPresent: Bool { offset >= 0 }
    }

    var kind: Kind
    var style: YAMLScalar.Style = .plain
    var start: SourceLocation
    var end: SourceLocation
    /// Scalars: the value. Aliases: nothing (the name is the anchor).
    var value = Text.none
    /// Anchors of nodes; for aliases, the anchor they name.
    var anchor = Text.none
    /// The full tag as written in the event (`tag:yaml.org,2002:str`).
    var tag = Text.none
}
