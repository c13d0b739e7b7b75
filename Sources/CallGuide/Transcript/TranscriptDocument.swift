/// A whole transcript, read from its bytes: what replay and resume work
/// from. Pure: reading the file is the CLI's job.
///
/// A killed process can leave its last line half written; such a torn line
/// (the last one, unterminated, and not parseable as JSON) is dropped and reported in
/// `tornLastLine`, as the spec asks. Any other bad line is an error: the
/// transcript was damaged, and replaying it would mislead.
public struct TranscriptDocument: Sendable, Equatable {
    /// A transcript line with where it stands in the file.
    public struct NumberedLine: Sendable, Equatable {
        /// 1-based line number in the file.
        public var number: Int
        public var line: TranscriptLine

        public init(number: Int, line: TranscriptLine) {
            self.number = number
            self.line = line
        }

        public var event: CallEvent { line.event }
    }

    public var lines: [NumberedLine]

    /// Each line's event with its line number: what replay and resume
    /// compare against a new run of the script.
    public var recordedEvents: [RecordedEvent] {
        lines.map { RecordedEvent(line: $0.number, event: $0.event, masked: $0.line.masked) }
    }
    /// The last line was cut short and was ignored.
    public var tornLastLine: Bool
    /// The call finished: the last line is its `end`. Without it the call
    /// was interrupted and can be resumed.
    public var hasEnd: Bool
    /// The first line's context; always present in a parsed document.
    public var start: CallStart?

    public init(lines: [NumberedLine], tornLastLine: Bool, hasEnd: Bool, start: CallStart?) {
        self.lines = lines
        self.tornLastLine = tornLastLine
        self.hasEnd = hasEnd
        self.start = start
    }

    /// Which strings of the lines `parse` makes.
    public enum Texts: Sendable, Equatable {
        /// Every string, as written.
        case keep
        /// Replay without `--text` reads none of the texts: the `text` of
        /// `say`, `ask` and `offer`, the `message` of `warning` and `error`,
        /// the `error` of `invalid`, and `t` on any line but the first are
        /// left empty (lines read the general way, escaped or unusual ones,
        /// may keep them). They are still checked exactly as with `.keep`,
        /// so the same lines are accepted and the same errors reported.
        case skip
    }

    /// The `seq` the next event appended to this transcript gets.
    public var nextSeq: Int { (lines.last?.line.seq).map { $0 + 1 } ?? 0 }

    /// Reads a transcript. Lines are split on `\n` (a `\r` before it is
    /// tolerated as whitespace); blank lines are skipped. The first line
    /// must be a `start` event, `seq` must increase, and nothing may follow
    /// an `end`.
    public static func parse(bytes: [UInt8], texts: Texts = .keep) throws(TranscriptError) -> TranscriptDocument {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(TranscriptError) -> TranscriptDocument in try parse(buffer: buffer, texts: texts) }
        }
        return try result.get()
    }

    /// Reads a transcript from a buffer without copying it.
    public static func parse(buffer: UnsafeBufferPointer<UInt8>, texts: Texts = .keep) throws(TranscriptError) -> TranscriptDocument {
        var lines: [NumberedLine] = []
        // Lines are large values: growing the array one doubling at a time
        // moved them again and again. A line takes some 60 to 150 bytes; past
        // a thousand lines (a very long call) the doublings are few anyway.
        lines.reserveCapacity(min(max(8, buffer.count / 64), 1_024))
        var torn = false
        var decoder = TranscriptLineDecoder(texts: texts)
        var lineStart = 0
        var lineNumber = 0
        let newline = UInt8(ascii: "\n")
        while lineStart < buffer.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < buffer.count && buffer[lineEnd] != newline { lineEnd += 1 }
            let terminated = lineEnd < buffer.count
            let slice = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
            lineStart = lineEnd + 1
            if isBlank(slice) { continue }
            if let line = decoder.decode(slice, keepsTime: lines.isEmpty) {
                try check(line, number: lineNumber, after: lines)
                lines.append(NumberedLine(number: lineNumber, line: line))
                continue
            }
            // Anything out of the ordinary: the general path decides.
            let json: JSONValue
            do {
                json = try JSONParser.parse(slice)
            } catch {
                // Only a write cut short leaves unparseable JSON at the end.
                if !terminated {
                    torn = true
                    break
                }
                throw TranscriptError(lineNumber: lineNumber, column: error.offset + 1, message: error.message)
            }
            let line = try TranscriptCodec.decode(json, lineNumber: lineNumber)
            try check(line, number: lineNumber, after: lines)
            lines.append(NumberedLine(number: lineNumber, line: line))
        }
        guard let first = lines.first else {
            throw TranscriptError(lineNumber: max(lineNumber, 1), message: "the transcript has no complete line")
        }
        guard case .start(let start) = first.event else {
            throw TranscriptError(lineNumber: first.number, message: "the first line must be a 'start' event, not '\(first.event.name)'")
        }
        var hasEnd = false
        if case .end = lines[lines.count - 1].event { hasEnd = true }
        return TranscriptDocument(lines: lines, tornLastLine: torn, hasEnd: hasEnd, start: start)
    }

    private static func check(_ line: TranscriptLine, number: Int, after previous: [NumberedLine]) throws(TranscriptError) {
        guard let last = previous.last else { return }
        if case .start = line.event {
            throw TranscriptError(lineNumber: number, message: "a 'start' event may only be the first line")
        }
        if case .end = last.event {
            throw TranscriptError(lineNumber: number, message: "'\(line.event.name)' event after the call's 'end' (line \(last.number))")
        }
        if line.seq <= last.line.seq {
            throw TranscriptError(lineNumber: number, message: "seq \(line.seq) does not follow seq \(last.line.seq) of line \(last.number)")
        }
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
