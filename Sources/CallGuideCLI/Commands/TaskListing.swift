import CallGuide
import CallGuideStore
import Foundation

/// How tasks are shown: `tasks`, `task` and `next`.
enum TaskListing {
    static let headers = ["due", "late", "task", "kind", "card", "client", "owner", "script", "attempts", "status", "note"]

    static func cells(_ task: ClientTask, directory: CentreDirectory, now: Date) -> [String] {
        let late = task.isOverdue(at: now) ? "OVERDUE " + CentreDirectory.lateness(now.timeIntervalSince(task.overdueAt)) : ""
        let status = task.takenBy.map { "taken by \($0)" } ?? task.status.rawValue
        let note = (task.note ?? "").split(separator: "\n").first.map(String.init) ?? ""
        return [directory.due(task).replacingOccurrences(of: "T", with: " "), late, task.id, task.kind.rawValue, task.cardID,
                task.clientName ?? task.clientPhone ?? "", owner(task), task.script ?? "", "\(task.attempts)", status, note]
            .map { TerminalText.sanitize($0) }
    }

    /// `anna`, `group senior`, or `anna (senior)`.
    static func owner(_ task: ClientTask) -> String {
        switch (task.assignee, task.group) {
        case let (name?, group?): return "\(name) (\(group))"
        case let (name?, nil): return name
        case let (nil, group?): return "group \(group)"
        default: return ""
        }
    }

    /// Exactly the fields of workflow.md 1, null where unset.
    static func json(_ task: ClientTask, directory: CentreDirectory) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func time(_ value: Date?) -> JSONValue { value.map { .string(TranscriptCodec.isoTimestamp($0)) } ?? .null }
        return .object([
            ("id", .string(task.id)), ("card", .string(task.cardID)), ("kind", .string(task.kind.rawValue)),
            ("due", .string(directory.due(task))), ("assignee", text(task.assignee)), ("group", text(task.group)),
            ("script", text(task.script)), ("note", text(task.note)), ("status", .string(task.status.rawValue)),
            ("attempts", .number(Decimal(task.attempts))), ("created_at", time(task.createdAt)), ("created_by", text(task.createdBy)),
            ("closed_at", time(task.closedAt)), ("closed_by", text(task.closedBy)), ("taken_by", text(task.takenBy)),
            ("taken_at", time(task.takenAt)),
        ])
    }

    /// One line saying what a command did to a task.
    static func summary(_ task: ClientTask, directory: CentreDirectory) -> String {
        var line = "\(task.id) \(task.kind.rawValue) for \(task.cardID)"
        if let name = task.clientName { line += " (\(name))" }
        line += ", due \(directory.due(task).replacingOccurrences(of: "T", with: " ")), \(owner(task)), \(task.status.rawValue)"
        return TerminalText.sanitize(line)
    }
}
