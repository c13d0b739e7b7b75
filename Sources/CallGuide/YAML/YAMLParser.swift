import CYAML

/// Loads YAML text through libyaml's event API into a located node tree.
///
/// The loader streams events into an explicit stack, so hostile input stops
/// at the first event past a limit (nesting, alias expansion, a second
/// document) rather than after libyaml has read the whole file. Large
/// inputs are read by libyaml on a second thread while the tree is built.
public enum YAMLParser {
    /// Parses one document. An empty file (or one with only comments) gives
    /// a document with no root.
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLDocument {
        try parse(bytes, limits: limits, reading: .automatic)
    }

    /// Where libyaml runs: tests force each way on the same input.
    enum Reading {
        /// On a second thread for inputs of `pipelineThreshold` bytes or more.
        case automatic, sameThread, secondThread
    }

    /// Inputs at least this large are read on a second thread while the
    /// tree is built; below it a thread costs more than it saves.
    static let pipelineThreshold = 64 * 1024
    static let chunkSize = 8192

    static func parse(_ bytes: [UInt8], limits: YAMLLimits, reading: Reading) throws(YAMLError) -> YAMLDocument {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(YAMLError) -> YAMLDocument in
                switch reading {
                case .automatic where buffer.count >= pipelineThreshold, .secondThread:
                    try parseOnTwoThreads(buffer, limits: limits)
                case .automatic, .sameThread:
                    try parseOnOneThread(buffer, limits: limits)
                }
            }
        }
        return try result.get()
    }

    private static func parseOnTwoThreads(_ bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) throws(YAMLError) -> YAMLDocument {
        var builder = EventConsumer(limits: limits, expectedBytes: bytes.count)
        let pipe = YAMLEventPipe(reading: bytes, maxDepth: limits.maxDepth, chunkSize: chunkSize)
        defer { pipe.finish() }
        // The text check runs while libyaml starts; its error comes first,
        // as if it had run before (nothing has been built yet).
        try YAMLTextCheck.validate(bytes)
        while let chunk = pipe.receive() {
            // Back to the reader in any case, which deletes its events.
            defer { pipe.recycle(chunk) }
            if try builder.consume(chunk) { break }
        }
        return builder.document()
    }

    private static func parseOnOneThread(_ bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) throws(YAMLError) -> YAMLDocument {
        var builder = EventConsumer(limits: limits, expectedBytes: bytes.count)
        try YAMLTextCheck.validate(bytes)
        let started = try withLibYAMLParser(reading: bytes) { parser throws(YAMLError) -> Bool in
            var reader = YAMLEventReader(parser: parser, input: bytes, maxDepth: limits.maxDepth)
            var spare: YAMLEventChunk?
            defer { spare?.release() }
            while !reader.isDone {
                spare = reader.next(limit: chunkSize, reusing: spare.take())
                if let chunk = spare, try builder.consume(chunk) { break }
            }
            return true
        }
        guard started != nil else { throw outOfMemory }
        return builder.document()
    }

    static let outOfMemory = YAMLError("libyaml could not start (out of memory)", at: SourceLocation(line: 1, column: 1))

    /// Feeds events to the tree builder, one chunk at a time.
    private struct EventConsumer {
        private var builder: YAMLTreeBuilder
        private var documents = 0

        init(limits: YAMLLimits, expectedBytes: Int) {
            builder = YAMLTreeBuilder(limits: limits, expectedBytes: expectedBytes)
        }

        func document() -> YAMLDocument { builder.document() }

        /// Builds from the chunk's events (it does not delete them). Returns
        /// true at the end of the stream.
        mutating func consume(_ chunk: YAMLEventChunk) throws(YAMLError) -> Bool {
            for event in chunk.events {
                if try consume(event) { return true }
            }
            if let failure = chunk.failure { throw failure }
            return false
        }

        private mutating func consume(_ event: yaml_event_t) throws(YAMLError) -> Bool {
            let start = SourceLocation(event.start_mark)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let fullTag = data.tag.map { String(cString: $0) }
                let scalar = typedScalar(
                    UnsafeBufferPointer(start: data.value, count: Int(data.length)),
                    style: YAMLEventReader.style(data.style), fullTag: fullTag)
                try builder.scalar(
                    scalar, start: start, end: SourceLocation(event.end_mark), tag: fullTag.map(shortTag),
                    anchor: data.anchor.map { String(cString: $0) })
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                try builder.startSequence(
                    at: start, tag: data.tag.map { shortTag(String(cString: $0)) }, anchor: data.anchor.map { String(cString: $0) })
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                try builder.startMapping(
                    at: start, tag: data.tag.map { shortTag(String(cString: $0)) }, anchor: data.anchor.map { String(cString: $0) })
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try builder.endCollection(at: SourceLocation(event.end_mark))
            case YAML_ALIAS_EVENT:
                try builder.alias(event.data.alias.anchor.map { String(cString: $0) } ?? "", at: start)
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
