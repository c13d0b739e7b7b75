import Foundation

extension CardStore {
    /// Cards whose name, email or company contains `text` (any case), or
    /// whose phone contains its digits when `text` looks like a phone
    /// fragment ("900 12" finds "+7 (900) 123-45-67").
    ///
    /// Texts of three characters or more go through a trigram index (FTS5
    /// on SQLite, `pg_trgm` on PostgreSQL); a text of one or two characters
    /// finds the cards with a word (or a group of phone digits) beginning
    /// so, through `card_word_starts` (anywhere would match most cards and
    /// cannot use an index: store.md 7). So a search stays fast on a
    /// million cards, and both stores find the same cards in the same order
    /// (creation).
    public func searchCards(text: String, limit: Int = 50) throws -> [Card] {
        guard limit > 0 else { return [] }
        return try searchRows(text: text, columns: Self.cardColumns, limit: limit).map(Self.card(from:))
    }

    /// How many cards `searchCards(text:)` would find with no limit, counted
    /// up to `cap` at most: `card find` says how many it did not show, and
    /// counting every card "a" or "enko" matches among a million would take
    /// longer than the search itself.
    public func countMatches(text: String, upTo cap: Int? = nil) throws -> Int {
        try searchRows(text: text, columns: nil, limit: nil, countCap: cap).first?[0].int ?? 0
    }

    /// The matching rows (`columns` of `cards`), or their count when
    /// `columns` is nil. Case is folded here, by Swift, on both stores.
    private func searchRows(text: String, columns: String?, limit: Int?, countCap: Int? = nil) throws -> [SQLRow] {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return columns == nil ? [SQLRow(values: [.integer(0)])] : [] }
        let digits = Self.looksLikePhone(query) ? Card.digits(of: query) : ""
        let (sql, values) = db.dialect.cardSearch(
            folded: Self.folded(query), digits: digits, columns: columns, limit: limit, countCap: countCap)
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
