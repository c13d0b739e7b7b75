import CallGuide
import Foundation

/// Fills a store with synthetic calls and faq lookups for `Scripts/bench
/// faq` (reports.md 4: every report over 1,000,000 calls under 1 s).
public enum FAQBenchmark {
    /// Entry ids the synthetic lookups show, most asked first.
    static let entries = ["delivery_time", "warranty", "payment", "returns", "installation"]

    /// Inserts `count` calls over the 60 days before `end`, in one
    /// transaction (a bulk load, not how `run` stores calls). Every third
    /// call has a lookup: mostly one of `entries` (1-3 shown), one in seven
    /// finds nothing. Returns how many lookups were stored.
    public static func insertCalls(_ count: Int, into store: CardStore, end: Date = Date()) throws -> Int {
        var lookups = 0
        try store.db.writeTransaction {
            let first = (try store.db.scalar("SELECT COALESCE(MAX(seq), 0) FROM calls").int) ?? 0
            for i in 0..<count {
                let started = end.addingTimeInterval(-Double(i % 60) * 86_400 - Double(i % 600))
                let id = "faq-bench-\(first + i)"
                let call: [SQLValue] = [.text(id), .text(store.day(of: started)), .text("op\(i % 20)"), .text(i % 4 == 0 ? "outbound" : "inbound_order")]
                try store.db.run(
                    """
                    INSERT INTO calls (seq, id, started_day, operator, script_id, started_at, ended_at, duration, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 180, 'sale')
                    """,
                    [.integer(Int64(first + i + 1))] + call + [.real(started.timeIntervalSince1970), .real(started.timeIntervalSince1970 + 180)])
                guard i % 3 == 0 else { continue }
                lookups += 1
                let n = i / 3
                if n % 7 == 0 {
                    let query = "teleport \(n % 50)"
                    try insertLookup(store, call: call, place: 0, query: query, entry: nil)
                } else {
                    let shown = 1 + n % 3
                    for place in 1...shown {
                        try insertLookup(store, call: call, place: place, query: "query \(n % 40)", entry: entries[(n + place) % entries.count])
                    }
                }
            }
        }
        return lookups
    }

    private static func insertLookup(_ store: CardStore, call: [SQLValue], place: Int, query: String, entry: String?) throws {
        try store.db.run(
            """
            INSERT INTO faq_lookups (call_id, started_day, operator, script_id, lookup, place, query, query_folded, entry, question,
                first_in_call)
            VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, 1)
            """,
            call + [.integer(Int64(place)), .text(query), .text(FAQSearch.words(query).joined(separator: " ")),
                    SQLValue(entry), SQLValue(entry.map { "Question \($0)?" })])
    }
}
