import Foundation

extension CardStore {
    /// Cards whose name, email or company contains `text` (any case), or
    /// whose phone contains its digits when `text` looks like a phone
    /// fragment ("900 12" finds "+7 (900) 123-45-67").
    ///
    /// Texts of three characters or more go through the FTS5 trigram index,
    /// so a search stays fast on a million cards; shorter ones scan.
    public func searchCards(text: String, limit: Int = 50) throws -> [Card] {
        guard limit > 0 else { return [] }
        return try searchRows(text: text, columns: Self.cardColumns, limit: limit).map(Self.card(from:))
    }

    /// How many cards `searchCards(text:)` would find with no limit: `card
    /// find` says how many it did not show.
    public func countMatches(text: String) throws -> Int {
        try searchRows(text: text, columns: nil, limit: nil).first?[0].int ?? 0
    }

    /// The matching rows (`columns` of `cards`), or their count when
    /// `columns` is nil.
    private func searchRows(text: String, columns: String?, limit: Int?) throws -> [SQLRow] {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return columns == nil ? [SQLRow(values: [.integer(0)])] : [] }
        let digits = Self.looksLikePhone(query) ? Card.digits(of: query) : ""
        let useIndex = query.count >= 3 && (digits.isEmpty || digits.count >= 3)
        let tail = limit == nil ? "" : " LIMIT \(limit ?? 0)"
        if useIndex {
            var match = "{name email company} : \(Self.phrase(query))"
            if !digits.isEmpty { match += " OR phone_digits : \(Self.phrase(digits))" }
            let selected = columns.map { $0.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ") } ?? "count(*)"
            return try db.query(
                """
                SELECT \(selected) FROM cards_fts f JOIN cards c ON c.seq = f.rowid
                WHERE cards_fts MATCH ?\(columns == nil ? "" : " ORDER BY f.rowid")\(tail)
                """, [.text(match)])
        }
        return try db.query(
            """
            SELECT \(columns ?? "count(*)") FROM cards
            WHERE instr(search_folded, ?) > 0 OR (? != '' AND instr(phone_digits, ?) > 0)\(columns == nil ? "" : " ORDER BY seq")\(tail)
            """, [.text(query.lowercased()), .text(digits), .text(digits)])
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
