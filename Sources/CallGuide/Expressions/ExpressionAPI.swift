import Foundation

// The contract of the expression language (script language, section 3).
// TODO(expressions helper): replace the stubs with the real implementation;
// keep these public signatures (other layers code against them).

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
}

/// A parsed expression. `source` is the text as written.
public struct Expression: Sendable {
    public let source: String
    // TODO(expressions helper): the AST.

    /// Every name read, with its character offset in `source`, in order.
    public var references: [(name: QualifiedName, offset: Int)] { [] }

    /// Names `N` such that this expression being true implies `answered(N)`
    /// (used by W104's guard rule), e.g. `answered(a) and answered(b)`.
    public var answeredGuards: Set<String> { [] }
}

/// A syntax error (E007) at a character offset within the expression or text.
public struct ExpressionSyntaxError: Error, Sendable, Hashable {
    public let message: String
    public let offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}

public enum ExpressionParser {
    public static func parse(_ source: String) throws(ExpressionSyntaxError) -> Expression {
        Expression(source: source)
    }
}

/// A text with `{EXPR}` holes; `{{` and `}}` are literal braces.
public struct Template: Sendable {
    public enum Part: Sendable {
        case literal(String)
        /// `offset` is the character offset of the expression's first
        /// character within the template text.
        case expression(Expression, offset: Int)
    }

    public let parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Template {
        Template(parts: [.literal(text)])
    }
}

/// What evaluation reads from a running call.
public protocol EvaluationContext {
    /// The value of a name; `.null` for an unanswered question.
    func value(of name: QualifiedName) -> Value
    /// Whether the question with this id has an answer (false if skipped).
    func isAnswered(_ node: String) -> Bool
    /// The call's local start date, `YYYY-MM-DD`.
    var today: String { get }
}

/// A runtime error (division by zero, a type the checker could not see).
public struct EvaluationError: Error, Sendable, Hashable {
    public let message: String
    public let offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}

extension Expression {
    public func evaluate(in context: some EvaluationContext) throws(EvaluationError) -> Value {
        .null
    }
}

extension Template {
    /// The text with every hole filled; a failing hole inserts nothing and
    /// its error is returned beside the text.
    public func render(in context: some EvaluationContext) -> (text: String, errors: [EvaluationError]) {
        ("", [])
    }
}

extension Value {
    /// How a value shows inside a text: null as empty, numbers in their
    /// shortest plain decimal form, lists joined with ", ", bools as yes/no.
    public var displayText: String { "" }
}

/// The static type of a name or expression, for the checker.
public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case any
    case null
    case bool
    case number
    case integer
    case string
    /// A `YYYY-MM-DD` string.
    case date
    case list(ValueType)
    /// The answer of a `choice` question (a string among these keys).
    case choice(node: String, keys: [String])

    public var description: String {
        switch self {
        case .any: return "any"
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .integer: return "integer"
        case .string: return "string"
        case .date: return "date"
        case .list(let element): return "list of \(element)"
        case .choice(let node, _): return "choice of '\(node)'"
        }
    }
}

/// What the type checker knows of the names in scope.
public protocol TypeEnvironment {
    /// nil when the name does not exist.
    func type(of name: QualifiedName) -> ValueType?
    /// Whether `name` is a question (a valid argument of `answered`).
    func isQuestion(_ name: String) -> Bool
    /// Known names to suggest for an unknown one ("did you mean").
    func candidates(for name: QualifiedName) -> [String]
}

/// A problem the type checker found: E008 (unknown name) or E009 (type error).
public struct ExpressionProblem: Sendable, Hashable {
    public let code: DiagnosticCode
    public let message: String
    public let offset: Int
    public let hint: String?

    public init(code: DiagnosticCode, message: String, offset: Int, hint: String? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.hint = hint
    }
}

public enum ExpressionTypeChecker {
    /// Checks an expression; `expecting` is `.bool` for `when`, `if` and
    /// `require`, nil where any type goes.
    public static func check(
        _ expression: Expression, expecting: ValueType?, in environment: some TypeEnvironment
    ) -> (type: ValueType, problems: [ExpressionProblem]) {
        (.any, [])
    }
}
