import CYAML

/// Reads libyaml's events into chunks. It stops at the end of the stream, at libyaml's first
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

    /// Up to `limit` more events, in `spare`'s buffer when there is one (its
    /// old events are deleted first, here on the reading thread).
    mutating func next(limit: Int, reusing spare: YAMLEventChunk? = nil) -> YAMLEventChunk {
        var chunk = spare ?? YAMLEventChunk(capacity: limit)
        chunk.release()
        var event = yaml_event_t()
        while !isDone && chunk.events.count < limit {
            guard yaml_parser_parse(parser, &event) != 0 else {
                chunk.failure = YAMLParser.libyamlError(parser.pointee, bytes: input)
                isDone = true
                break
            }
            chunk.append(event)
            switch event.type {
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                depth += 1
                if depth > maxDepth { isDone = true }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                depth -= 1
            case YAML_STREAM_END_EVENT:
                isDone = true
            default:
                break
            }
        }
        return chunk
    }

    static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
