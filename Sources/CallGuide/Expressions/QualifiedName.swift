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

    public var description: String {
        switch self {
        case .plain(let n): return n
        case .answer: return "answer"
        case .card(let f): return "card.\(f)"
        case .call(let f): return "call.\(f)"
        }
    }

    /// The fields of `call.FIELD` (script language, section 3).
    public static let callFields = ["operator", "script", "started", "language"]
}
