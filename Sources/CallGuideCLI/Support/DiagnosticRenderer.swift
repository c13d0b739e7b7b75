import CallGuide

/// Shows diagnostics the way compilers do, so editors can jump to them:
/// `FILE:LINE:COL: error: MESSAGE [CODE]`, the source line, a caret under
/// the column, and a fix-it hint.
struct DiagnosticRenderer {
    var style: TerminalStyle

    func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        let location = diagnostic.location
        let place = location.line > 0 ? "\(file.path):\(location.line):\(location.column)" : file.path
        let severity = diagnostic.severity == .error ? style.red("error:") : style.yellow("warning:")
        var lines = ["\(style.bold(place)): \(severity) \(style.bold(diagnostic.message)) [\(diagnostic.code.rawValue)]"]
        if location.line > 0, let source = file.line(location.line) {
            let (shown, column) = Self.excerpt(Self.visible(source), column: location.column)
            lines.append(shown)
            let prefix = shown.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            let rest = shown.dropFirst(max(0, column - 1))
            let width = min(diagnostic.length ?? Self.tokenLength(rest), rest.count)
            lines.append(prefix + style.green("^" + String(repeating: "~", count: max(0, width - 1))))
        }
        if let hint = diagnostic.hint {
            lines.append(style.cyan("hint: \(hint)"))
        }
        return lines.joined(separator: "\n")
    }

    /// Source lines longer than this many characters are cut to a window
    /// around the column: a minified or hostile file (one line of 100,000
    /// `[`) must not flood the terminal under a single diagnostic.
    static let maximumShownWidth = 160

    /// The part of `line` to show and the caret's column within it.
    static func excerpt(_ line: String, column: Int) -> (text: String, column: Int) {
        let characters = Array(line)
        guard characters.count > maximumShownWidth else { return (line, column) }
        let start = max(0, min(column - 1 - maximumShownWidth / 2, characters.count - maximumShownWidth))
        let end = min(characters.count, start + maximumShownWidth)
        var text = String(characters[start..<end])
        var caret = column - start
        if start > 0 {
            text = "…" + text
            caret += 1
        }
        if end < characters.count { text += "…" }
        return (text, caret)
    }

    /// The length of the token that starts `text`, to underline it all as
    /// Swift and rustc do: a quoted string up to its closing quote, a name
    /// (letters, digits, `_`, and dots between them: `card.name`), else one
    /// character.
    static func tokenLength(_ text: Substring) -> Int {
        guard let first = text.first else { return 1 }
        if first == "'" || first == "\"" {
            var count = 1
            for character in text.dropFirst() {
                count += 1
                if character == first { return count }
            }
            return 1
        }
        func isNamePart(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_"
        }
        guard isNamePart(first) else { return 1 }
        var count = 0
        var characters = text[...]
        while let character = characters.first {
            if isNamePart(character) {
                count += 1
            } else if character == ".", let after = characters.dropFirst().first, isNamePart(after) {
                count += 1
            } else {
                break
            }
            characters = characters.dropFirst()
        }
        return max(1, count)
    }

    /// Keeps control characters in a source line from reaching the terminal.
    static func visible(_ line: String) -> String {
        String(line.map { character -> Character in
            guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return character }
            if scalar == "\t" { return character }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) { return "\u{FFFD}" }
            return character
        })
    }
}
