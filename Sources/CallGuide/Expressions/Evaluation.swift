import Foundation

/// What evaluation reads from a running call.
public protocol EvaluationContext {
    /// The value of a name; `.null` for an unanswered question.
    func value(of name: QualifiedName) -> Value
    /// Whether the question with this id has an answer (false if skipped).
    func isAnswered(_ node: String) -> Bool
    /// The call's local start date, `YYYY-MM-DD`.
    var today: String { get }
    /// The call's local start time, `YYYY-MM-DDTHH:MM`: what `now()` returns.
    var now: String { get }
}

extension EvaluationContext {
    /// Contexts without a clock of their own: `today` at 00:00.
    public var now: String { today.isEmpty ? "" : today + "T00:00" }
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
    /// Evaluates the expression against a running call.
    ///
    /// Rules beyond the operators' plain meaning (script language, section 3):
    /// - `and`, `or` and `not` count anything but `true` as false (so
    ///   `not null` is true), and `and`/`or` stop as soon as the result is
    ///   known;
    /// - `==`/`!=` compare any two values (a number never equals a text);
    ///   other comparisons with null are false;
    /// - arithmetic and functions with a null operand give null, except
    ///   `answered` and `len` (null has length 0);
    /// - wrong types throw, pointing at the operator or function.
    public func evaluate(in context: some EvaluationContext) throws(EvaluationError) -> Value {
        try Evaluator(context: context).evaluate(root)
    }
}

struct Evaluator<Context: EvaluationContext> {
    let context: Context

    func evaluate(_ node: ExpressionNode) throws(EvaluationError) -> Value {
        switch node {
        case .literal(let value, _):
            return value
        case .list(let items, _):
            var values: [Value] = []
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .name(let name, _):
            return context.value(of: name)
        case .unary(.not, let operand, _):
            return .bool(!(try evaluate(operand)).isTrue)
        case .unary(.negate, let operand, let offset):
            switch try evaluate(operand) {
            case .null: return .null
            case .number(let d): return .number(-d)
            case let other: throw EvaluationError("'-' needs a number, but this is \(other.kindName)", offset: offset)
            }
        case .binary(.and, let left, let right, _):
            guard try evaluate(left).isTrue else { return .bool(false) }
            return .bool(try evaluate(right).isTrue)
        case .binary(.or, let left, let right, _):
            if try evaluate(left).isTrue { return .bool(true) }
            return .bool(try evaluate(right).isTrue)
        case .binary(let op, let left, let right, let offset):
            return try Operations.apply(op, try evaluate(left), try evaluate(right), at: offset)
        case .call(let name, let arguments, let offset):
            if name == "answered" {
                guard arguments.count == 1, case .name(.plain(let id), _) = arguments[0] else {
                    throw EvaluationError("answered() takes a question id", offset: offset)
                }
                return .bool(context.isAnswered(id))
            }
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return try Functions.call(name, values, today: context.today, now: context.now, at: offset)
        }
    }
}

/// The binary operators other than `and` and `or`, on evaluated operands.
enum Operations {
    static func apply(_ op: BinaryOperator, _ left: Value, _ right: Value, at offset: Int) throws(EvaluationError) -> Value {
        switch op {
        case .equal: return .bool(left == right)
        case .notEqual: return .bool(left != right)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return .bool(try compare(op, left, right, at: offset))
        case .in:
            return try membership(left, right, at: offset)
        case .plus:
            switch (left, right) {
            case (.null, _), (_, .null): return .null
            case (.number(let a), .number(let b)): return try finite(a + b, at: offset)
            case (.string(let a), .string(let b)): return .string(a + b)
            default:
                throw EvaluationError(
                    "'+' adds two numbers or joins two texts, but got \(left.kindName) and \(right.kindName)", offset: offset)
            }
        case .minus, .times, .divide, .remainder:
            if left.isNull || right.isNull { return .null }
            guard case .number(let a) = left, case .number(let b) = right else {
                let culprit = left.isNumber ? right : left
                throw EvaluationError("'\(op.rawValue)' needs numbers, but this is \(culprit.kindName)", offset: offset)
            }
            return try arithmetic(op, a, b, at: offset)
        case .and, .or:
            return .bool(left.isTrue && right.isTrue)
        }
    }

    static func finite(_ d: Decimal, at offset: Int) throws(EvaluationError) -> Value {
        if d.isNaN { throw EvaluationError("the number is too large", offset: offset) }
        return .number(d)
    }

    static func arithmetic(_ op: BinaryOperator, _ a: Decimal, _ b: Decimal, at offset: Int) throws(EvaluationError) -> Value {
        switch op {
        case .minus: return try finite(a - b, at: offset)
        case .times: return try finite(a * b, at: offset)
        case .divide:
            if b.isZero { throw EvaluationError("division by zero", offset: offset) }
            return try finite(a / b, at: offset)
        default:
            if b.isZero { throw EvaluationError("division by zero ('%' by 0)", offset: offset) }
            return try finite(remainder(a, b), at: offset)
        }
    }

    /// The remainder of a truncating division: it takes the sign of the dividend.
    static func remainder(_ a: Decimal, _ b: Decimal) -> Decimal {
        let dividend = a.sign == .minus ? -a : a
        let divisor = b.sign == .minus ? -b : b
        var rest = dividend - divisor * (dividend / divisor).truncated
        // The quotient may be rounded in its last digit; correct by one step.
        if rest.sign == .minus && !rest.isZero { rest += divisor }
        if rest >= divisor { rest -= divisor }
        return a.sign == .minus && !rest.isZero ? -rest : rest
    }

    static func compare(_ op: BinaryOperator, _ left: Value, _ right: Value, at offset: Int) throws(EvaluationError) -> Bool {
        let order: ComparisonResult
        switch (left, right) {
        case (.null, _), (_, .null):
            return false
        case (.number(let a), .number(let b)):
            // One comparison, not `<` then `>`: comparing Decimals is slow.
            var left = a, right = b
            order = NSDecimalCompare(&left, &right)
        case (.string(let a), .string(let b)):
            order = a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
        default:
            throw EvaluationError(
                "'\(op.rawValue)' compares two numbers or two texts, but got \(left.kindName) and \(right.kindName)", offset: offset)
        }
        switch op {
        case .less: return order == .orderedAscending
        case .lessOrEqual: return order != .orderedDescending
        case .greater: return order == .orderedDescending
        default: return order != .orderedAscending
        }
    }

    static func membership(_ item: Value, _ container: Value, at offset: Int) throws(EvaluationError) -> Value {
        switch container {
        case .null: return .bool(false)
        case .list(let items): return .bool(items.contains(item))
        case .string(let text):
            switch item {
            case .null: return .bool(false)
            case .string(let part): return .bool(text.containsText(part))
            default: throw EvaluationError("'in' on a text looks for a text, but this is \(item.kindName)", offset: offset)
            }
        default:
            throw EvaluationError("'in' needs a list or a text on its right, but this is \(container.kindName)", offset: offset)
        }
    }
}

extension Value {
    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}

extension String {
    /// Substring test where the empty text is part of every text.
    func containsText(_ part: String) -> Bool {
        part.isEmpty || contains(part)
    }
}
