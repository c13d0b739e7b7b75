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
        /// As `automatic`, but the idle work (see `parse(_:limits:reading:watching:whileWaiting:)`)
        /// runs until it has nothing left before every chunk is taken, even
        /// one that is ready: tests use it to make that work happen.
        case automaticIdleWorkFirst
    }

    /// Inputs at least this large are read on a second thread while the
    /// tree is built; below it a thread costs more than it saves.
    static let pipelineThreshold = 64 * 1024
    static let chunkSize = 8192

    static func parse(_ bytes: [UInt8], limits: YAMLLimits, reading: Reading) throws(YAMLError) -> YAMLDocument {
        try parse(bytes, limits: limits, reading: reading, watching: "", whileWaiting: { _ in false })
    }

    /// Parses one document; when libyaml reads on a second thread and no
    /// chunk of events is ready, calls `idleWork` instead of waiting, with a
    /// view of the tree built so far that shows the open mapping under the
    /// root mapping's key `key`. `idleWork` does a small slice of work and
    /// returns whether it did any: the builder waits only when it did none.
    /// It must not keep the view (or any node of it) past its return.
    static func parse(
        _ bytes: [UInt8], limits: YAMLLimits, reading: Reading,
        watching key: String, whileWaiting idleWork: (YAMLPartialView) -> Bool
    ) throws(YAMLError) -> YAMLDocument {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(YAMLError) -> YAMLDocument in
                switch reading {
                case .automatic where buffer.count >= pipelineThreshold, .secondThread:
                    try parseOnTwoThreads(buffer, limits: limits, watching: key, whileWaiting: idleWork, idleWorkFirst: false)
                case .automaticIdleWorkFirst where buffer.count >= pipelineThreshold:
                    try parseOnTwoThreads(buffer, limits: limits, watching: key, whileWaiting: idleWork, idleWorkFirst: true)
                case .automatic, .automaticIdleWorkFirst, .sameThread:
                    try parseOnOneThread(buffer, limits: limits)
                }
            }
        }
        return try result.get()
    }

    private static func parseOnTwoThreads(
        _ bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits,
        watching key: String, whileWaiting idleWork: (YAMLPartialView) -> Bool, idleWorkFirst: Bool
    ) throws(YAMLError) -> YAMLDocument {
        var builder = EventConsumer(limits: limits, expectedBytes: bytes.count)
        let pipe = YAMLEventPipe(reading: bytes, maxDepth: limits.maxDepth, chunkSize: chunkSize)
        defer { pipe.finish() }
        // The text check runs while libyaml starts; its error comes first,
        // as if it had run before (nothing has been built yet).
        try YAMLTextCheck.validate(bytes)
        while true {
            // Waiting for libyaml is time the idle work can use.
            var next = idleWorkFirst ? nil : pipe.tryReceive()
            if next == nil {
                if builder.withPartialView(watching: key, idleWork) { continue }
                next = pipe.receive()
            }
            guard let chunk = next else { break }
            let ended = try builder.consume(chunk)
            pipe.recycle(chunk)
            if ended { break }
        }
        return builder.document()
    }

    private static func parseOnOneThread(_ bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) throws(YAMLError) -> YAMLDocument {
        var builder = EventConsumer(limits: limits, expectedBytes: bytes.count)
        try YAMLTextCheck.validate(bytes)
        let started = try withLibYAMLParser(reading: bytes) { parser throws(YAMLError) -> Bool in
            var reader = YAMLEventReader(parser: parser, input: bytes, maxDepth: limits.maxDepth)
            var spare: YAMLEventChunk?
            while !reader.isDone {
                let chunk = reader.next(limit: chunkSize, reusing: spare.take())
                if try builder.consume(chunk) { break }
                spare = chunk
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
        private var ended = false

        init(limits: YAMLLimits, expectedBytes: Int) {
            builder = YAMLTreeBuilder(limits: limits, expectedBytes: expectedBytes)
        }

        func document() -> YAMLDocument { builder.document() }

        func withPartialView<Result>(watching key: String, _ body: (YAMLPartialView) -> Result) -> Result {
            builder.withPartialView(watching: key, body)
        }

        /// Returns true at the end of the stream.
        mutating func consume(_ chunk: YAMLEventChunk) throws(YAMLError) -> Bool {
            try chunk.bytes.withUnsafeBufferPointer { arena throws(YAMLError) in
                for event in chunk.events {
                    if try consume(event, arena) { ended = true; return }
                }
            }
            if ended { return true }
            if let failure = chunk.failure { throw failure }
            return false
        }

        private mutating func consume(_ event: YAMLRawEvent, _ arena: UnsafeBufferPointer<UInt8>) throws(YAMLError) -> Bool {
            func text(_ range: YAMLRawEvent.Text) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: arena[Int(range.offset)..<Int(range.offset) + Int(range.count)])
            }
            func string(_ range: YAMLRawEvent.Text) -> String? {
                range.isPresent ? String(decoding: text(range), as: UTF8.self) : nil
            }
            switch event.kind {
            case .scalar:
                let fullTag = string(event.tag)
                let scalar = typedScalar(text(event.value), style: event.style, fullTag: fullTag)
                try builder.scalar(
                    scalar, start: event.start, end: event.end, tag: fullTag.map(shortTag), anchor: string(event.anchor))
            case .sequenceStart:
                try builder.startSequence(at: event.start, tag: string(event.tag).map(shortTag), anchor: string(event.anchor))
            case .mappingStart:
                try builder.startMapping(at: event.start, tag: string(event.tag).map(shortTag), anchor: string(event.anchor))
            case .collectionEnd:
                try builder.endCollection(at: event.end)
            case .alias:
                try builder.alias(string(event.anchor) ?? "", at: event.start)
            case .documentStart:
                documents += 1
                if documents > 1 {
                    throw YAMLError("a script file holds one YAML document", at: event.start)
                }
            case .streamEnd:
                return true
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
