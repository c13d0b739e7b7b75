import Foundation

extension ScaleData {
    /// The reports' million calls for `Scripts/bench reports`: the calls
    /// of a store filled by `callguide init --sample-data` (with their
    /// answers, offers and task calls) copied `copies` times by SQL, each
    /// copy's days moved back by its number modulo 365 (so a year is
    /// covered) and with ids and cards of its own, so a card keeps the
    /// sample's few calls. Returns the number of calls then stored.
    ///
    /// Only the bench writes this way: the copies' cards are not made
    /// (their ids are the sample cards' with `-N` added; no report reads a
    /// card's row), so the foreign key from `calls` to `cards` is switched
    /// off for this connection on SQLite and for this session on
    /// PostgreSQL (`session_replication_role`, which needs a superuser:
    /// the bench's own server).
    public static func multiplyCalls(location: String, copies: Int) throws -> Int {
        let store = try CardStore(path: location, durability: .processCrashes)
        let db = store.db
        switch db.dialect {
        case .sqlite: try db.executeScript("PRAGMA foreign_keys = OFF")
        case .postgres: try db.executeScript("SET session_replication_role = replica; SET synchronous_commit = off")
        }
        let base = try db.scalar("SELECT COALESCE(MAX(seq), 0) FROM calls").int ?? 0
        let numbers = "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < \(copies))"
        func shifted(_ column: String) -> String {
            switch db.dialect {
            case .sqlite: return "date(\(column), '-' || (n.k % 365) || ' days')"
            case .postgres: return "to_char(CAST(\(column) AS date) - (n.k % 365), 'YYYY-MM-DD')"
            }
        }
        /// The copy's value of a column of row `alias`: numbers after the
        /// sample's, ids suffixed, days and instants moved back.
        func copied(_ column: String, of alias: String) -> String {
            switch column {
            case "seq", "call_seq": return "n.k * \(base) + \(alias).\(column)"
            case "id", "card_id", "call_id", "task_id": return "\(alias).\(column) || '-' || CAST(n.k AS TEXT)"
            case "started_at", "ended_at": return "\(alias).\(column) - (n.k % 365) * 86400"
            case "started_day": return shifted("\(alias).started_day")
            default: return "\(alias).\(column)"
            }
        }
        try db.writeTransaction {
            for (table, alias, sampleRows) in [
                ("calls", "c", "c.seq <= \(base)"), ("call_answers", "a", "a.call_seq <= \(base)"),
                ("call_offers", "o", "o.call_seq <= \(base)"),
                ("task_calls", "t", "t.call_id IN (SELECT id FROM calls WHERE seq <= \(base))"),
            ] {
                let columns = try StoreAdministration.columns(of: table, in: db)
                try db.run(
                    """
                    \(numbers) INSERT INTO \(table) (\(columns.joined(separator: ", ")))
                    SELECT \(columns.map { copied($0, of: alias) }.joined(separator: ", "))
                    FROM \(table) \(alias) CROSS JOIN n WHERE \(sampleRows)
                    """, [])
            }
        }
        // As autovacuum would after the inserts: statistics, and the
        // visibility map that lets PostgreSQL answer from an index alone
        // (before it, `report answers` read 5.8 million rows' pages too).
        if db.dialect == .postgres { try db.executeScript("VACUUM ANALYZE") }
        return try db.scalar("SELECT count(*) FROM calls").int ?? 0
    }
}
