import CallGuide
import Foundation

/// `report funnel` (reports.md 2): where clients stand and where they stall.
public struct FunnelReport: Equatable, Sendable {
    /// How many cards are in a status now.
    public struct StatusCount: Equatable, Sendable {
        public var status: String
        public var cards: Int
    }

    /// How many times cards went from one status to another in the period;
    /// `from` nil: new cards made in that status.
    public struct Change: Equatable, Sendable {
        public var from: String?
        public var to: String
        public var count: Int
    }

    /// A status in the period: the cards that were in it at some moment
    /// (at the start of the period, or by a change into it), and how many
    /// of those left it during the period.
    public struct Stage: Equatable, Sendable {
        public var status: String
        public var cards: Int
        public var movedOn: Int
        /// movedOn / cards, 0...1; nil with no card.
        public var movedOnShare: Double? { cards == 0 ? nil : Double(movedOn) / Double(cards) }
    }

    /// The first status change the store recorded: the history (and so the
    /// changes and stages) starts there; nil when none is recorded yet.
    public var historyStart: Date?
    /// Cards per status now, in the configured order, then any other status.
    public var now: [StatusCount]
    /// The period's changes, most frequent first.
    public var changes: [Change]
    /// The period's stages, in the order of `now`.
    public var stages: [Stage]
    /// Every status of `now` and `stages`: the configured ones in their
    /// order, then the others by name.
    public var statuses: [String]
}

extension CardStore {
    /// The funnel for the local days `sinceDay`...`untilDay` (both
    /// included, in the store's zone). `operator`/`script` keep only the
    /// changes made by calls of that operator or script (changes made by a
    /// command then do not count); cards per status now are every card's.
    public func funnelReport(_ filter: CallFilter = CallFilter()) throws -> FunnelReport {
        var conditions: [String] = []
        var values: [SQLValue] = []
        var start: Double?
        if let sinceDay = filter.sinceDay, let day = CalendarDate(isoText: sinceDay) {
            let instant = LocalDateTime(startOf: day).instant(in: timeZone).timeIntervalSince1970
            start = instant
            conditions.append("s.changed_at >= ?")
            values.append(.real(instant))
        }
        if let untilDay = filter.untilDay, let day = CalendarDate(isoText: untilDay), let next = day.adding(days: 1) {
            conditions.append("s.changed_at < ?")
            values.append(.real(LocalDateTime(startOf: next).instant(in: timeZone).timeIntervalSince1970))
        }
        if let name = filter.operator { conditions.append("calls.operator = ?"); values.append(.text(name)) }
        if let script = filter.script { conditions.append("calls.script_id = ?"); values.append(.text(script)) }
        // The period's rows: `withStarts` also has the rows recording each
        // card's status when the history started, `period` only changes.
        let withStarts = "FROM status_changes s LEFT JOIN calls ON calls.id = s.call_id WHERE " + (conditions + ["1 = 1"]).joined(separator: " AND ")
        let period = withStarts + " AND (s.command IS NULL OR s.command <> 'history start')"

        let history = try db.scalar("SELECT min(changed_at) FROM status_changes").double.map { Date(timeIntervalSince1970: $0) }
        var counts = try db.query("SELECT status, count(*) FROM cards GROUP BY status").map {
            FunnelReport.StatusCount(status: $0[0].string ?? "", cards: $0[1].int ?? 0)
        }
        let changes = try db.query("SELECT s.from_status, s.to_status, count(*) \(period) GROUP BY s.from_status, s.to_status", values).map {
            FunnelReport.Change(from: $0[0].string, to: $0[1].string ?? "", count: $0[2].int ?? 0)
        }.sorted { a, b in
            a.count != b.count ? a.count > b.count : (a.from ?? "", a.to) < (b.from ?? "", b.to)
        }
        // A card was in a status in the period if it was in it when the
        // period started (its last change before then) or changed into it.
        let atStart = start.map { _ in
            """
            SELECT card_id, to_status AS status FROM status_changes
            WHERE seq IN (SELECT max(seq) FROM status_changes WHERE changed_at < ? GROUP BY card_id) UNION
            """
        } ?? ""
        let startValues: [SQLValue] = start.map { [.real($0)] } ?? []
        let inStatus = try db.query(
            "SELECT status, count(*) FROM (\(atStart) SELECT s.card_id, s.to_status AS status \(withStarts)) x GROUP BY status", startValues + values)
        let movedOn = try db.query(
            "SELECT from_status, count(*) FROM (SELECT DISTINCT s.card_id, s.from_status \(period) AND s.from_status IS NOT NULL) x GROUP BY from_status",
            values)
        var left: [String: Int] = [:]
        for row in movedOn { left[row[0].string ?? ""] = row[1].int ?? 0 }
        var stages = inStatus.map { row in
            FunnelReport.Stage(status: row[0].string ?? "", cards: row[1].int ?? 0, movedOn: left[row[0].string ?? ""] ?? 0)
        }
        let order = statusOrder(counts.map(\.status) + stages.map(\.status))
        counts.sort { order[$0.status, default: .max] < order[$1.status, default: .max] }
        stages.sort { order[$0.status, default: .max] < order[$1.status, default: .max] }
        let statuses = order.filter { status in counts.contains { $0.status == status.key } || stages.contains { $0.status == status.key } }
            .sorted { $0.value < $1.value }.map(\.key)
        return FunnelReport(historyStart: history, now: counts, changes: changes, stages: stages, statuses: statuses)
    }

    /// The configured statuses first, in their order, then the others by name.
    private func statusOrder(_ seen: [String]) -> [String: Int] {
        var order: [String: Int] = [:]
        for status in schema.statuses where order[status] == nil { order[status] = order.count }
        for status in Set(seen).sorted() where order[status] == nil { order[status] = order.count }
        return order
    }
}
