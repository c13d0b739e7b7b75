import Foundation

extension CardStore {
    /// Cards whose name, email or company contains `text` (any case), or
    /// whose phone contains its digits when `text` looks like a phone
    /// fragment ("900 12" finds "+7 (900) 123-45-67").
    ///
    /// Texts of three characters or more go through the FTS5 trigram index,
    /// so a search stays fast on a million cards; shorter ones scan.
    public func searchCards(text: String, limit: Int = 50) throws -> [Card] {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty, limit > 0 else { return [] }
        let digits = Self.looksLikePhone(query) ? Card.digits(of: query) : ""
        let useIndex = query.count >= 3 && (digits.isEmpty || digits.count >= 3)
        let rows: [SQLRow]
        if useIndex {
            var match = "{name email company} : \(Self.phrase(query))"
            if !digits.isEmpty { match += " OR phone_digits : \(Self.phrase(digits))" }
            let columns = Self.cardColumns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }
            rows = try db.query(
                """
                SELECT \(columns.joined(separator: ", ")) FROM cards_fts f JOIN cards c ON c.seq = f.rowid
                WHERE cards_fts MATCH ? ORDER BY f.rowid LIMIT ?
                """, [.text(match), .integer(Int64(limit))])
        } else {
            rows = try db.query(
                """
                SELECT \(Self.cardColumns) FROM cards
                WHERE instr(search_folded, ?) > 0 OR (? != '' AND instr(phone_digits, ?) > 0)
                ORDER BY seq LIMIT ?
                """, [.text(query.lowercased()), .text(digits), .text(digits), .integer(Int64(limit))])
        }
        return rows.map(Self.card(from:))
    }

    /// Only digits and the punctuation people write phones with.
    static func looksLikePhone(_ text: String) -> Bool {
        let allowed = Set("0123456789+-() .")
        return text.contains(where: \.isNumber) && text.allSatisfy { allowed.contains($0) }
    }

    /// An FTS5 string literal: the text is one phrase, never query syntax.
    static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
