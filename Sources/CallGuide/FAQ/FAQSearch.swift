import Foundation

/// Finds the typical questions (script language 9.2) that answer an
/// operator's `?WORDS`: an entry matches when every word of the query is
/// the beginning of a word of its question, its answer or one of its tags,
/// in any case and any of its languages (a Ukrainian operator may type
/// either language of a Russian-and-Ukrainian script). Entries matching in
/// the question come first, then in the answer, then in tags; ties keep
/// file order. Pure: the REPL and replay share it.
public struct FAQSearch: Sendable {
    /// At most this many entries are shown for one lookup (section 9.2).
    public static let shownLimit = 3

    /// Where the words of a query were found, best first.
    enum Field: Int, Comparable {
        case question, answer, tags
        static func < (a: Field, b: Field) -> Bool { a.rawValue < b.rawValue }
    }

    /// An entry's folded words, by field, prepared once for every lookup.
    struct Prepared: Sendable {
        var question: [String]
        var answer: [String]
        var tags: [String]
    }

    public let entries: [FAQEntry]
    let prepared: [Prepared]

    public init(entries: [FAQEntry]) {
        self.entries = entries
        prepared = entries.map { entry in
            Prepared(
                question: entry.question.variants.flatMap { Self.words($0.text) },
                answer: entry.answer.variants.flatMap { Self.words($0.text) },
                tags: entry.tags.flatMap { Self.words($0) })
        }
    }

    /// The best entries for `query` (at most `limit`), best first; none
    /// when the query has no word.
    public func matches(for query: String, limit: Int = shownLimit) -> [FAQEntry] {
        let wanted = Self.words(query)
        guard !wanted.isEmpty else { return [] }
        var ranked: [(field: Field, position: Int)] = []
        for position in prepared.indices {
            if let field = Self.field(matching: wanted, in: prepared[position]) { ranked.append((field, position)) }
        }
        // A stable order: by field, then by place in the file.
        ranked.sort { ($0.field, $0.position) < ($1.field, $1.position) }
        return ranked.prefix(limit).map { entries[$0.position] }
    }

    /// The worst field any word needs (each word is looked for in the
    /// question, then the answer, then the tags); nil when a word is in
    /// none of them.
    static func field(matching wanted: [String], in entry: Prepared) -> Field? {
        var worst = Field.question
        for word in wanted {
            let found: Field
            if entry.question.contains(where: { $0.hasPrefix(word) }) {
                found = .question
            } else if entry.answer.contains(where: { $0.hasPrefix(word) }) {
                found = .answer
            } else if entry.tags.contains(where: { $0.hasPrefix(word) }) {
                found = .tags
            } else {
                return nil
            }
            worst = max(worst, found)
        }
        return worst
    }

    /// Apostrophes inside words (Ukrainian `п'ятниця`, `м’ясо`) are
    /// dropped rather than split at, so `?пят`, `?п'ят` and `?п’ят` all
    /// find `п'ятниця`.
    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{02BC}", "`"]

    /// The words of `text`, folded for comparison: case and diacritics
    /// folded by Foundation (`folding(options:locale:)`, which works the
    /// same on Linux; ё reads as е, so operators need not type it), split
    /// at everything that is not a letter or a digit.
    public static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if apostrophes.contains(scalar) { continue }
            if CharacterSet.alphanumerics.contains(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
