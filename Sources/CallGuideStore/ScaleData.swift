import CallGuide
import Foundation

/// A million cards and a million calls, fast, on either store: the data
/// `Scripts/bench scale` measures `card find`, `calls`, `report` and
/// `card import` on (store.md 7). Only the bench writes this way: rows go
/// in with their `seq` given, in batches of many rows per statement on
/// PostgreSQL (`unnest` of arrays), in one prepared statement per row on
/// SQLite, a transaction per batch; the cards' search keys are written as
/// the store writes them.
///
/// Everything is derived from the row's number, so two runs make the same
/// store. Names are made of syllables so that short queries find a few
/// cards or many, as in a real centre; every 100,000th card works for
/// "Zyx Trading", which two letters find ten of.
public enum ScaleData {
    static let syllables = [
        "ol", "ga", "iv", "an", "pe", "tro", "ko", "va", "len", "mar", "ser", "gey", "na", "ta", "li", "ya", "dmi", "tri",
        "bo", "dar", "mel", "nyk", "shev", "chen", "ro", "man", "ki", "ra", "lu", "da", "ste", "fan", "vi", "ktor", "ze", "nia",
    ]

    /// The card numbered `n` (from 1): id `C` and at least six digits.
    public static func card(_ n: Int, status: String = "new") -> Card {
        let first = word(n, syllables: 2).capitalized
        let last = word(n &* 31 &+ 7, syllables: 3).capitalized
        let company = n % 100_000 == 0 ? "Zyx Trading" : "Company \(n % 5_000)"
        let created = Date(timeIntervalSince1970: 1_700_000_000 + Double(n))
        return Card(
            id: String(format: "C%06d", n), phone: "+" + phoneDigits(n), name: "\(first) \(last)",
            email: "\(first.lowercased()).\(n)@example.com", company: company, status: status, createdAt: created,
            updatedAt: created)
    }

    /// `+380` and nine digits, a different number for every `n` below a
    /// billion.
    public static func phoneDigits(_ n: Int) -> String {
        "380" + String(format: "%09d", (n &* 7_919 &+ 500_000_000) % 1_000_000_000)
    }

    static func word(_ n: Int, syllables count: Int) -> String {
        var value = n &* 2_654_435_761 & 0x7fff_ffff
        var text = ""
        for _ in 0..<count {
            text += syllables[value % syllables.count]
            value /= syllables.count
        }
        return text
    }

    /// Appends `cards` cards and `calls` calls (numbered after those there)
    /// to the store at `location`, `batch` rows per transaction; `progress`
    /// is told the rows written so far.
    public static func fill(
        location: String, cards: Int, calls: Int, timeZone: TimeZone = TimeZone(identifier: "Europe/Kyiv")!, batch: Int = 20_000,
        progress: (String, Int) -> Void = { _, _ in }
    ) throws {
        let store = try CardStore(path: location, timeZone: timeZone, durability: .processCrashes)
        let writer = BulkWriter(db: store.db)
        if store.db.dialect == .postgres { try store.db.executeScript("SET synchronous_commit = off") }
        let firstCard = (try store.db.scalar("SELECT COALESCE(MAX(seq), 0) FROM cards").int ?? 0) + 1
        var start = firstCard
        while start < firstCard + cards {
            let end = min(start + batch, firstCard + cards)
            var rows: [[SQLValue]] = []
            var starts: [[SQLValue]] = []
            for n in start..<end {
                let card = card(n, status: store.schema.initialStatus)
                rows.append([.integer(Int64(n))] + CardStore.rowValues(card, leadingID: true))
                for word in CardSearchKeys.wordStarts(searchFolded: CardStore.searchFolded(card), phone: card.phone, phoneDigits: card.phoneDigits) {
                    starts.append([.text(word), .integer(Int64(n))])
                }
            }
            try store.db.writeTransaction {
                try writer.insert(into: "cards", columns: cardColumns, types: cardTypes, rows: rows)
                try writer.insert(into: "card_word_starts", columns: ["start", "seq"], types: ["text", "bigint"], rows: starts)
            }
            progress("cards", end - firstCard)
            start = end
        }
        let cardCount = try store.db.scalar("SELECT COALESCE(MAX(seq), 0) FROM cards").int ?? 0
        let firstCall = (try store.db.scalar("SELECT COALESCE(MAX(seq), 0) FROM calls").int ?? 0) + 1
        start = firstCall
        while start < firstCall + calls {
            let end = min(start + batch, firstCall + calls)
            let rows = (start..<end).map { callRow($0, cards: cardCount, store: store) }
            try store.db.writeTransaction {
                try writer.insert(into: "calls", columns: callColumns, types: callTypes, rows: rows)
            }
            progress("calls", end - firstCall)
            start = end
        }
        if store.db.dialect == .postgres { try store.db.executeScript("ANALYZE") }
    }

    static let cardColumns = [
        "seq", "id", "phone", "phone_digits", "name", "email", "company", "region", "status", "fields", "search_folded",
        "created_at", "updated_at", "revision", "phone_reversed",
    ]
    static let cardTypes = [
        "bigint", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "double precision",
        "double precision", "integer", "text",
    ]
    static let callColumns = [
        "seq", "id", "card_id", "operator", "script_id", "script_version", "started_at", "ended_at", "started_day", "duration",
        "outcome", "converted", "answers", "nps_score", "offers_made", "offers_accepted", "offers",
    ]
    static let callTypes = [
        "bigint", "text", "text", "text", "text", "text", "double precision", "double precision", "text", "double precision",
        "text", "integer", "text", "integer", "integer", "integer", "text",
    ]

    static let outcomes = ["sale", "no_sale", "callback", "no_fit"]
    static let scripts = ["inbound_order", "outbound_offer", "support", "survey"]

    /// The call numbered `n`: a year of calls from 2025-01-01, 50
    /// operators, four scripts in three versions, answers and offers as a
    /// real call stores them.
    static func callRow(_ n: Int, cards: Int, store: CardStore) -> [SQLValue] {
        let started = Date(timeIntervalSince1970: 1_735_689_600 + Double(n % 1_000_000) * 31.536 + Double(n / 1_000_000))
        let duration = Double(60 + (n &* 37) % 600)
        let hash = n &* 2_654_435_761 & 0x7fff_ffff
        let outcome = outcomes[hash % outcomes.count]
        let nps: Int? = hash % 5 < 3 ? (hash / 7) % 11 : nil
        let offered = (hash / 11) % 3
        let accepted = offered == 0 ? 0 : (hash / 13) % (offered + 1)
        var answers: [JSONValue] = [
            .object([("node", .string("budget")), ("value", .number(Decimal(100 + hash % 900)))]),
            .object([("node", .string("need")), ("value", .string(["filter", "pump", "softener"][hash % 3]))]),
        ]
        if let nps { answers.append(.object([("node", .string("nps")), ("value", .number(Decimal(nps)))])) }
        let offers = JSONValue.array(
            (0..<offered).map { index in
                .object([
                    ("node", .string("upsell_\(index)")),
                    ("item", .object([("sku", .string("SKU-\(index)")), ("price", .number(Decimal(49 + index * 50)))])),
                    ("accepted", .bool(index < accepted)),
                ])
            })
        return [
            .integer(Int64(n)), .text("bench-\(n)"), cards == 0 ? .null : .text(String(format: "C%06d", 1 + (hash % cards))),
            .text("op\(n % 50)"), .text(scripts[n % scripts.count]), .text(String(1 + (n / 7) % 3)),
            .real(started.timeIntervalSince1970), .real(started.timeIntervalSince1970 + duration), .text(store.day(of: started)),
            .real(duration), .text(outcome), .integer(outcome == "sale" ? 1 : 0), .text(JSONValue.array(answers).text),
            nps.map { .integer(Int64($0)) } ?? .null, .integer(Int64(offered)), .integer(Int64(accepted)), .text(offers.text),
        ]
    }
}

/// Many rows into one table: on SQLite one prepared INSERT per row (in the
/// caller's transaction, as fast as SQLite inserts); on PostgreSQL one
/// INSERT ... SELECT FROM unnest(arrays) per 5,000 rows, each column one
/// array parameter, instead of a round trip per row.
struct BulkWriter {
    let db: any StoreConnection

    func insert(into table: String, columns: [String], types: [String], rows: [[SQLValue]]) throws {
        let list = columns.joined(separator: ", ")
        switch db.dialect {
        case .sqlite:
            let sql = "INSERT INTO \(table) (\(list)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
            for row in rows { try db.run(sql, row) }
        case .postgres:
            let arrays = types.map { "?::\($0)[]" }.joined(separator: ", ")
            let sql = "INSERT INTO \(table) (\(list)) SELECT * FROM unnest(\(arrays))"
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(start + 5_000, rows.count)]
                let values: [SQLValue] = columns.indices.map { column in .text(Self.arrayLiteral(chunk.map { $0[column] })) }
                try db.run(sql, values)
                start += chunk.count
            }
        }
    }

    /// `{"a","b",NULL}`: every element quoted, `"` and `\` escaped.
    static func arrayLiteral(_ values: [SQLValue]) -> String {
        var text = "{"
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            switch value {
            case .null:
                text += "NULL"
            case .integer(let number):
                text += String(number)
            case .real(let number):
                text += PostgresParameters.text(number)
            case .text(let string):
                text += "\""
                for character in string.unicodeScalars {
                    if character == "\"" || character == "\\" { text += "\\" }
                    text.unicodeScalars.append(character)
                }
                text += "\""
            }
        }
        return text + "}"
    }
}
