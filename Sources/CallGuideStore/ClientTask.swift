import CallGuide
import Foundation

/// A task kept for a client card (workflow.md 1): call them back, take a
/// call handed over, or anything else to do.
public struct ClientTask: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Call the client.
        case callback
        /// A call handed over by another operator, with what was said.
        case transfer
        /// Anything else (send the proposal): never taken by `next`.
        case todo
    }

    public enum Status: String, Sendable, CaseIterable {
        case open, done, cancelled
    }

    /// `T000001`, ...
    public var id: String
    public var cardID: String
    public var kind: Kind
    /// When it falls due (a UTC instant).
    public var dueAt: Date
    /// false for a task due on a date alone: due from 00:00, late when the
    /// day ends.
    public var dueHasTime: Bool
    /// When it becomes overdue: `dueAt`, or the end of its day.
    public var overdueAt: Date
    public var assignee: String?
    public var group: String?
    public var script: String?
    public var note: String?
    /// What the customer already said, "question: answer", for a transfer.
    public var handover: [String]
    public var status: Status
    public var attempts: Int
    public var createdAt: Date
    /// The call that made it; nil when made by hand (`task add`).
    public var createdBy: String?
    public var closedAt: Date?
    public var closedBy: String?
    /// Who is working it now: nil when nobody holds it, or the hold lapsed.
    public var takenBy: String?
    public var takenAt: Date?
    public var heldUntil: Date?
    /// The client's name, for listings (read with the task).
    public var clientName: String?
    public var clientPhone: String?

    public func isOverdue(at now: Date) -> Bool { status == .open && overdueAt <= now }
}

/// A task to be made: by `task add`, or by a call (its `task:` nodes and
/// `transfer:`), then stored with the call.
public struct NewTask: Equatable, Sendable {
    public var cardID: String
    public var kind: ClientTask.Kind
    /// The local date and time, read in the store's zone.
    public var due: LocalDateTime
    public var dueHasTime: Bool
    public var assignee: String?
    public var group: String?
    public var script: String?
    public var note: String?
    public var handover: [String]

    public init(cardID: String, kind: ClientTask.Kind = .callback, due: LocalDateTime, dueHasTime: Bool = true, assignee: String? = nil,
                group: String? = nil, script: String? = nil, note: String? = nil, handover: [String] = []) {
        self.cardID = cardID
        self.kind = kind
        self.due = due
        self.dueHasTime = dueHasTime
        self.assignee = assignee
        self.group = group
        self.script = script
        self.note = note
        self.handover = handover
    }
}

/// Which tasks a listing shows.
public struct TaskFilter: Equatable, Sendable {
    public enum Owner: Equatable, Sendable {
        /// Everyone's.
        case all
        /// One operator's own, and their groups' tasks.
        case `operator`(String, groups: [String])
        /// One group's tasks.
        case group(String)
    }

    public enum Due: String, Sendable, CaseIterable {
        /// Open and late now.
        case overdue
        /// Open and due by the end of today (late ones included).
        case today
        /// Every open task.
        case open
        /// Every task, closed ones too.
        case all
    }

    public var owner: Owner
    public var due: Due
    public var cardID: String?

    public init(owner: Owner = .all, due: Due = .today, cardID: String? = nil) {
        self.owner = owner
        self.due = due
        self.cardID = cardID
    }
}

/// How the call worked on a task ended, to settle the task in the call's
/// own transaction (workflow.md 3).
public struct TaskCallEnd: Equatable, Sendable {
    public var taskID: String
    public var outcome: String
    /// The `:hangup` reason, if any.
    public var reason: String?
    public var retry: [String: RetryRule]

    public init(taskID: String, outcome: String, reason: String?, retry: [String: RetryRule]) {
        self.taskID = taskID
        self.outcome = outcome
        self.reason = reason
        self.retry = retry
    }
}

/// What became of the task a call worked on.
public enum TaskSettlement: Equatable, Sendable {
    case done
    /// Tried again later: the new due time.
    case retried(Date, rule: String)
    /// Given up after the last attempt the rule allows.
    case cancelled(rule: String)
    /// An abandoned or failed call: open again, as it was.
    case reopened
    /// Someone closed it while the call ran: left as they closed it.
    case alreadyClosed(ClientTask.Status)
}

/// Task problems, each one sentence.
public enum TaskStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSuchTask(id: String)
    case closed(id: String, status: String)
    case takenByOther(id: String, by: String, since: Date, until: Date)
    case noCard(key: String)

    public var description: String {
        switch self {
        case .noSuchTask(let id):
            return "no task has the id '\(id)' (task ids look like T000001; 'callguide tasks --all' lists them)"
        case .closed(let id, let status):
            return "task \(id) is already \(status)"
        case .takenByOther(let id, let by, let since, let until):
            return "task \(id) is being worked by \(by) (taken at \(TranscriptCodec.isoTimestamp(since)), held until \(TranscriptCodec.isoTimestamp(until)))"
        case .noCard(let key):
            return "no card has the id or phone \(key)"
        }
    }
}
