/// What kind of work a task is (workflow, section 1): `next` hands out
/// callbacks and transfers; a `todo` (send the proposal) is only listed.
public enum TaskKind: String, Sendable, CaseIterable {
    case callback, transfer, todo
}

/// A node's `task:` (workflow, section 2.1): the task the node makes when
/// it completes. Its parts are expressions and a template, evaluated then,
/// so a task can carry what the call has just learnt.
public struct TaskSpec: Sendable {
    public var kind: TaskKind
    /// `due: EXPR`, a date or datetime; nil only in a script with errors
    /// (the checker reports a task without `due`).
    public var due: LocatedExpression?
    /// `to: EXPR`, the operator; nil: `group`, else `call.operator`.
    public var to: LocatedExpression?
    /// `group: NAME`, a group of operators.
    public var group: String?
    public var groupLocation: SourceLocation?
    /// `script: ID`, the script to run for it.
    public var script: String?
    public var scriptLocation: SourceLocation?
    /// `note: TEXT`, a template shown to whoever works the task.
    public var note: LocalizedText?
    /// Where `task:` is written.
    public var location: SourceLocation

    public init(
        kind: TaskKind = .callback, due: LocatedExpression? = nil, to: LocatedExpression? = nil,
        group: String? = nil, groupLocation: SourceLocation? = nil, script: String? = nil,
        scriptLocation: SourceLocation? = nil, note: LocalizedText? = nil, location: SourceLocation
    ) {
        self.kind = kind
        self.due = due
        self.to = to
        self.group = group
        self.groupLocation = groupLocation
        self.script = script
        self.scriptLocation = scriptLocation
        self.note = note
        self.location = location
    }
}

/// An `end` node's `transfer: GROUP` or `transfer: {group, script}`
/// (workflow, section 2.2): the call is handed to that group as a
/// `transfer` task, due at once, carrying what the customer said.
public struct TransferSpec: Sendable {
    public var group: String
    public var groupLocation: SourceLocation
    /// The script the next operator runs; nil: this call's own.
    public var script: String?
    public var scriptLocation: SourceLocation?

    public init(group: String, groupLocation: SourceLocation, script: String? = nil, scriptLocation: SourceLocation? = nil) {
        self.group = group
        self.groupLocation = groupLocation
        self.script = script
        self.scriptLocation = scriptLocation
    }
}
