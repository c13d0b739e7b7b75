/// Why a transcript line could not be read, with the line (1-based) and,
/// for malformed JSON, the column (1-based byte offset in the line), so QA
/// can open the file at the exact spot.
public struct TranscriptError: Error, Equatable, Sendable, CustomStringConvertible {
    public var lineNumber: Int
    public var column: Int?
    /// The problem, without the location: `'answer' event has no 'node'`.
    public var message: String

    public init(lineNumber: Int, column: Int? = nil, message: String) {
        self.lineNumber = lineNumber
        self.column = column
        self.message = message
    }

    /// `line 7: 'answer' event has no 'node'`, or with `, column N`.
    public var description: String {
        if let column { return "line \(lineNumber), column \(column): \(message)" }
        return "line \(lineNumber): \(message)"
    }
}
