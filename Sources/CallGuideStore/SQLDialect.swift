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
    /// count) whose folded name, email or company contains `folded`, or
    /// whose phone digits contain `digits` (when not empty), in card order.
    /// SQLite narrows with its FTS5 trigram index for 3 characters or more
    /// and then applies the very same test as PostgreSQL, whose GIN trigram
    /// indexes (`pg_trgm`) serve `LIKE` directly; so both find exactly the
    /// same cards.
    func cardSearch(folded: String, digits: String, columns: String?, limit: Int?) -> (sql: String, values: [SQLValue]) {
        let tail = limit.map { " LIMIT \($0)" } ?? ""
        let order = columns == nil ? "" : " ORDER BY c.seq"
        let selected = columns.map { $0.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ") } ?? "count(*)"
        switch self {
        case .sqlite:
            let test = "(instr(c.search_folded, ?) > 0 OR (? != '' AND instr(c.phone_digits, ?) > 0))"
            let values: [SQLValue] = [.text(folded), .text(digits), .text(digits)]
            let useIndex = folded.count >= 3 && (digits.isEmpty || digits.count >= 3)
            guard useIndex else {
                return ("SELECT \(selected) FROM cards c WHERE \(test)\(order)\(tail)", values)
            }
            var match = "{name email company} : \(Self.ftsPhrase(folded))"
            if !digits.isEmpty { match += " OR phone_digits : \(Self.ftsPhrase(digits))" }
            return (
                "SELECT \(selected) FROM cards_fts f JOIN cards c ON c.seq = f.rowid WHERE cards_fts MATCH ? AND \(test)\(order)\(tail)",
                [.text(match)] + values
            )
        case .postgres:
            let test = "(c.search_folded LIKE ? ESCAPE '\\' OR (? <> '' AND c.phone_digits LIKE ? ESCAPE '\\'))"
            let values: [SQLValue] = [.text(Self.likeContaining(folded)), .text(digits), .text(Self.likeContaining(digits))]
            return ("SELECT \(selected) FROM cards c WHERE \(test)\(order)\(tail)", values)
        }
    }

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
