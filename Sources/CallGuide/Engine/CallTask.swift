/// A task a call made (workflow, sections 2.1, 2.2 and 2.5): what the
/// `task` event carries and the store keeps. Values, not expressions: they
/// were worked out when the node completed.
public struct CallTask: Sendable, Equatable {
    /// The node that made it (the `end` node for a transfer).
    public var node: String
    public var kind: TaskKind
    /// Local `YYYY-MM-DDTHH:MM`, or `YYYY-MM-DD` for a whole day (due from
    /// 00:00, overdue when the day ends).
    public var due: String
    /// The operator, or nil when it is for a group.
    public var assignee: String?
    public var group: String?
    public var script: String?
    public var note: String?
    /// A transfer's "question: answer" lines, in the words of the script
    /// that asked them, so that a later change of the script changes
    /// nothing; empty for other tasks. `note` holds them too, one a line.
    public var handover: [HandoverLine]

    public init(
        node: String, kind: TaskKind, due: String, assignee: String?, group: String?, script: String?,
        note: String?, handover: [HandoverLine] = []
    ) {
        self.node = node
        self.kind = kind
        self.due = due
        self.assignee = assignee
        self.group = group
        self.script = script
        self.note = note
        self.handover = handover
    }
}

/// One line of a transfer's handover: the question as the script put it
/// to the customer, and the answer as the operator would read it. A call's
/// `:note`s come as lines whose question is "note".
public struct HandoverLine: Sendable, Equatable {
    public var question: String
    public var answer: String

    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }

    /// `question: answer`, as the next operator sees it.
    public var text: String { "\(question): \(answer)" }
}

/// The task a call works on (`next`, `run --task`), as `task.*` reads it
/// (workflow, section 2.3). Recorded in the `start` event.
public struct TaskContext: Sendable, Equatable {
    /// The store's id (`T000001`), when it has one.
    public var id: String?
    public var kind: TaskKind
    public var note: String?
    /// Calls made for it before this one.
    public var attempts: Int
    /// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD`.
    public var due: String?

    public init(id: String? = nil, kind: TaskKind, note: String? = nil, attempts: Int = 0, due: String? = nil) {
        self.id = id
        self.kind = kind
        self.note = note
        self.attempts = attempts
        self.due = due
    }
}

/// An offer of the call, for the `end` event (transcript, section 3): the
/// store keeps a call without its script.
public struct OfferRecord: Sendable, Equatable {
    public var node: String
    public var accepted: Bool
    public var item: [ItemEntry]

    public init(node: String, accepted: Bool, item: [ItemEntry]) {
        self.node = node
        self.accepted = accepted
        self.item = item
    }
}
