import Foundation

/// The tables the managers' reports read (reports.md 2), added by one
/// migration on both stores. Each is written by the store itself whenever
/// a call is stored or a card's status changes, so a report over a million
/// calls aggregates indexed rows in SQL instead of parsing each call's
/// JSON (parsing every `answers` array took 4 s of CPU per report over
/// 1M calls on SQLite; the indexed table takes under 1 s).
///
/// - `call_answers`: one row per answer of a call (`value` is the answer's
///   JSON text; null for a skipped question), keyed by the call's `seq`.
/// - `call_offers`: one row per offer a call made: node, `item.sku` and
///   `item.price` as JSON texts (null when the item has none), accepted 0/1.
/// - `script_questions`: for every script version the store has a call of,
///   each question's type and options with labels (`[[key, label], ...]`),
///   so `report answers` needs no script file. `script_version` is '' for
///   a script with no version; `seen_at` is the end of the last call
///   stored with it (the newest version is the one seen last).
/// - `status_changes`: every change of a card's status (from null for a
///   new card), when, and by which call or command. The migration records
///   every existing card's status as of the migration (command `history
///   start`): the funnel's history starts there.
///
/// Existing calls are copied into `call_answers` and `call_offers` by the
/// migration, from their JSON, so old calls are reported too.
enum ReportSchema {
    static let tables = """
        CREATE TABLE call_answers (
            call_seq INTEGER NOT NULL,
            node TEXT NOT NULL,
            value TEXT
        );
        CREATE INDEX call_answers_node ON call_answers(node, call_seq);
        CREATE INDEX call_answers_call ON call_answers(call_seq);
        CREATE TABLE call_offers (
            call_seq INTEGER NOT NULL,
            node TEXT NOT NULL,
            sku TEXT,
            price TEXT,
            accepted INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX call_offers_call ON call_offers(call_seq);
        CREATE TABLE script_questions (
            script_id TEXT NOT NULL,
            script_version TEXT NOT NULL,
            node TEXT NOT NULL,
            type TEXT NOT NULL,
            options TEXT NOT NULL DEFAULT '[]',
            seen_at REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (script_id, script_version, node)
        );
        CREATE TABLE status_changes (
            seq INTEGER PRIMARY KEY,
            card_id TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT NOT NULL,
            changed_at REAL NOT NULL,
            call_id TEXT,
            command TEXT
        );
        CREATE INDEX status_changes_card ON status_changes(card_id, seq);
        CREATE INDEX status_changes_time ON status_changes(changed_at);
        """

    /// Migration 4 on SQLite (JSON read with SQLite's JSON functions).
    static let sqlite = tables + """

        INSERT INTO call_answers (call_seq, node, value)
            SELECT c.seq, e.value ->> '$.node', e.value -> '$.value'
            FROM calls c, json_each(c.answers) e WHERE json_valid(c.answers);
        INSERT INTO call_offers (call_seq, node, sku, price, accepted)
            SELECT c.seq, e.value ->> '$.node', e.value -> '$.item.sku', e.value -> '$.item.price',
                CASE WHEN e.value ->> '$.accepted' THEN 1 ELSE 0 END
            FROM calls c, json_each(c.offers) e WHERE json_valid(c.offers);
        INSERT INTO status_changes (seq, card_id, from_status, to_status, changed_at, call_id, command)
            SELECT seq, id, NULL, status, (julianday('now') - 2440587.5) * 86400.0, NULL, 'history start' FROM cards;
        """

    /// Migration 4 on PostgreSQL: the same tables (text compared by code
    /// point, instants in double precision), filled the same way.
    static let postgres = postgresTypes(tables) + """

        INSERT INTO call_answers (call_seq, node, value)
            SELECT c.seq, e ->> 'node', (e -> 'value')::text
            FROM calls c CROSS JOIN LATERAL jsonb_array_elements(c.answers::jsonb) e;
        INSERT INTO call_offers (call_seq, node, sku, price, accepted)
            SELECT c.seq, e ->> 'node', (e -> 'item' -> 'sku')::text, (e -> 'item' -> 'price')::text,
                CASE WHEN e -> 'accepted' = 'true'::jsonb THEN 1 ELSE 0 END
            FROM calls c CROSS JOIN LATERAL jsonb_array_elements(c.offers::jsonb) e;
        INSERT INTO status_changes (seq, card_id, from_status, to_status, changed_at, call_id, command)
            SELECT seq, id, NULL, status, extract(epoch from now()), NULL, 'history start' FROM cards;
        """

    /// SQLite's column types in these tables' definitions as PostgreSQL
    /// spells them: text compared by code point, 64-bit sequence numbers,
    /// instants in double precision.
    static func postgresTypes(_ sqlite: String) -> String {
        sqlite
            .replacingOccurrences(of: " TEXT NOT NULL", with: " text COLLATE \"C\" NOT NULL")
            .replacingOccurrences(of: " TEXT,", with: " text COLLATE \"C\",")
            .replacingOccurrences(of: " TEXT\n", with: " text COLLATE \"C\"\n")
            .replacingOccurrences(of: "INTEGER PRIMARY KEY", with: "bigint PRIMARY KEY")
            .replacingOccurrences(of: "call_seq INTEGER", with: "call_seq bigint")
            .replacingOccurrences(of: " REAL NOT NULL", with: " double precision NOT NULL")
    }
}
