/// A name an expression can read.
public enum QualifiedName: Hashable, Sendable, CustomStringConvertible {
    /// A node id (its answer) or a variable.
    case plain(String)
    /// `answer`: the answer of the node being completed.
    case answer
    /// `card.FIELD`
    case card(String)
    /// `call.operator`, `call.script`, `call.started`, `call.language`
    case call(String)
    /// `last.NODE`: what the card's stored calls last answered to NODE
    /// (workflow, section 2.3).
    case last(String)
    /// `task.kind`, `task.note`, `task.attempts`, `task.due`: the task the
    /// call works on.
    case task(String)

    public var description: String {
        switch self {
        case .plain(let n): return n
        case .answer: return "answer"
        case .card(let f): return "card.\(f)"
        case .call(let f): return "call.\(f)"
        case .last(let n): return "last.\(n)"
        case .task(let f): return "task.\(f)"
        }
    }

    /// The fields of `call.FIELD` (script language, section 3).
    public static let callFields = ["operator", "script", "started", "language"]
    /// The fields of `task.FIELD` (workflow, section 2.3).
    public static let taskFields = ["kind", "note", "attempts", "due"]
    /// The words that start a qualified name without being reserved words
    /// of version 1 (`last.NODE`, `task.FIELD`), and `card.calls`' field:
    /// version 1.1 reserves them as ids.
    public static let reservedNames: Set<String> = ["last", "task", "calls"]
}
