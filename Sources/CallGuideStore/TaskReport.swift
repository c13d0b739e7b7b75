import CallGuide
import Foundation

/// How `report tasks` splits its tasks.
public enum TaskReportGrouping: String, Sendable, CaseIterable {
    case none, `operator`, group
}

/// One line of `report tasks` (workflow.md 5).
public struct TaskReportRow: Equatable, Sendable {
    /// The operator or group; nil for a report not grouped. Tasks of a
    /// group with no operator named are under `group:NAME` by operator, and
    /// tasks with no group under `-` by group.
    public var key: String?
    public var made = 0
    public var done = 0
    /// Done before they became overdue.
    public var doneOnTime = 0
    /// Open and late now.
    public var overdueNow = 0
    public var cancelled = 0
    /// Calls made for the tasks, all together.
    public var attempts = 0

    public init(key: String?) { self.key = key }

    /// Attempts per task made, to one decimal place (decimal arithmetic);
    /// nil with no task.
    public var meanAttempts: Decimal? {
        guard made > 0 else { return nil }
        var exact = Decimal(attempts) / Decimal(made)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 1, .plain)
        return rounded
    }
}

/// A task that is late now: who has it, which client, how late.
public struct OverdueTask: Equatable, Sendable {
    public var task: ClientTask
    /// Seconds since it became overdue.
    public var lateSeconds: Double
    /// Overdue by more than a day with no call made: the client was not
    /// called back.
    public var notCalledBack: Bool { lateSeconds > 86_400 && task.attempts == 0 }
}

/// The whole report: the figures and the overdue list (latest first).
public struct TaskReport: Equatable, Sendable {
    public var rows: [TaskReportRow]
    public var overdue: [OverdueTask]
}

extension CardStore {
    /// The tasks made between two local days (both included, in the
    /// store's zone), grouped; "overdue now" is at `now`. The overdue list
    /// holds every late task of that period, the latest first (then by id).
    public func taskReport(sinceDay: String? = nil, untilDay: String? = nil, by grouping: TaskReportGrouping = .none, now: Date = Date()) throws -> TaskReport {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let sinceDay, let day = CalendarDate(isoText: sinceDay) {
            conditions.append("t.created_at >= ?")
            values.append(.real(LocalDateTime(startOf: day).instant(in: timeZone).timeIntervalSince1970))
        }
        if let untilDay, let day = CalendarDate(isoText: untilDay), let next = day.adding(days: 1) {
            conditions.append("t.created_at < ?")
            values.append(.real(LocalDateTime(startOf: next).instant(in: timeZone).timeIntervalSince1970))
        }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let tasks = try db.query("SELECT \(Self.taskColumns) \(Self.taskFrom) \(clause) ORDER BY t.seq", values)
            .map { Self.task(from: $0, now: now) }
        var rows: [String: TaskReportRow] = [:]
        var overdue: [OverdueTask] = []
        for task in tasks {
            let key: String
            switch grouping {
            case .none: key = ""
            case .operator: key = task.assignee ?? "group:" + (task.group ?? "")
            case .group: key = task.group ?? "-"
            }
            var row = rows[key] ?? TaskReportRow(key: grouping == .none ? nil : key)
            row.made += 1
            row.attempts += task.attempts
            switch task.status {
            case .done:
                row.done += 1
                if let closed = task.closedAt, closed < task.overdueAt { row.doneOnTime += 1 }
            case .cancelled:
                row.cancelled += 1
            case .open:
                if task.isOverdue(at: now) {
                    row.overdueNow += 1
                    overdue.append(OverdueTask(task: task, lateSeconds: now.timeIntervalSince(task.overdueAt)))
                }
            }
            rows[key] = row
        }
        if grouping == .none, rows.isEmpty { rows[""] = TaskReportRow(key: nil) }
        overdue.sort { $0.task.overdueAt != $1.task.overdueAt ? $0.task.overdueAt < $1.task.overdueAt : $0.task.id < $1.task.id }
        return TaskReport(rows: rows.keys.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }.map { rows[$0]! }, overdue: overdue)
    }
}
