import Foundation

/// W107: a `when` or `if` that compares a bounded question's answer with a
/// constant outside what the question accepts (`age > 65` where `age` has
/// `max: 60`) can never be true, so the branch it guards is dead. `callguide
/// cases` finds such branches by searching; this says so before any call,
/// for the comparisons that can be told from the script alone: a question
/// of type number, integer, scale or nps, compared with a number, alone or
/// inside `and` (and both sides of an `or`).
enum ImpossibleCondition {
    /// The comparison that can never hold (its operator's offset) and why.
    static func find(in node: ExpressionNode, script: Script) -> (offset: Int, reason: String)? {
        switch node {
        case .binary(.and, let left, let right, _):
            return find(in: left, script: script) ?? find(in: right, script: script)
        case .binary(.or, let left, let right, _):
            guard let first = find(in: left, script: script), find(in: right, script: script) != nil else { return nil }
            return first
        case .binary(let operation, .name(.plain(let id), _), .literal(.number(let constant), _), let offset) where operation.isComparison:
            return impossible(id, operation, constant, script: script).map { (offset, $0) }
        case .binary(let operation, .literal(.number(let constant), _), .name(.plain(let id), _), let offset) where operation.isComparison:
            guard let flipped = flip(operation) else { return nil }
            return impossible(id, flipped, constant, script: script).map { (offset, $0) }
        default:
            return nil
        }
    }

    /// `c < q` is `q > c`.
    private static func flip(_ operation: BinaryOperator) -> BinaryOperator? {
        switch operation {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        case .equal: return .equal
        default: return nil
        }
    }

    /// Why `id OPERATION constant` never holds, if it never does. A null
    /// answer (skipped, not yet asked) makes every comparison but `!=`
    /// false too, so the bounds decide alone.
    private static func impossible(_ id: String, _ operation: BinaryOperator, _ constant: Decimal, script: Script) -> String? {
        guard let question = script.node(id)?.question else { return nil }
        let low: Decimal?, high: Decimal?
        switch question.type {
        case .number, .integer, .scale: (low, high) = (question.min, question.max)
        case .nps: (low, high) = (0, 10)
        default: return nil
        }
        let atMost = high.map { "'\(id)' is at most \(Value.number($0).displayText)" }
        let atLeast = low.map { "'\(id)' is at least \(Value.number($0).displayText)" }
        switch operation {
        case .greater: if let high, high <= constant { return atMost }
        case .greaterOrEqual: if let high, high < constant { return atMost }
        case .less: if let low, low >= constant { return atLeast }
        case .lessOrEqual: if let low, low > constant { return atLeast }
        case .equal:
            if let high, high < constant { return atMost }
            if let low, low > constant { return atLeast }
        default: break
        }
        return nil
    }
}
