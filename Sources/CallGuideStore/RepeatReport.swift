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
    /// still followed up. How depends on the store (`SQLDialect.repeatCounts`).
    public func repeatReport(_ filter: CallFilter = CallFilter(), days: Int = 7) throws -> RepeatReport {
        let (sql, values) = db.dialect.repeatCounts(filter.sql, window: Double(days) * 86_400)
        let row = try db.query(sql, values).first
        return RepeatReport(days: days, calls: row?[0].int ?? 0, withoutCard: row?[1].int ?? 0, repeated: row?[2].int ?? 0)
    }
}
