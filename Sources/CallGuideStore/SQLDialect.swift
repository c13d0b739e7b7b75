import Foundation

/// The differences between the two stores' SQL, kept in one place. Every
/// other statement of the store is the same text on both (placeholders are
/// `?`; the PostgreSQL layer numbers them), so a new feature's SQL ports by
/// itself as long as it keeps to what both understand.
///
/// - Tables: the same names, columns and meaning; PostgreSQL's live in the
///   schema `callguide` (the session's search path), its text columns
///   compare by code point (`COLLATE "C"`), as SQLite's do.
/// - Row numbers (`seq`) are given by the store (`MAX(seq) + 1`, one writer
///   at a time), not by an identity or rowid, so both number alike and a
///   copy keeps them.
/// - Case is folded by callguide (`search_folded`), never by a collation.
enum SQLDialect: String, Sendable {
    case sqlite
    case postgres

    /// What people call it, in `db status`.
    var displayName: String { self == .sqlite ? "SQLite" : "PostgreSQL" }

    /// The schema scripts: entry N takes the schema from version N to N+1.
    var migrations: [String] {
        switch self {
        case .sqlite: return Schema.migrations
        case .postgres: return PostgresSchema.migrations
        }
    }

    /// The card search (see `CardStore.searchCards`): the rows (or their
    /// count, up to `countCap`) whose folded name, email or company contains
    /// `folded`, or whose phone digits contain `digits` (when not empty), in
    /// card order. A query of 1-2 characters (`CardSearchKeys.shortKey`)
    /// instead finds the cards with a word beginning so, through
    /// `card_word_starts`, the same table on both stores (store.md 7).
    /// SQLite narrows longer queries with its FTS5 trigram index and then
    /// applies the very same test as PostgreSQL, whose GIN trigram indexes
    /// (`pg_trgm`) serve `LIKE` directly; so both find exactly the same cards.
    func cardSearch(folded: String, digits: String, columns: String?, limit: Int?, countCap: Int? = nil) -> (sql: String, values: [SQLValue]) {
        let tail = limit.map { " LIMIT \($0)" } ?? ""
        let order = columns == nil ? "" : " ORDER BY c.seq"
        let selected = columns.map { $0.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ") } ?? "count(*)"
        let (sql, values): (String, [SQLValue])
        if let key = CardSearchKeys.shortKey(folded: folded, digits: digits) {
            if columns == nil {
                (sql, values) = ("SELECT count(*) FROM (SELECT 1 FROM card_word_starts WHERE start = ?\(Self.cap(countCap))) m", [.text(key)])
            } else {
                // The word starts are limited before the join: PostgreSQL,
                // guessing 14,000 cards for a rare start such as "zy",
                // otherwise merged the join over all the cards (0.4 s).
                (sql, values) = (
                    """
                    SELECT \(selected) FROM (SELECT seq FROM card_word_starts WHERE start = ? ORDER BY seq\(tail)) w
                    JOIN cards c ON c.seq = w.seq ORDER BY w.seq
                    """,
                    [.text(key)]
                )
            }
            return (sql, values)
        }
        switch self {
        case .sqlite:
            let test = "(instr(c.search_folded, ?) > 0 OR (? != '' AND instr(c.phone_digits, ?) > 0))"
            let tested: [SQLValue] = [.text(folded), .text(digits), .text(digits)]
            let useIndex = folded.count >= 3 && (digits.isEmpty || digits.count >= 3)
            if useIndex {
                var match = "{name email company} : \(Self.ftsPhrase(folded))"
                if !digits.isEmpty { match += " OR phone_digits : \(Self.ftsPhrase(digits))" }
                (sql, values) = (
                    "SELECT \(columns == nil ? "1" : selected) FROM cards_fts f JOIN cards c ON c.seq = f.rowid WHERE cards_fts MATCH ? AND \(test)",
                    [.text(match)] + tested
                )
                // The same order, in which FTS5 hands its matches over: the
                // first rows come at once, where sorting by c.seq read all
                // of "380"'s million matches first.
                if columns != nil { return (sql + " ORDER BY f.rowid" + tail, values) }
            } else {
                (sql, values) = ("SELECT \(columns == nil ? "1" : selected) FROM cards c WHERE \(test)", tested)
            }
        case .postgres:
            let test = "(c.search_folded LIKE ? ESCAPE '\\' OR (? <> '' AND c.phone_digits LIKE ? ESCAPE '\\'))"
            (sql, values) = (
                "SELECT \(columns == nil ? "1" : selected) FROM cards c WHERE \(test)",
                [.text(Self.likeContaining(folded)), .text(digits), .text(Self.likeContaining(digits))]
            )
        }
        if columns == nil { return ("SELECT count(*) FROM (\(sql)\(Self.cap(countCap))) m", values) }
        return (sql + order + tail, values)
    }

    private static func cap(_ count: Int?) -> String { count.map { " LIMIT \($0)" } ?? "" }

    /// The columns of one of the store's tables, in order (none when the
    /// schema has no such table).
    func columns(of table: String) -> (sql: String, values: [SQLValue]) {
        switch self {
        case .sqlite:
            return ("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)])
        case .postgres:
            return (
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'callguide' AND table_name = ? ORDER BY ordinal_position",
                [.text(table)]
            )
        }
    }

    /// An FTS5 string literal: the text is one phrase, never query syntax.
    static func ftsPhrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A LIKE pattern matching any text that contains `text` literally.
    static func likeContaining(_ text: String) -> String {
        var pattern = "%"
        for character in text {
            if character == "\\" || character == "%" || character == "_" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }
}
