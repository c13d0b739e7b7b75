import CYAML

/// Reads libyaml's events into chunks, one event at a time, each deleted
/// before the next. It stops at the end of the stream, at libyaml's first
/// error, and right after the first collection that opens deeper than the
/// nesting limit: libyaml has no limit of its own and is quadratic on deep
/// flow nesting, so it must not read on (the tree builder then reports the
/// depth at that event).
struct YAMLEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var depth = 0
    /// No more chunks after the last one returned.
    private(set) var isDone = false

    init(parser: UnsafeMutablePointer<yaml_parser_t>, input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.parser = parser
        self.input = input
        self.maxDepth = maxDepth
    }

    /// Up to `limit` more events, in `spare`'s buffers when there is one.
    mutating func next(limit: Int, reusing spare: YAMLEventChunk? = nil) -> YAMLEventChunk {
        var chunk = spare ?? YAMLEventChunk(capacity: limit)
        chunk.clear()
        var event = yaml_event_t()
        while !isDone && chunk.events.count < limit {
            guard yaml_parser_parse(parser, &event) != 0 else {
                chunk.failure = YAMLParser.libyamlError(parser.pointee, bytes: input)
                isDone = true
                break
            }
            defer { yaml_event_delete(&event) }
            let start = SourceLocation(event.start_mark)
            let end = SourceLocation(event.end_mark)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                var raw = YAMLRawEvent(kind: .scalar, start: start, end: end)
                raw.style = Self.style(data.style)
                raw.value = chunk.store(data.value, count: Int(data.length))
                raw.anchor = Self.store(data.anchor, in: &chunk)
                raw.tag = Self.store(data.tag, in: &chunk)
                chunk.events.append(raw)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                var raw = YAMLRawEvent(kind: isSequence ? .sequenceStart : .mappingStart, start: start, end: end)
                let anchor = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                let tag = isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag
                raw.anchor = Self.store(anchor, in: &chunk)
                raw.tag = Self.store(tag, in: &chunk)
                chunk.events.append(raw)
                depth += 1
                if depth > maxDepth { isDone = true }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                chunk.events.append(YAMLRawEvent(kind: .collectionEnd, start: start, end: end))
                depth -= 1
            case YAML_ALIAS_EVENT:
                var raw = YAMLRawEvent(kind: .alias, start: start, end: end)
                raw.anchor = Self.store(event.data.alias.anchor, in: &chunk)
                chunk.events.append(raw)
            case YAML_DOCUMENT_START_EVENT:
                chunk.events.append(YAMLRawEvent(kind: .documentStart, start: start, end: end))
            case YAML_STREAM_END_EVENT:
                chunk.events.append(YAMLRawEvent(kind: .streamEnd, start: start, end: end))
                isDone = true
            default:
                break
            }
        }
        return chunk
    }

    private static func store(_ text: UnsafeMutablePointer<yaml_char_t>?, in chunk: inout YAMLEventChunk) -> YAMLRawEvent.Text {
        guard let text else { return .none }
        return chunk.store(text, count: strlen(text))
    }

    private static func strlen(_ text: UnsafeMutablePointer<yaml_char_t>) -> Int {
        var count = 0
        while text[count] != 0 { count += 1 }
        return count
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
