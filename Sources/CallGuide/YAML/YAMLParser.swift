import CYAML

/// Loads YAML text through libyaml's event API into a located node tree.
///
/// Each event goes straight from libyaml into the tree builder, so hostile
/// input stops at the first event past a limit (nesting, alias expansion, a
/// second document) rather than after libyaml has read the whole file.
/// libyaml has no nesting limit of its own and is quadratic on deep flow
/// nesting: the builder refuses the first collection past the limit, and
/// reading stops there.
public enum YAMLParser {
    /// Parses one document. An empty file (or one with only comments) gives
    /// a document with no root.
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLDocument {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(YAMLError) -> YAMLDocument in try parse(buffer, limits: limits) }
        }
        return try result.get()
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) throws(YAMLError) -> YAMLDocument {
        // A file in the wrong encoding is refused at its first bad byte,
        // before libyaml gives a vaguer reader error.
        try YAMLTextCheck.validate(bytes)
        var builder = YAMLTreeBuilder(limits: limits, expectedBytes: bytes.count)
        let read = try withLibYAMLParser(reading: bytes) { parser throws(YAMLError) -> Bool in
            var event = yaml_event_t()
            var documents = 0
            while true {
                guard yaml_parser_parse(parser, &event) != 0 else {
                    throw libyamlError(parser.pointee, bytes: bytes)
                }
                defer { yaml_event_delete(&event) }
                if try consume(event, into: &builder, documents: &documents) { return true }
            }
        }
        guard read != nil else { throw outOfMemory }
        return builder.document()
    }

    static let outOfMemory = YAMLError("libyaml could not start (out of memory)", at: SourceLocation(line: 1, column: 1))

    /// Hands one event to the builder; returns true at the end of the stream.
    private static func consume(
        _ event: yaml_event_t, into builder: inout YAMLTreeBuilder, documents: inout Int
    ) throws(YAMLError) -> Bool {
        let start = SourceLocation(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let fullTag = string(data.tag)
            let scalar = typedScalar(
                UnsafeBufferPointer(start: data.value, count: Int(data.length)), style: style(data.style), fullTag: fullTag)
            try builder.scalar(
                scalar, start: start, end: SourceLocation(event.end_mark), tag: fullTag.map(shortTag), anchor: string(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try builder.startSequence(at: start, tag: string(data.tag).map(shortTag), anchor: string(data.anchor))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try builder.startMapping(at: start, tag: string(data.tag).map(shortTag), anchor: string(data.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            try builder.endCollection(at: SourceLocation(event.end_mark))
        case YAML_ALIAS_EVENT:
            try builder.alias(string(event.data.alias.anchor) ?? "", at: start)
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError("a script file holds one YAML document", at: start)
            }
        case YAML_STREAM_END_EVENT:
            return true
        default:
            break
        }
        return false
    }

    /// An anchor or tag: a NUL-terminated text, or nothing.
    private static func string(_ text: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        text.map { String(cString: $0) }
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

    /// A scalar's text, typed as YAML 1.1 types it.
    private static func typedScalar(_ raw: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style, fullTag: String?) -> YAMLScalar {
        let text = String(decoding: raw, as: UTF8.self)
        let resolved: YAMLResolvedValue
        if let fullTag {
            resolved = YAMLScalarResolver.resolveTagged(fullTag, bytes: raw, text: text)
        } else if style == .plain {
            resolved = YAMLScalarResolver.resolvePlain(raw, text: text)
        } else {
            resolved = .string(text)
        }
        return YAMLScalar(text: text, style: style, resolved: resolved)
    }

    /// `tag:yaml.org,2002:str` as `!!str`; other tags as written.
    private static func shortTag(_ full: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return full.hasPrefix(prefix) ? "!!" + full.dropFirst(prefix.count) : full
    }

    /// libyaml's problem (with its context) at the problem mark, or at the
    /// context mark when libyaml gave no problem mark.
    static func libyamlError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "the text is not valid YAML"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return YAMLError("libyaml ran out of memory", at: SourceLocation(line: 1, column: 1))
        case YAML_READER_ERROR:
            var message = problem
            if parser.problem_value >= 0 {
                message += " (character U+" + String(parser.problem_value, radix: 16, uppercase: true) + ")"
            }
            return YAMLError(message, at: YAMLTextCheck.location(ofByte: Int(parser.problem_offset), in: bytes))
        default:
            break
        }
        let mark = parser.problem_mark
        let hasProblemMark = mark.index != 0 || mark.line != 0 || mark.column != 0
        let location = SourceLocation(hasProblemMark ? mark : parser.context_mark)
        guard let context = parser.context.map({ String(cString: $0) }) else {
            return YAMLError(problem, at: location)
        }
        let contextLocation = SourceLocation(parser.context_mark)
        if contextLocation != location {
            return YAMLError("\(problem) (\(context) that started at \(contextLocation))", at: location)
        }
        return YAMLError("\(problem) (\(context))", at: location)
    }
}
