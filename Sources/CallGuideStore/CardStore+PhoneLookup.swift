import CallGuide

/// A card found by a KEY, and how: by id or the same number, or by the
/// last digits of its phone, which `run --card` tells the operator so the
/// name is checked before the call goes on (store.md 4).
public struct CardLookup: Equatable, Sendable {
    public var card: Card
    /// Set when the card was found by the end of its phone only.
    public var suffix: PhoneSuffixMatch?
}

extension CardStore {
    /// The card named by `key`: the card with that id; else the card whose
    /// phone is the same number (in the store's form); else the one card
    /// whose phone ends with the key's digits (at least 9, the leading
    /// trunk prefix dropped). Several such cards throw
    /// `StoreError.ambiguousKey` listing them: nothing is guessed.
    public func lookUp(key: String) throws -> CardLookup? {
        if let card = try card(key) { return CardLookup(card: card) }
        if let card = try card(phone: key) { return CardLookup(card: card) }
        guard let match = PhoneSuffixMatch(key: key, trunk: schema.phoneFormat?.trunk) else { return nil }
        // An index range of the reversed digits, not a scan of LIKE '%digits'.
        let range = CardSearchKeys.suffixRange(match.digits)
        let candidates = try db.query(
            "SELECT \(Self.cardColumns) FROM cards WHERE phone_reversed >= ? AND phone_reversed < ? ORDER BY seq LIMIT 20",
            [.text(range.from), .text(range.to)]
        ).map(Self.card(from:)).filter { match.matches($0.phone ?? "") }
        if candidates.count > 1 { throw StoreError.ambiguousKey(key: key, cards: candidates) }
        return candidates.first.map { CardLookup(card: $0, suffix: match) }
    }

    /// The first card whose phone is the same number as `phone`, both in
    /// the store's form ("+38 (050) 111-22-33" finds "+380501112233"; with
    /// no `phone` setting, the same digits).
    func card(phone: String) throws -> Card? {
        let digits = Card.digits(of: schema.storedPhone(phone))
        guard !digits.isEmpty else { return nil }
        return try db.query(
            "SELECT \(Self.cardColumns) FROM cards WHERE phone_digits = ? ORDER BY seq LIMIT 1", [.text(digits)]
        ).first.map(Self.card(from:))
    }
}
