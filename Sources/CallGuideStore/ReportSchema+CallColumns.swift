import Foundation

/// Migration 9 (reports.md 4, a million calls): `call_answers` and
/// `call_offers` carry their call's day, operator, script and version, so
/// `report answers` and `report offers` count one table's index instead of
/// looking up the call of every row (2.5 s for a question asked in a
/// million calls on SQLite, the calls' pages holding their JSON). The same
/// text runs on both stores (PostgreSQL after `ReportSchema.postgresTypes`).
///
/// The tables are rebuilt rather than altered and updated: one pass that
/// writes each row once, on both stores. `calls_card` gains the call's seq,
/// id and the columns a filter names, and `calls_report` the card, so
/// `report repeat` reads indexes only (`SQLDialect.repeatCounts`);
/// `calls_report` puts the outcome before the start, so a report counts
/// its calls per day, operator, script, version and outcome in index order
/// (`CardStore.report`).
extension ReportSchema {
    static let callColumns = """
        CREATE TABLE call_answers_9 (
            call_seq INTEGER NOT NULL,
            node TEXT NOT NULL,
            value TEXT,
            started_day TEXT NOT NULL,
            operator TEXT NOT NULL,
            script_id TEXT NOT NULL,
            script_version TEXT
        );
        INSERT INTO call_answers_9 (call_seq, node, value, started_day, operator, script_id, script_version)
            SELECT a.call_seq, a.node, a.value, c.started_day, c.operator, c.script_id, c.script_version
            FROM call_answers a JOIN calls c ON c.seq = a.call_seq;
        DROP TABLE call_answers;
        ALTER TABLE call_answers_9 RENAME TO call_answers;
        CREATE INDEX call_answers_call ON call_answers(call_seq);
        CREATE INDEX call_answers_report ON call_answers(node, script_id, started_day, operator, script_version, value);
        CREATE TABLE call_offers_9 (
            call_seq INTEGER NOT NULL,
            node TEXT NOT NULL,
            sku TEXT,
            price TEXT,
            accepted INTEGER NOT NULL DEFAULT 0,
            started_day TEXT NOT NULL,
            operator TEXT NOT NULL,
            script_id TEXT NOT NULL,
            script_version TEXT
        );
        INSERT INTO call_offers_9 (call_seq, node, sku, price, accepted, started_day, operator, script_id, script_version)
            SELECT o.call_seq, o.node, o.sku, o.price, o.accepted, c.started_day, c.operator, c.script_id, c.script_version
            FROM call_offers o JOIN calls c ON c.seq = o.call_seq;
        DROP TABLE call_offers;
        ALTER TABLE call_offers_9 RENAME TO call_offers;
        CREATE INDEX call_offers_call ON call_offers(call_seq);
        CREATE INDEX call_offers_report ON call_offers(node, sku, price, started_day, operator, script_id, script_version, accepted);
        DROP INDEX calls_card;
        CREATE INDEX calls_card ON calls(card_id, started_at, seq, id, started_day, operator, script_id);
        DROP INDEX calls_report;
        CREATE INDEX calls_report ON calls(
            started_day, operator, script_id, script_version, outcome, started_at, converted,
            duration, offers_made, offers_accepted, nps_score, card_id);
        """

    /// Migration 9 on PostgreSQL: the same text with its column types.
    static let postgresCallColumns = postgresTypes(callColumns)
}
