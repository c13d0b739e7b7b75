import Foundation

extension CardStore {
    /// Cards whose name, email or company contains `text` (any case), or
    /// whose phone contains its digits when `text` looks like a phone
    /// fragment ("900 12" finds "+7 (900) 123-45-67").
    ///
    /// Texts of three characters or more go through a trigram index (FTS5
    /// on SQLite, `pg_trgm` on PostgreSQL), so a search stays fast on a
    /// million cards; shorter ones scan. Both stores find the same cards in
    /// the same order (creation).
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
    /// `columns` is nil. Case is folded here, by Swift, on both stores.
    private func searchRows(text: String, columns: String?, limit: Int?) throws -> [SQLRow] {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return columns == nil ? [SQLRow(values: [.integer(0)])] : [] }
        let digits = Self.looksLikePhone(query) ? Card.digits(of: query) : ""
        let (sql, values) = db.dialect.cardSearch(folded: Self.folded(query), digits: digits, columns: columns, limit: limit)
        return try db.query(sql, values)
    }

    /// How callguide folds case for search, on both stores alike.
    static func folded(_ text: String) -> String { text.lowercased() }

    /// Only digits and the punctuation people write phones with.
    static func looksLikePhone(_ text: String) -> Bool {
        let allowed = Set("0123456789+-() .")
        return text.contains(where: \.isNumber) && text.allSatisfy { allowed.contains($0) }
    }
}
