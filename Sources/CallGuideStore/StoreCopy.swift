import Foundation

/// `callguide db copy FROM TO` (store.md section 3): every card, call and
/// task of one store into an empty other one, SQLite to PostgreSQL when a
/// centre outgrows one machine, and back.
///
/// The tables and columns are the same on both (same schema version), so
/// rows are copied as they are, `seq`, ids, revisions and field revisions
/// included: history reads the same, and since the store numbers new rows
/// `MAX(seq) + 1`, new ids continue after the copied ones. The source is
/// read as one snapshot and streamed; the target is written in one
/// transaction, which also checks it is empty and that every table holds
/// as many rows as the source did, so a failed copy leaves it as it was.
extension StoreAdministration {
    /// The tables copied, parents first (a call names its card).
    static let copiedTables = ["cards", "calls", "faq_lookups", "tasks", "task_calls", "call_answers", "call_offers", "script_questions", "status_changes", "centre_settings"]

    /// Copies the store at `source` into the empty store at `target` and
    /// returns the rows copied per table.
    public static func copy(from source: String, to target: String, permissions: FilePermissions = .ownerOnly) throws
        -> [StoreStatus.TableCount]
    {
        let from = try CardStore(path: source, readOnly: true).db
        let to: any StoreConnection
        if PostgresLocation.isPostgres(target) {
            // A database without the schema counts as empty: it is made in
            // the copy's own transaction below.
            let connection = try PostgresConnection(location: target)
            try connection.executeScript("SET search_path = callguide")
            connection.serializesWrites = true
            to = connection
        } else {
            to = try CardStore(path: target, permissions: permissions).db
        }
        return try from.readSnapshot {
            try to.writeTransaction {
                if let postgres = to as? PostgresConnection { try PostgresSchema.migrate(postgres) }
                let tables = try copiedTables.filter { try !columns(of: $0, in: from).isEmpty }
                var present: [StoreStatus.TableCount] = []
                for table in tables where try !columns(of: table, in: to).isEmpty {
                    let rows = try to.scalar("SELECT count(*) FROM \(table)").int ?? 0
                    if rows > 0 { present.append(.init(table: table, rows: rows)) }
                }
                if !present.isEmpty {
                    throw StoreError.copyTargetNotEmpty(location: to.shownLocation, counts: describe(present))
                }
                var copied: [StoreStatus.TableCount] = []
                for table in tables {
                    let names = try columns(of: table, in: from)
                    let list = names.joined(separator: ", ")
                    let insert = "INSERT INTO \(table) (\(list)) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
                    var count = 0
                    try from.forEachRow("SELECT \(list) FROM \(table) ORDER BY 1, 2", []) { row in
                        try to.run(insert, row.values)
                        count += 1
                    }
                    let inSource = try from.scalar("SELECT count(*) FROM \(table)").int ?? 0
                    let inTarget = try to.scalar("SELECT count(*) FROM \(table)").int ?? 0
                    guard count == inSource, inTarget == inSource else {
                        throw StoreError.copyCountMismatch(table: table, source: inSource, copied: inTarget)
                    }
                    copied.append(.init(table: table, rows: count))
                }
                // Derived from the cards, made again rather than copied.
                try CardStore.rebuildSearchKeys(in: to)
                return copied
            }
        }
    }

    static func columns(of table: String, in connection: any StoreConnection) throws -> [String] {
        let (sql, values) = connection.dialect.columns(of: table)
        return try connection.query(sql, values).compactMap { $0[0].string }
    }

    /// "3 cards, 1 call, 0 task calls": counts as a sentence says them.
    public static func describe(_ counts: [StoreStatus.TableCount]) -> String {
        counts.map { count in
            let words = count.table.replacingOccurrences(of: "_", with: " ")
            return "\(count.rows) \(count.rows == 1 ? String(words.dropLast()) : words)"
        }.joined(separator: ", ")
    }
}
