/// A place in a source file, 1-based, with the column counted in Unicode
/// characters as libyaml's marks count them, so editors can jump to it.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Used where a value has no place in a file (built-in defaults).
    public static let unknown = SourceLocation(line: 0, column: 0)

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}
