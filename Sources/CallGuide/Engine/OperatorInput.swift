/// One line typed by the operator, classified (script language, section 4):
/// `:command`, `!handler`, `?WORDS` (a typical-question lookup), or an
/// answer (`\` escapes a leading `:`, `!` or `?`).
public enum OperatorInput: Equatable, Sendable {
    case answer(String)
    case command(name: String, argument: String)
    case handler(String)
    /// `?WORDS`: look up the script's typical questions (section 9.2). A
    /// script without `faq` takes the whole line as an answer, as in
    /// version 1, so the line is kept as typed too.
    case lookup(query: String, line: String)
    /// An empty line: never an answer, leaves no event.
    case empty

    public init(line: String) {
        let trimmed = Self.trimmingWhitespace(line)
        // `hasPrefix` compares whole characters, which is slow; no line can
        // start with `\`, `:` or `!` as a character without starting with
        // that byte, so most answers are told apart by their first byte.
        let first = trimmed.utf8.first
        let marked = first == UInt8(ascii: "\\") || first == UInt8(ascii: ":") || first == UInt8(ascii: "!")
            || first == UInt8(ascii: "?")
        if trimmed.isEmpty {
            self = .empty
        } else if !marked {
            self = .answer(trimmed)
        } else if trimmed.hasPrefix("\\") {
            self = .answer(String(trimmed.dropFirst()))
        } else if trimmed.hasPrefix(":") {
            let body = trimmed.dropFirst()
            let name = body.prefix { !$0.isWhitespace }
            let rest = body.dropFirst(name.count)
            let argument = rest.isEmpty ? "" : Self.trimmingWhitespace(rest)
            self = .command(name: String(name).lowercased(), argument: argument)
        } else if trimmed.hasPrefix("!") {
            self = .handler(Self.trimmingWhitespace(String(trimmed.dropFirst())))
        } else if trimmed.hasPrefix("?") {
            self = .lookup(query: Self.trimmingWhitespace(trimmed.dropFirst()), line: trimmed)
        } else {
            self = .answer(trimmed)
        }
    }

    /// `text` without leading and trailing `CharacterSet.whitespaces`. Most
    /// lines start and end with a visible ASCII character and are returned
    /// as they are; Foundation's trimming, which goes through NSString, only
    /// runs for the others (replay classifies every recorded input).
    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        if let first = scalars.first, let last = scalars.last, isVisibleASCII(first), isVisibleASCII(last) {
            return text
        }
        return trimmingWhitespace(text[...])
    }

    /// As above for a part of a line (a command's argument). Spaces and
    /// tabs — the only ASCII members of `CharacterSet.whitespaces` — are
    /// dropped here while an ASCII character stands on each side; a
    /// non-ASCII one at either end is left to Foundation's trimming.
    static func trimmingWhitespace(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        while start < scalars.endIndex, scalars[start] == " " || scalars[start] == "\t" { start = scalars.index(after: start) }
        var end = scalars.endIndex
        while end > start {
            let previous = scalars.index(before: end)
            guard scalars[previous] == " " || scalars[previous] == "\t" else { break }
            end = previous
        }
        guard start < end else { return "" }
        if scalars[start].isASCII, scalars[scalars.index(before: end)].isASCII {
            return String(scalars[start..<end])
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func isVisibleASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x20 && scalar.value < 0x7F
    }

    /// Commands the front-end shows by itself; the engine leaves them be.
    public static let displayCommands: Set<String> = ["card", "history", "help"]
}

import Foundation
