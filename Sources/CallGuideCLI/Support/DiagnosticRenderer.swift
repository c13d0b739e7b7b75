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
            let shown = Self.visible(source)
            lines.append(shown)
            let prefix = shown.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            lines.append(prefix + style.green("^"))
        }
        if let hint = diagnostic.hint {
            lines.append(style.cyan("hint: \(hint)"))
        }
        return lines.joined(separator: "\n")
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

#if canImport(Glibc)
import Glibc
#endif
import Foundation

enum ProcessEnvironment {
    static func value(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name]
    }
}
