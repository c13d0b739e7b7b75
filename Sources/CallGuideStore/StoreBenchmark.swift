import Foundation

/// Times partial search on a large store: `Scripts/bench` calls it to check
/// that a search stays well under 50 ms on a million cards.
public enum StoreBenchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public var cards: Int
        public var insertSeconds: Double
        /// Mean milliseconds per search, over `repetitions` searches.
        public var phoneSearchMilliseconds: Double
        public var nameSearchMilliseconds: Double
        public var shortSearchMilliseconds: Double
        public var phoneMatches: Int
        public var nameMatches: Int

        public var description: String {
            String(
                format: "%d cards inserted in %.1f s; search by partial phone %.2f ms (%d found), by partial name %.2f ms (%d found), 2-character scan %.2f ms",
                cards, insertSeconds, phoneSearchMilliseconds, phoneMatches, nameSearchMilliseconds, nameMatches,
                shortSearchMilliseconds)
        }
    }

    static let firstNames = ["Ivan", "Olga", "Petr", "Anna", "Sergey", "Maria", "Dmitry", "Elena", "Oleksandr", "Iryna"]
    static let lastNames = ["Petrov", "Sidorenko", "Kovalenko", "Smirnova", "Shevchenko", "Ivanova", "Bondar", "Melnyk"]

    /// Creates `cardCount` cards in a new database at `path` (one
    /// transaction, one prepared statement), then times searches.
    public static func run(path: String, cardCount: Int, repetitions: Int = 20) throws -> Result {
        let store = try CardStore(path: path)
        let insertStart = Date()
        try store.insertSyntheticCards(cardCount)
        let insertSeconds = Date().timeIntervalSince(insertStart)

        let searched = try search(store: store, cardCount: cardCount, repetitions: repetitions)
        return Result(
            cards: cardCount, insertSeconds: insertSeconds, phoneSearchMilliseconds: searched.phoneSearchMilliseconds,
            nameSearchMilliseconds: searched.nameSearchMilliseconds, shortSearchMilliseconds: searched.shortSearchMilliseconds,
            phoneMatches: searched.phoneMatches, nameMatches: searched.nameMatches)
    }

    /// Times the searches on a store made by `run` (again, e.g. once calls
    /// have been added).
    public static func search(path: String, cardCount: Int, repetitions: Int = 20) throws -> Result {
        try search(store: CardStore(path: path), cardCount: cardCount, repetitions: repetitions)
    }

    static func search(store: CardStore, cardCount: Int, repetitions: Int) throws -> Result {
        func time(_ text: String) throws -> (Double, Int) {
            var found = 0
            let start = Date()
            for _ in 0..<max(1, repetitions) { found = try store.searchCards(text: text, limit: 20).count }
            return (Date().timeIntervalSince(start) * 1000 / Double(max(1, repetitions)), found)
        }
        let middle = max(1, cardCount / 2)
        let phone = String(syntheticPhoneDigits(middle).suffix(7).prefix(5))
        let (phoneMs, phoneFound) = try time(phone)
        let (nameMs, nameFound) = try time("enko \(middle % 997)")
        let (shortMs, _) = try time("zq")
        return Result(
            cards: cardCount, insertSeconds: 0, phoneSearchMilliseconds: phoneMs, nameSearchMilliseconds: nameMs,
            shortSearchMilliseconds: shortMs, phoneMatches: phoneFound, nameMatches: nameFound)
    }

    static func syntheticPhoneDigits(_ n: Int) -> String {
        "79" + String(format: "%09d", (n &* 7_919) % 1_000_000_000)
    }
}

extension CardStore {
    /// Bulk-inserts synthetic cards for benchmarks and load tests.
    func insertSyntheticCards(_ count: Int) throws {
        try db.writeTransaction {
            var number = (try db.scalar("SELECT COALESCE(MAX(seq), 0) FROM cards").int) ?? 0
            let now = Date()
            for i in 0..<count {
                number += 1
                let first = StoreBenchmark.firstNames[i % StoreBenchmark.firstNames.count]
                let last = StoreBenchmark.lastNames[(i / 10) % StoreBenchmark.lastNames.count]
                let digits = StoreBenchmark.syntheticPhoneDigits(i)
                let card = Card(
                    id: "B" + String(format: "%07d", number), phone: "+" + digits, name: "\(first) \(last) \(i % 997)",
                    email: "\(first.lowercased()).\(i)@example.com", company: "Company \(i % 5000)", status: schema.initialStatus,
                    createdAt: now, updatedAt: now)
                try db.run(CardStore.insertCardSQL, [.integer(Int64(number))] + CardStore.rowValues(card, leadingID: true))
                try CardStore.insertWordStarts(in: db, seq: number, CardSearchKeys.wordStarts(of: card))
            }
        }
    }
}
