/// An unambiguous name for `Expression` in files that also import
/// Foundation, whose own `Expression` type makes the plain name ambiguous
/// outside this module (`CallGuide.Expression` works too).
public typealias ScriptExpression = Expression

/// A parsed expression. `source` is the text as written.
public struct Expression: Sendable {
    public let source: String
    /// The syntax tree; offsets count Characters of `source`.
    let root: ExpressionNode
    /// Offset of the first token, where problems with the whole expression point.
    public let startOffset: Int

    init(source: String, root: ExpressionNode, startOffset: Int) {
        self.source = source
        self.root = root
        self.startOffset = startOffset
    }

    /// Every name read, with its character offset in `source`, in order.
    /// The argument of `answered(NAME)` counts as a read of `NAME`.
    public var references: [(name: QualifiedName, offset: Int)] {
        var result: [(name: QualifiedName, offset: Int)] = []
        root.collectReferences(into: &result)
        return result
    }

    /// Names `N` such that this expression being true implies `answered(N)`
    /// (used by W104's guard rule), e.g. `answered(a) and answered(b)`.
    public var answeredGuards: Set<String> {
        root.answeredGuards
    }
}

/// Unary operators.
enum UnaryOperator: String, Sendable {
    case not
    case negate = "-"
}

/// Binary operators, with their spelling as written.
enum BinaryOperator: String, Sendable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in`
    case plus = "+", minus = "-", times = "*", divide = "/", remainder = "%"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }

    var isArithmetic: Bool {
        switch self {
        case .plus, .minus, .times, .divide, .remainder: return true
        default: return false
        }
    }
}

/// A node of the syntax tree. `offset` is where errors about the node point:
/// the operator of an operation, the name of a function, the first
/// character of a literal or name. The parser bounds the tree's depth, so
/// recursion over it cannot overflow the stack.
///
/// Only the operations are boxed (`indirect`): leaves, lists and calls are
/// stored inline, so a name or literal costs no heap object of its own.
enum ExpressionNode: Sendable {
    case literal(Value, offset: Int)
    case list([ExpressionNode], offset: Int)
    case name(QualifiedName, offset: Int)
    indirect case unary(UnaryOperator, ExpressionNode, offset: Int)
    indirect case binary(BinaryOperator, ExpressionNode, ExpressionNode, offset: Int)
    case call(String, [ExpressionNode], offset: Int)

    var offset: Int {
        switch self {
        case .literal(_, let o), .list(_, let o), .name(_, let o), .unary(_, _, let o),
             .binary(_, _, _, let o), .call(_, _, let o):
            return o
        }
    }

    func collectReferences(into result: inout [(name: QualifiedName, offset: Int)]) {
        switch self {
        case .literal: break
        case .list(let items, _):
            for item in items { item.collectReferences(into: &result) }
        case .name(let name, let offset):
            result.append((name, offset))
        case .unary(_, let operand, _):
            operand.collectReferences(into: &result)
        case .binary(_, let left, let right, _):
            left.collectReferences(into: &result)
            right.collectReferences(into: &result)
        case .call(_, let arguments, _):
            for argument in arguments { argument.collectReferences(into: &result) }
        }
    }

    var answeredGuards: Set<String> {
        switch self {
        case .call("answered", let arguments, _):
            if arguments.count == 1, case .name(.plain(let name), _) = arguments[0] { return [name] }
            return []
        case .binary(.and, let left, let right, _):
            return left.answeredGuards.union(right.answeredGuards)
        default:
            return []
        }
    }
}

extension ExpressionNode {
    /// A fully parenthesized prefix form, e.g. `(+ 1 (* 2 3))`, to see how
    /// the parser grouped an expression (tests, debugging).
    var tree: String {
        switch self {
        case .literal(.string(let s), _): return "'\(s)'"
        case .literal(let v, _): return v == .null ? "null" : v.isTrue ? "true" : v == .bool(false) ? "false" : v.displayText
        case .list(let items, _): return "[" + items.map(\.tree).joined(separator: " ") + "]"
        case .name(let name, _): return name.description
        case .unary(let op, let operand, _): return "(\(op.rawValue) \(operand.tree))"
        case .binary(let op, let l, let r, _): return "(\(op.rawValue) \(l.tree) \(r.tree))"
        case .call(let name, let arguments, _): return "\(name)(" + arguments.map(\.tree).joined(separator: " ") + ")"
        }
    }
}
