import CallGuide
import Foundation

/// What `db migrate` did to the phones version 1 stored as typed.
public struct PhoneNormalization: Equatable, Sendable {
    /// Cards whose phone was rewritten in the store's form.
    public var rewritten: Int
    /// Groups of two or more cards that share a number now, by the number
    /// (in the store's form); never merged by callguide.
    public var shared: [(phone: String, cards: [Card])]

    public static func == (a: PhoneNormalization, b: PhoneNormalization) -> Bool {
        a.rewritten == b.rewritten
            && a.shared.elementsEqual(b.shared) { $0.phone == $1.phone && $0.cards == $1.cards }
    }
}

extension CardStore {
    /// Rewrites every stored phone in the store's form (`phone:` of
    /// callguide.yaml: `050 111 22 33` becomes `+380501112233`), then lists
    /// the cards that turn out to share a number (store.md 4). Nothing is
    /// merged: which card a client keeps is a person's decision. A phone is
    /// a changed field (the card's revision moves on), so a call that read
    /// the card before sees the change as any other. Safe to repeat.
    public func normalizePhones() throws -> PhoneNormalization {
        try db.writeTransaction {
            var rewrites: [(id: String, phone: String)] = []
            try db.forEachRow("SELECT id, phone FROM cards WHERE phone IS NOT NULL ORDER BY seq", []) { row in
                guard let id = row[0].string, let phone = row[1].string else { return }
                let stored = schema.storedPhone(phone)
                if stored != phone { rewrites.append((id, stored)) }
            }
            for rewrite in rewrites {
                guard var card = try card(rewrite.id) else { continue }
                var revisions = try fieldRevisions(of: card.id)
                card.phone = rewrite.phone
                card.revision += 1
                card.updatedAt = Date()
                revisions["phone"] = card.revision
                try update(card, revisions: revisions)
            }
            var shared: [(phone: String, cards: [Card])] = []
            let numbers = try db.query(
                "SELECT phone_digits FROM cards WHERE phone_digits IS NOT NULL AND phone_digits <> '' GROUP BY phone_digits HAVING count(*) > 1 ORDER BY phone_digits")
            for number in numbers {
                let cards = try db.query("SELECT \(Self.cardColumns) FROM cards WHERE phone_digits = ? ORDER BY seq", [number[0]]).map(Self.card(from:))
                shared.append((cards.first?.phone ?? number[0].string ?? "", cards))
            }
            return PhoneNormalization(rewritten: rewrites.count, shared: shared)
        }
    }

    /// Whether `phone` (as stored) is not a number the store's `phone:`
    /// setting recognizes: kept as its digits, shown flagged in `card show`
    /// for someone to correct. Never flagged without the setting.
    public func isUnrecognizedPhone(_ phone: String) -> Bool {
        schema.phoneFormat?.normalize(phone).isFlagged ?? false
    }
}
