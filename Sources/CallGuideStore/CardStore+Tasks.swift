import CallGuide
import Foundation

extension CardStore {
    /// How long `next` holds a task for the operator who took it; renewed
    /// at every answer. A hold that lapsed (the call died) frees the task.
    public static let taskHoldSeconds: Double = 30 * 60

    static let taskColumns = """
        t.id, t.card_id, t.kind, t.due_at, t.due_has_time, t.overdue_at, t.assignee, t.group_name, t.script_id,
        t.note, t.handover, t.status, t.attempts, t.created_at, t.created_by, t.closed_at, t.closed_by,
        t.taken_by, t.taken_at, t.held_until, c.name, c.phone
        """
    static let taskFrom = "FROM tasks t LEFT JOIN cards c ON c.id = t.card_id"

    // MARK: Making and reading

    /// Makes a task (`task add`). The card must exist.
    public func addTask(_ new: NewTask, createdBy: String? = nil, now: Date = Date()) throws -> ClientTask {
        try db.writeTransaction {
            let id = try insertTaskInTransaction(new, createdBy: createdBy, now: now)
            return try task(id, now: now)!
        }
    }

    /// The instant a local due time names in the store's zone, and when a
    /// task due then is late.
    public func dueInstants(_ due: LocalDateTime, hasTime: Bool) -> (due: Date, overdue: Date) {
        let start = due.instant(in: timeZone)
        guard !hasTime else { return (start, start) }
        let nextDay = LocalDateTime(startOf: due.date.adding(days: 1) ?? due.date)
        return (start, nextDay.instant(in: timeZone))
    }

    func insertTaskInTransaction(_ new: NewTask, createdBy: String?, now: Date) throws -> String {
        guard try card(new.cardID) != nil else { throw TaskStoreError.noCard(key: new.cardID) }
        let number = (try db.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM tasks").int) ?? 1
        let id = "T" + String(format: "%06d", number)
        let (due, overdue) = dueInstants(new.due, hasTime: new.dueHasTime)
        try db.run(
            """
            INSERT INTO tasks (seq, id, card_id, kind, due_at, due_has_time, overdue_at, assignee, group_name, script_id,
                note, handover, status, attempts, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 0, ?, ?)
            """,
            [
                .integer(Int64(number)), .text(id), .text(new.cardID), .text(new.kind.rawValue),
                .real(due.timeIntervalSince1970), .integer(new.dueHasTime ? 1 : 0), .real(overdue.timeIntervalSince1970),
                SQLValue(new.assignee), SQLValue(new.group), SQLValue(new.script), SQLValue(new.note),
                .text(JSONValue.array(new.handover.map(JSONValue.string)).text), .real(now.timeIntervalSince1970),
                SQLValue(createdBy),
            ])
        return id
    }

    /// The task with this id, or nil. A hold that lapsed by `now` reads as
    /// no hold.
    public func task(_ id: String, now: Date = Date()) throws -> ClientTask? {
        try db.query("SELECT \(Self.taskColumns) \(Self.taskFrom) WHERE t.id = ?", [.text(id)]).first.map { Self.task(from: $0, now: now) }
    }

    /// The tasks a listing shows, soonest first (then by id).
    public func tasks(_ filter: TaskFilter, now: Date = Date()) throws -> [ClientTask] {
        var conditions: [String] = []
        var values: [SQLValue] = []
        switch filter.owner {
        case .all: break
        case .operator(let name, let groups):
            let (clause, bound) = Self.ownerClause(operator: name, groups: groups)
            conditions.append(clause)
            values += bound
        case .group(let group):
            conditions.append("t.group_name = ?")
            values.append(.text(group))
        }
        switch filter.due {
        case .overdue:
            conditions.append("t.status = 'open' AND t.overdue_at <= ?")
            values.append(.real(now.timeIntervalSince1970))
        case .today:
            conditions.append("t.status = 'open' AND t.due_at < ?")
            values.append(.real(endOfDay(containing: now).timeIntervalSince1970))
        case .open:
            conditions.append("t.status = 'open'")
        case .all:
            break
        }
        if let card = filter.cardID {
            conditions.append("t.card_id = ?")
            values.append(.text(card))
        }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try db.query("SELECT \(Self.taskColumns) \(Self.taskFrom) \(clause) ORDER BY t.due_at, t.seq", values)
            .map { Self.task(from: $0, now: now) }
    }

    public func taskCount() throws -> Int {
        try db.scalar("SELECT count(*) FROM tasks").int ?? 0
    }

    /// The end of the local day (in the store's zone) that `instant` is in.
    public func endOfDay(containing instant: Date) -> Date {
        let today = CalendarDate(instant: instant, in: timeZone)
        return LocalDateTime(startOf: today.adding(days: 1) ?? today).instant(in: timeZone)
    }

    static func ownerClause(operator name: String, groups: [String]) -> (String, [SQLValue]) {
        guard !groups.isEmpty else { return ("t.assignee = ?", [.text(name)]) }
        let marks = Array(repeating: "?", count: groups.count).joined(separator: ", ")
        return ("(t.assignee = ? OR t.group_name IN (\(marks)))", [.text(name)] + groups.map { .text($0) })
    }

    // MARK: Changing by hand

    /// `task done` and `task cancel`: closes an open task. A note is added
    /// to the task's note on a line of its own.
    @discardableResult
    public func closeTask(_ id: String, as status: ClientTask.Status, note: String? = nil, now: Date = Date()) throws -> ClientTask {
        try db.writeTransaction {
            let task = try openTask(id, now: now)
            try db.run(
                """
                UPDATE tasks SET status = ?, closed_at = ?, closed_by = NULL, note = ?, taken_by = NULL, taken_at = NULL,
                    held_until = NULL, working_call = NULL WHERE id = ?
                """,
                [.text(status.rawValue), .real(now.timeIntervalSince1970), SQLValue(Self.appending(note, to: task.note)), .text(id)])
            return try self.task(id, now: now)!
        }
    }

    /// `task move`: a new due time and/or owner. `assignee` and `group` are
    /// set together when either is given (a task moved to a group is no
    /// longer one operator's).
    @discardableResult
    public func moveTask(_ id: String, due: LocalDateTime?, dueHasTime: Bool = true, assignee: String?, group: String?, now: Date = Date()) throws -> ClientTask {
        try db.writeTransaction {
            _ = try openTask(id, now: now)
            if let due {
                let (dueAt, overdueAt) = dueInstants(due, hasTime: dueHasTime)
                try db.run("UPDATE tasks SET due_at = ?, due_has_time = ?, overdue_at = ? WHERE id = ?",
                           [.real(dueAt.timeIntervalSince1970), .integer(dueHasTime ? 1 : 0), .real(overdueAt.timeIntervalSince1970), .text(id)])
            }
            if assignee != nil || group != nil {
                try db.run("UPDATE tasks SET assignee = ?, group_name = ? WHERE id = ?", [SQLValue(assignee), SQLValue(group), .text(id)])
            }
            return try task(id, now: now)!
        }
    }

    private func openTask(_ id: String, now: Date) throws -> ClientTask {
        guard let task = try task(id, now: now) else { throw TaskStoreError.noSuchTask(id: id) }
        guard task.status == .open else { throw TaskStoreError.closed(id: id, status: task.status.rawValue) }
        return task
    }

    static func appending(_ line: String?, to note: String?) -> String? {
        guard let line, !line.isEmpty else { return note }
        guard let note, !note.isEmpty else { return line }
        return note + "\n" + line
    }

    // MARK: The queue

    /// Takes the first task due for this operator, atomically: the open
    /// `callback` or `transfer` task with the earliest due time that has
    /// come, not held by anyone (a lapsed hold is no hold), the operator's
    /// own before a group's on equal times. One write transaction reads and
    /// marks it, so two operators never get the same task.
    public func takeNextTask(operator name: String, groups: [String], callID: String, now: Date = Date()) throws -> ClientTask? {
        try db.writeTransaction {
            let (owner, ownerValues) = Self.ownerClause(operator: name, groups: groups)
            let moment = SQLValue.real(now.timeIntervalSince1970)
            guard let id = try db.scalar(
                """
                SELECT t.id FROM tasks t
                WHERE t.status = 'open' AND t.kind IN ('callback', 'transfer') AND t.due_at <= ?
                    AND (t.held_until IS NULL OR t.held_until <= ?) AND \(owner)
                ORDER BY t.due_at, CASE WHEN t.assignee = ? THEN 0 ELSE 1 END, t.seq
                LIMIT 1
                """, [moment, moment] + ownerValues + [.text(name)]
            ).string else { return nil }
            try holdInTransaction(id, operator: name, callID: callID, now: now)
            return try task(id, now: now)
        }
    }

    /// Takes one task by id (`run --task`, `resume`): refused when it is
    /// closed or another call holds it.
    public func takeTask(_ id: String, operator name: String, callID: String, now: Date = Date()) throws -> ClientTask {
        try db.writeTransaction {
            let task = try openTask(id, now: now)
            if let holder = task.takenBy, let since = task.takenAt, let until = task.heldUntil,
               try workingCall(of: id) != callID {
                throw TaskStoreError.takenByOther(id: id, by: holder, since: since, until: until)
            }
            try holdInTransaction(id, operator: name, callID: callID, now: now)
            return try self.task(id, now: now)!
        }
    }

    private func holdInTransaction(_ id: String, operator name: String, callID: String, now: Date) throws {
        try db.run("UPDATE tasks SET taken_by = ?, taken_at = ?, held_until = ?, working_call = ? WHERE id = ?",
                   [.text(name), .real(now.timeIntervalSince1970), .real(now.addingTimeInterval(Self.taskHoldSeconds).timeIntervalSince1970),
                    .text(callID), .text(id)])
        try db.run(
            "INSERT INTO task_calls (task_id, call_id, operator, taken_at) VALUES (?, ?, ?, ?) ON CONFLICT (task_id, call_id) DO NOTHING",
            [.text(id), .text(callID), .text(name), .real(now.timeIntervalSince1970)])
    }

    /// Keeps the hold of the call working the task for another 30
    /// minutes (at every answer). Nothing happens if another call took it.
    public func renewHold(task id: String, callID: String, now: Date = Date()) throws {
        try db.writeTransaction {
            try db.run("UPDATE tasks SET held_until = ? WHERE id = ? AND working_call = ? AND status = 'open'",
                       [.real(now.addingTimeInterval(Self.taskHoldSeconds).timeIntervalSince1970), .text(id), .text(callID)])
        }
    }

    /// Gives a taken task back, untouched (its script could not be found,
    /// the call never started): not an attempt.
    public func releaseTask(_ id: String, callID: String) throws {
        try db.writeTransaction {
            try db.run("UPDATE tasks SET taken_by = NULL, taken_at = NULL, held_until = NULL, working_call = NULL WHERE id = ? AND working_call = ?",
                       [.text(id), .text(callID)])
            try db.run("DELETE FROM task_calls WHERE task_id = ? AND call_id = ? AND ended_at IS NULL", [.text(id), .text(callID)])
        }
    }

    /// The open callback or transfer task of this operator (or their
    /// groups) that falls due next, for "nothing due now" messages.
    public func nextTaskDue(operator name: String, groups: [String], now: Date = Date()) throws -> ClientTask? {
        let (owner, ownerValues) = Self.ownerClause(operator: name, groups: groups)
        return try db.query(
            """
            SELECT \(Self.taskColumns) \(Self.taskFrom)
            WHERE t.status = 'open' AND t.kind IN ('callback', 'transfer') AND \(owner)
                AND (t.due_at > ? OR (t.held_until IS NOT NULL AND t.held_until > ?))
            ORDER BY t.due_at, t.seq LIMIT 1
            """, ownerValues + [.real(now.timeIntervalSince1970), .real(now.timeIntervalSince1970)]
        ).first.map { Self.task(from: $0, now: now) }
    }

    /// The task a call was taken for (`resume` finds its task this way).
    public func taskWorked(byCall callID: String) throws -> String? {
        try db.scalar("SELECT task_id FROM task_calls WHERE call_id = ? LIMIT 1", [.text(callID)]).string
    }

    func workingCall(of id: String) throws -> String? {
        try db.scalar("SELECT working_call FROM tasks WHERE id = ?", [.text(id)]).string
    }

    // MARK: Settling with the call

    /// Inside the call's transaction: counts the attempt and settles the
    /// task (workflow.md 3): done, unless the hangup reason or outcome has a
    /// `retry:` rule (due again `after` later until `max_attempts`, then
    /// cancelled); an abandoned or failed call leaves it open as it was.
    func settleTaskInTransaction(_ end: TaskCallEnd, callID: String, endedAt: Date) throws -> TaskSettlement {
        guard let task = try task(end.taskID, now: endedAt) else { throw TaskStoreError.noSuchTask(id: end.taskID) }
        let attempts = task.attempts + 1
        let moment = SQLValue.real(endedAt.timeIntervalSince1970)
        try db.run("UPDATE task_calls SET ended_at = ?, outcome = ? WHERE task_id = ? AND call_id = ?",
                   [moment, .text(end.outcome), .text(task.id), .text(callID)])
        try db.run("UPDATE tasks SET attempts = ? WHERE id = ?", [.integer(Int64(attempts)), .text(task.id)])
        // The hold is this call's to give back; another call's stays.
        try db.run("UPDATE tasks SET taken_by = NULL, taken_at = NULL, held_until = NULL, working_call = NULL WHERE id = ? AND working_call = ?",
                   [.text(task.id), .text(callID)])
        guard task.status == .open else { return .alreadyClosed(task.status) }
        if end.outcome == "abandoned" || end.outcome == "error" { return .reopened }
        let key = end.reason.flatMap { end.retry[$0] != nil ? $0 : nil } ?? (end.retry[end.outcome] != nil ? end.outcome : nil)
        if let key, let rule = end.retry[key] {
            if attempts >= rule.maxAttempts {
                let line = "cancelled: \(key) after \(attempts) attempt\(attempts == 1 ? "" : "s")"
                try db.run("UPDATE tasks SET status = 'cancelled', closed_at = ?, closed_by = ?, note = ? WHERE id = ?",
                           [moment, .text(callID), SQLValue(Self.appending(line, to: task.note)), .text(task.id)])
                return .cancelled(rule: key)
            }
            let due = endedAt.addingTimeInterval(Double(rule.afterSeconds))
            try db.run("UPDATE tasks SET due_at = ?, due_has_time = 1, overdue_at = ? WHERE id = ?",
                       [.real(due.timeIntervalSince1970), .real(due.timeIntervalSince1970), .text(task.id)])
            return .retried(due, rule: key)
        }
        try db.run("UPDATE tasks SET status = 'done', closed_at = ?, closed_by = ? WHERE id = ?", [moment, .text(callID), .text(task.id)])
        return .done
    }

    // MARK: Rows

    static func task(from row: SQLRow, now: Date) -> ClientTask {
        func date(_ value: SQLValue) -> Date? { value.double.map(Date.init(timeIntervalSince1970:)) }
        let heldUntil = date(row[19])
        let held = heldUntil.map { $0 > now } ?? false
        return ClientTask(
            id: row[0].string ?? "", cardID: row[1].string ?? "", kind: ClientTask.Kind(rawValue: row[2].string ?? "") ?? .todo,
            dueAt: date(row[3]) ?? Date(timeIntervalSince1970: 0), dueHasTime: (row[4].int ?? 1) != 0,
            overdueAt: date(row[5]) ?? Date(timeIntervalSince1970: 0), assignee: row[6].string, group: row[7].string,
            script: row[8].string, note: row[9].string,
            handover: (JSONValue.parseStored(row[10].string ?? "[]")?.arrayValue ?? []).compactMap(\.stringValue),
            status: ClientTask.Status(rawValue: row[11].string ?? "") ?? .open, attempts: row[12].int ?? 0,
            createdAt: date(row[13]) ?? Date(timeIntervalSince1970: 0), createdBy: row[14].string,
            closedAt: date(row[15]), closedBy: row[16].string,
            takenBy: held ? row[17].string : nil, takenAt: held ? date(row[18]) : nil, heldUntil: held ? heldUntil : nil,
            clientName: row[20].string, clientPhone: row[21].string)
    }
}
