import CYAML

/// Loads YAML text through libyaml's event API into a located node tree.
///
/// The loader streams events into an explicit stack, so hostile input stops
/// at the first event past a limit (nesting, alias expansion, a second
/// document) rather than after libyaml has read the whole file.
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
        try YAMLTextCheck.validate(bytes)
        let document = try withLibYAMLParser(reading: bytes) { parser throws(YAMLError) -> YAMLDocument in
            try load(from: parser, bytes: bytes, limits: limits)
        }
        guard let document else {
            throw YAMLError("libyaml could not start (out of memory)", at: SourceLocation(line: 1, column: 1))
        }
        return document
    }

    /// The event loop: one event at a time, each deleted before the next.
    private static func load(
        from parser: UnsafeMutablePointer<yaml_parser_t>,
        bytes: UnsafeBufferPointer<UInt8>,
        limits: YAMLLimits
    ) throws(YAMLError) -> YAMLDocument {
        var builder = YAMLTreeBuilder(limits: limits, expectedBytes: bytes.count)
        var documents = 0
        var event = yaml_event_t()
        events: while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                throw libyamlError(parser.pointee, bytes: bytes)
            }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let anchor = data.anchor.map { String(cString: $0) }
                let (scalar, tag) = typedScalar(event)
                try builder.scalar(
                    scalar, start: SourceLocation(event.start_mark), end: SourceLocation(event.end_mark),
                    tag: tag, anchor: anchor)
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                try builder.startSequence(
                    at: SourceLocation(event.start_mark),
                    tag: data.tag.map(shortTag), anchor: data.anchor.map { String(cString: $0) })
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                try builder.startMapping(
                    at: SourceLocation(event.start_mark),
                    tag: data.tag.map(shortTag), anchor: data.anchor.map { String(cString: $0) })
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try builder.endCollection(at: SourceLocation(event.end_mark))
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                try builder.alias(name, at: SourceLocation(event.start_mark))
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLError("a script file holds one YAML document", at: SourceLocation(event.start_mark))
                }
            case YAML_STREAM_END_EVENT:
                break events
            default:
                break
            }
        }
        return builder.document()
    }

    /// A scalar event as a typed scalar and its short tag, the text built
    /// straight from libyaml's buffer.
    private static func typedScalar(_ event: yaml_event_t) -> (YAMLScalar, tag: String?) {
        let data = event.data.scalar
        let raw = UnsafeBufferPointer(start: data.value, count: Int(data.length))
        let text = String(decoding: raw, as: UTF8.self)
        let style: YAMLScalar.Style
        switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        let resolved: YAMLResolvedValue
        var tag: String?
        if let rawTag = data.tag {
            let fullTag = String(cString: rawTag)
            tag = shortTag(fullTag)
            resolved = YAMLScalarResolver.resolveTagged(fullTag, bytes: raw, text: text)
        } else if style == .plain {
            resolved = YAMLScalarResolver.resolvePlain(raw, text: text)
        } else {
            resolved = .string(text)
        }
        return (YAMLScalar(text: text, style: style, resolved: resolved), tag)
    }

    private static func shortTag(_ raw: UnsafeMutablePointer<yaml_char_t>) -> String {
        shortTag(String(cString: raw))
    }

    /// `tag:yaml.org,2002:str` as `!!str`; other tags as written.
    private static func shortTag(_ full: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return full.hasPrefix(prefix) ? "!!" + full.dropFirst(prefix.count) : full
    }

    /// libyaml's problem (with its context) at the problem mark, or at the
    /// context mark when libyaml gave no problem mark.
    private static func libyamlError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
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
