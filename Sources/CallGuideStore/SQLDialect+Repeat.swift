import Foundation

extension SQLDialect {
    /// `report repeat`'s one row: the calls the filter selects, those with
    /// no card, and those followed within `window` seconds by another call
    /// of the same card not made for a task (`task_calls`); the next call
    /// is the next in (start, seq) order, and may fall after the period.
    ///
    /// The two stores are fast in opposite ways over a million calls.
    /// SQLite reads the calls in card order (`INDEXED BY calls_card`, which
    /// holds the filter's columns) and looks each one's next call up a few
    /// entries further in the same index: 0.78 s for a million calls. In
    /// day order (its own choice for a period) each look-up lands anywhere
    /// in the index: 1.36 s for 430,000 calls. Its window functions took
    /// 2 s. PostgreSQL spends 2 µs per correlated look-up (2.3 s), but
    /// sorts every call by card once and takes the first following call
    /// not made for a task with a window (1.5-1.9 s); the filter then
    /// selects the calls counted, since the following call may be outside
    /// it. (A call made for two tasks has two `task_calls` rows: DISTINCT.)
    func repeatCounts(_ filter: (clause: String, values: [SQLValue]), window: Double) -> (sql: String, values: [SQLValue]) {
        switch self {
        case .sqlite:
            return (
                """
                SELECT count(*), COALESCE(sum(CASE WHEN card_id IS NULL THEN 1 ELSE 0 END), 0),
                    COALESCE(sum(CASE WHEN card_id IS NOT NULL AND EXISTS (
                        SELECT 1 FROM calls n
                        WHERE n.card_id = calls.card_id AND n.started_at >= calls.started_at AND n.started_at <= calls.started_at + ?
                            AND (n.started_at > calls.started_at OR n.seq > calls.seq)
                            AND NOT EXISTS (SELECT 1 FROM task_calls t WHERE t.call_id = n.id)
                    ) THEN 1 ELSE 0 END), 0)
                FROM calls INDEXED BY calls_card \(filter.clause)
                """, [.real(window)] + filter.values)
        case .postgres:
            return (
                """
                SELECT count(*), COALESCE(sum(CASE WHEN card_id IS NULL THEN 1 ELSE 0 END), 0),
                    COALESCE(sum(CASE WHEN card_id IS NOT NULL AND next_start <= started_at + ? THEN 1 ELSE 0 END), 0)
                FROM (
                    SELECT c.card_id, c.started_at, c.started_day, c.operator, c.script_id,
                        min(CASE WHEN t.call_id IS NULL THEN c.started_at END) OVER (
                            PARTITION BY c.card_id ORDER BY c.started_at, c.seq ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
                        ) AS next_start
                    FROM calls c LEFT JOIN (SELECT DISTINCT call_id FROM task_calls) t ON t.call_id = c.id
                ) calls \(filter.clause)
                """, [.real(window)] + filter.values)
        }
    }
}
