/// Why a JSON text was rejected, and where: `offset` is the 0-based byte
/// offset of the offending byte, so a one-line text's column is `offset + 1`.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "column \(offset + 1): \(message)" }
}
