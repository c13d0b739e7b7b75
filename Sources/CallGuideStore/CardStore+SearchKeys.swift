import Foundation

/// The two indexes a million cards need beside the trigram search
/// (store.md 7), kept by callguide on both stores alike (migration 7):
///
/// - `card_word_starts`: the first one and two characters of every word of
///   a card's name, email and company (folded) and of every group of digits
///   of its phone, so a query of 1-2 characters finds the cards with a word
///   beginning so through an index, in card order, instead of scanning
///   every card (trigrams need three characters).
/// - `cards.phone_reversed`: the phone's digits backwards, so the card whose
///   phone ends with a key's digits is a range of an index, not a scan of
///   `LIKE '%digits'`.
///
/// Swift splits the words, so SQLite and PostgreSQL find the same cards.
enum CardSearchKeys {
    /// A row's word starts: what a query of 1-2 characters is compared with.
    static func wordStarts(searchFolded: String, phone: String?, phoneDigits: String) -> Set<String> {
        var starts: Set<String> = []
        func addWords(of text: String) {
            var word = ""
            for character in text {
                if isWordCharacter(character) {
                    if word.count < 2 { word.append(character) }
                    continue
                }
                add(word)
                word = ""
            }
            add(word)
        }
        func add(_ word: String) {
            guard let first = word.first else { return }
            starts.insert(String(first))
            if word.count > 1 { starts.insert(word) }
        }
        addWords(of: searchFolded)
        // The digits as written ("+7 900 123-45-67": 7, 900, 123 ...) and
        // as stored whole (the international form, "380...").
        addWords(of: phone ?? "")
        add(String(phoneDigits.prefix(2)))
        return starts
    }

    static func wordStarts(of card: Card) -> Set<String> {
        wordStarts(searchFolded: CardStore.searchFolded(card), phone: card.phone, phoneDigits: card.phoneDigits)
    }

    /// Letters and digits make words; anything else separates them.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// The key a short query looks up: its digits when it looks like a
    /// phone, else its folded letters and digits (empty, finding nothing,
    /// when it has none: "@" begins no word); nil when it is longer than
    /// two characters, which the trigram search takes.
    static func shortKey(folded: String, digits: String) -> String? {
        if !digits.isEmpty { return digits.count <= 2 ? digits : nil }
        guard folded.count <= 2 else { return nil }
        return String(folded.filter(isWordCharacter))
    }

    /// "0501112233" -> "3322111050".
    static func reversed(_ digits: String) -> String { String(digits.reversed()) }

    /// Rows `phone_reversed` of a card whose phone ends with `digits`: from
    /// the reversed digits up to (not including) the next text after every
    /// digit continuation (':' follows '9').
    static func suffixRange(_ digits: String) -> (from: String, to: String) {
        let reversed = reversed(digits)
        return (reversed, reversed + ":")
    }
}

extension CardStore {
    /// Writes the word starts of the card `id` (after its row was inserted
    /// or updated): the old ones go, the new ones come.
    func storeSearchKeys(of card: Card) throws {
        try Self.storeSearchKeys(
            in: db, id: card.id, searchFolded: Self.searchFolded(card), phone: card.phone, phoneDigits: card.phoneDigits)
    }

    static func storeSearchKeys(
        in db: any StoreConnection, id: String, searchFolded: String, phone: String?, phoneDigits: String
    ) throws {
        guard let seq = try db.scalar("SELECT seq FROM cards WHERE id = ?", [.text(id)]).int else { return }
        try db.run("DELETE FROM card_word_starts WHERE seq = ?", [.integer(Int64(seq))])
        try insertWordStarts(
            in: db, seq: seq, CardSearchKeys.wordStarts(searchFolded: searchFolded, phone: phone, phoneDigits: phoneDigits))
    }

    /// One statement for all of a card's word starts (one round trip to a
    /// PostgreSQL server, not one per word).
    static func insertWordStarts(in db: any StoreConnection, seq: Int, _ starts: Set<String>) throws {
        guard !starts.isEmpty else { return }
        let rows = Array(repeating: "(?, ?)", count: starts.count).joined(separator: ", ")
        try db.run(
            "INSERT INTO card_word_starts (start, seq) VALUES \(rows)", starts.sorted().flatMap { [.text($0), .integer(Int64(seq))] })
    }

    /// Fills `phone_reversed` and `card_word_starts` for every card, from
    /// scratch: migration 7 runs it on a store made before, and `db copy`
    /// on its target. A thousand cards at a time, in the caller's
    /// transaction.
    static func rebuildSearchKeys(in db: any StoreConnection) throws {
        try db.run("DELETE FROM card_word_starts")
        var after: Int64 = 0
        while true {
            let rows = try db.query(
                "SELECT seq, phone, phone_digits, search_folded FROM cards WHERE seq > ? ORDER BY seq LIMIT 1000", [.integer(after)])
            guard let last = rows.last?[0].int else { return }
            for row in rows {
                let seq = Int64(row[0].int ?? 0)
                let digits = row[2].string ?? ""
                try db.run("UPDATE cards SET phone_reversed = ? WHERE seq = ?", [.text(CardSearchKeys.reversed(digits)), .integer(seq)])
                let starts = CardSearchKeys.wordStarts(searchFolded: row[3].string ?? "", phone: row[1].string, phoneDigits: digits)
                try insertWordStarts(in: db, seq: Int(seq), starts)
            }
            after = Int64(last)
        }
    }
}
