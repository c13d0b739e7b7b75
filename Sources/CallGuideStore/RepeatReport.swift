import Foundation

/// `report repeat` (reports.md 2): how often a client calls again soon after
/// a call. A centre that solves things at the first contact has few.
public struct RepeatReport: Equatable, Sendable {
    /// The window: a later call started within this many days (N × 24 h)
    /// after a call's start is a repeat of it.
    public var days: Int
    /// The calls of the period (and filters).
    public var calls: Int
    /// Calls with no card: nothing can follow them, they are not counted.
    public var withoutCard: Int
    /// Calls followed within the window by another call of the same card
    /// that was not made for a task (a planned callback is no repeat).
    public var repeated: Int

    public init(days: Int, calls: Int, withoutCard: Int, repeated: Int) {
        self.days = days
        self.calls = calls
        self.withoutCard = withoutCard
        self.repeated = repeated
    }

    /// The calls that could be repeated: those with a card.
    public var withCard: Int { calls - withoutCard }
    /// repeated / withCard, 0...1; nil with no call of a card.
    public var share: Double? { withCard == 0 ? nil : Double(repeated) / Double(withCard) }
}

extension CardStore {
    /// Counts the calls the filter selects that were followed within
    /// `days` by another call of the same card, made not for a task. The
    /// following call may fall after the period: a call on its last day is
    /// still followed up. One look-up per call in `calls_card`, which holds
    /// the call's id for the task check, so no call's row is read.
    public func repeatReport(_ filter: CallFilter = CallFilter(), days: Int = 7) throws -> RepeatReport {
        let (clause, values) = filter.sql
        let row = try db.query(
            """
            SELECT count(*), COALESCE(sum(CASE WHEN card_id IS NULL THEN 1 ELSE 0 END), 0),
                COALESCE(sum(CASE WHEN card_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM calls n
                    WHERE n.card_id = calls.card_id AND n.started_at <= calls.started_at + ?
                        AND (n.started_at > calls.started_at OR (n.started_at = calls.started_at AND n.seq > calls.seq))
                        AND NOT EXISTS (SELECT 1 FROM task_calls t WHERE t.call_id = n.id)
                ) THEN 1 ELSE 0 END), 0)
            FROM calls \(clause)
            """, [.real(Double(days) * 86_400)] + values
        ).first
        return RepeatReport(days: days, calls: row?[0].int ?? 0, withoutCard: row?[1].int ?? 0, repeated: row?[2].int ?? 0)
    }
}
