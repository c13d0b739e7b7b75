import CallGuide

/// Why a transcript file could not be written or read: the file, the line
/// when the trouble is inside it, and what went wrong (for the system's own
/// failures, its `strerror` text), so the message can be acted on.
public struct TranscriptFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var lineNumber: Int?
    public var column: Int?
    public var message: String
    /// Another process holds the transcript's lock (a call running on it).
    public var heldByAnother = false

    public init(path: String, lineNumber: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.lineNumber = lineNumber
        self.column = column
        self.message = message
    }

    /// A failed system call: `cannot open: Permission denied`.
    static func system(_ path: String, _ action: String, errno code: Int32) -> TranscriptFileError {
        TranscriptFileError(path: path, message: "cannot \(action): \(SystemFile.describe(errno: code))")
    }

    /// A damaged transcript, located in its file.
    init(path: String, _ error: TranscriptError) {
        self.init(path: path, lineNumber: error.lineNumber, column: error.column, message: error.message)
    }

    /// `calls/0042.jsonl:17: message` (compiler style, so editors jump to it).
    public var description: String {
        var location = path
        if let lineNumber { location += ":\(lineNumber)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
