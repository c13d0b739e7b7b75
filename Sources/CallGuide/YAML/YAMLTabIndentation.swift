/// libyaml's words for a tab in indentation ("found character that cannot
/// start any token") say nothing a trainer can act on. When the line of a
/// YAML error is indented with a tab, the E001 says that YAML indents with
/// spaces and points at the tab (issue 16).
extension YAMLError {
    /// The E001 for this error in `bytes`.
    func diagnostic(in bytes: [UInt8]) -> Diagnostic {
        let explained = explainingTabIndentation(in: bytes)
        return Diagnostic(.E001, explained.message, at: explained.location)
    }

    /// This error, or one about the tab in the indentation of its line.
    func explainingTabIndentation(in bytes: [UInt8]) -> YAMLError {
        guard location.line > 0, let column = Self.tabColumnInIndentation(ofLine: location.line, in: bytes) else { return self }
        return YAMLError("YAML indents with spaces, not tabs: replace the tab at column \(column) with spaces", at: SourceLocation(line: location.line, column: column))
    }

    /// The 1-based column of the first tab among the blanks that begin line
    /// `line` (1-based). Indentation is ASCII, so columns are byte counts.
    static func tabColumnInIndentation(ofLine line: Int, in bytes: [UInt8]) -> Int? {
        var current = 1
        var index = 0
        while current < line, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { current += 1 }
            index += 1
        }
        guard current == line else { return nil }
        var column = 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\t"): return column
            case UInt8(ascii: " "): column += 1; index += 1
            default: return nil
            }
        }
        return nil
    }
}
