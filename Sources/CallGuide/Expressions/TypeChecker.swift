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
/// An undeclared `card.FIELD` is E006, as section 7 of the language says.
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
    /// `require`, nil where any type goes. Problems come in source order of
    /// discovery; offsets are within the expression's source.
    public static func check(
        _ expression: Expression, expecting: ValueType?, in environment: some TypeEnvironment
    ) -> (type: ValueType, problems: [ExpressionProblem]) {
        var checker = TypeChecker(environment: environment)
        let type = checker.type(of: expression.root)
        if let expecting, !type.isCompatible(with: expecting) {
            let message = expecting == .bool
                ? "condition must be true or false, but this is \(type.phrase)"
                : "expected \(expecting.phrase), but this is \(type.phrase)"
            checker.problem(.E009, message, at: expression.startOffset)
        }
        return (type, checker.problems)
    }

    /// Checks every hole of a text; offsets are within the template text.
    public static func check(
        _ template: Template, in environment: some TypeEnvironment
    ) -> [ExpressionProblem] {
        template.holes.flatMap { hole in
            check(hole.expression, expecting: nil, in: environment).problems.map {
                ExpressionProblem(code: $0.code, message: $0.message, offset: hole.offset + $0.offset, hint: $0.hint)
            }
        }
    }
}

private struct TypeChecker<Environment: TypeEnvironment> {
    let environment: Environment
    var problems: [ExpressionProblem] = []

    init(environment: Environment) {
        self.environment = environment
    }

    mutating func problem(_ code: DiagnosticCode, _ message: String, at offset: Int, hint: String? = nil) {
        problems.append(ExpressionProblem(code: code, message: message, offset: offset, hint: hint))
    }

    mutating func type(of node: ExpressionNode) -> ValueType {
        switch node {
        case .literal(let value, _):
            return .of(value)
        case .list(let items, _):
            var element: ValueType?
            for item in items {
                let t = type(of: item)
                element = element.map { $0.joined(with: t) } ?? t
            }
            return .list(element ?? .any)
        case .name(let name, let offset):
            return nameType(name, at: offset)
        case .unary(.not, let operand, _):
            requireBool(operand, what: "not")
            return .bool
        case .unary(.negate, let operand, let offset):
            let t = type(of: operand)
            if !t.isCompatible(with: .number) {
                problem(.E009, "'-' needs a number, but this is \(t.phrase)", at: offset)
                return .number
            }
            return t.isUnknown ? .number : t
        case .binary(let op, let left, let right, let offset):
            return binaryType(op, left, right, at: offset)
        case .call(let name, let arguments, let offset):
            return callType(name, arguments, at: offset)
        }
    }

    mutating func nameType(_ name: QualifiedName, at offset: Int) -> ValueType {
        if let t = environment.type(of: name) { return t }
        let candidates = environment.candidates(for: name)
        switch name {
        case .plain(let n):
            problem(.E008, "unknown name '\(n)'", at: offset, hint: Suggestions.hint(for: n, among: candidates))
        case .answer:
            problem(.E008, "'answer' is only available where a question's answer is being completed", at: offset)
        case .card(let field):
            problem(.E006, "unknown card field '\(field)'; declare it in the script's 'card' section",
                    at: offset, hint: Suggestions.hint(for: field, among: candidates.map { $0.hasPrefix("card.") ? String($0.dropFirst(5)) : $0 }.sorted()))
        case .call(let field):
            let known = candidates.isEmpty ? QualifiedName.callFields : candidates
            problem(.E008, "unknown field 'call.\(field)'; call has \(known.joined(separator: ", "))",
                    at: offset, hint: Suggestions.closest(to: field, among: known).map { "did you mean 'call.\($0)'?" })
        case .task(let field):
            problem(.E008, "unknown field 'task.\(field)'; task has \(QualifiedName.taskFields.joined(separator: ", "))",
                    at: offset, hint: Suggestions.closest(to: field, among: QualifiedName.taskFields).map { "did you mean 'task.\($0)'?" })
        case .last(let node):
            problem(.E008, "unknown name 'last.\(node)'", at: offset, hint: Suggestions.hint(for: "last.\(node)", among: candidates))
        }
        return .any
    }

    /// `what`: the operator's spelling, quoted only in the message (built
    /// only when there is a problem: most operands are fine).
    mutating func requireBool(_ node: ExpressionNode, what: String) {
        let t = type(of: node)
        if !t.isCompatible(with: .bool) {
            problem(.E009, "'\(what)' needs true or false, but this is \(t.phrase)", at: node.offset)
        }
    }

    /// A string literal compared with a choice answer must be one of its keys.
    /// Returns true when the pair was a choice and a literal (checked here).
    @discardableResult
    mutating func checkKey(_ literal: ExpressionNode, against type: ValueType) -> Bool {
        guard case .choice(let node, let keys) = type, case .literal(.string(let key), let offset) = literal
        else { return false }
        if !keys.contains(key) {
            problem(.E009, "'\(node)' has no option '\(key)'", at: offset, hint: Suggestions.hint(for: key, among: keys))
        }
        return true
    }

    /// Checks each string literal of a list literal against a choice type.
    mutating func checkKeys(inList node: ExpressionNode, against type: ValueType) {
        guard case .choice = type, case .list(let items, _) = node else { return }
        for item in items { checkKey(item, against: type) }
    }

    mutating func binaryType(_ op: BinaryOperator, _ left: ExpressionNode, _ right: ExpressionNode, at offset: Int) -> ValueType {
        switch op {
        case .and, .or:
            requireBool(left, what: op.rawValue)
            requireBool(right, what: op.rawValue)
            return .bool
        default:
            break
        }
        let l = type(of: left)
        let r = type(of: right)
        switch op {
        case .equal, .notEqual:
            if checkKey(right, against: l) || checkKey(left, against: r) { return .bool }
            if !l.isCompatible(with: r) {
                problem(.E009, "cannot compare \(l.phrase) with \(r.phrase)", at: offset)
            }
            return .bool
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let ordered = l.isCompatible(with: r)
                && (l.isUnknown || l.isNumeric || l.isText) && (r.isUnknown || r.isNumeric || r.isText)
            if !ordered {
                problem(.E009, "'\(op.rawValue)' compares two numbers or two texts, but this is \(l.phrase) and \(r.phrase)", at: offset)
            } else if l.isMoment, r.isMoment, l != r {
                // As texts `2026-03-01` sorts before `2026-03-01T00:00`:
                // the answer would depend on how the two are written.
                problem(.E009, "'\(op.rawValue)' compares dates with dates and datetimes with datetimes, but this is \(l.phrase) and \(r.phrase)",
                        at: offset, hint: "to compare a date with a datetime, write the date as DATE + 'T00:00'")
            }
            return .bool
        case .in:
            switch r {
            case .list(let element):
                if checkKey(left, against: element) { return .bool }
                checkKeys(inList: right, against: l)
                if !l.isCompatible(with: element) {
                    problem(.E009, "'in' looks for \(l.phrase) in a list of \(element.phrase)", at: offset)
                }
            case .string, .date, .choice:
                if !l.isCompatible(with: .string) {
                    problem(.E009, "'in' on a text looks for a text, but this is \(l.phrase)", at: offset)
                }
            case .any, .null:
                break
            default:
                problem(.E009, "'in' needs a list or a text on its right, but this is \(r.phrase)", at: offset)
            }
            return .bool
        case .plus:
            if (l.isNumeric && r.isCompatible(with: .number)) || (r.isNumeric && l.isCompatible(with: .number)) {
                return l == .integer && r == .integer ? .integer : .number
            }
            if (l.isText && r.isCompatible(with: .string)) || (r.isText && l.isCompatible(with: .string)) {
                return .string
            }
            if l.isUnknown && r.isUnknown { return .any }
            problem(.E009, "'+' adds two numbers or joins two texts, but this is \(l.phrase) and \(r.phrase)", at: offset)
            return .any
        default:
            // The left operand first, then the right (no array of the two).
            if let t = !l.isCompatible(with: .number) ? l : !r.isCompatible(with: .number) ? r : nil {
                problem(.E009, "'\(op.rawValue)' needs numbers, but this is \(t.phrase)", at: offset)
                return .number
            }
            return l == .integer && r == .integer && op != .divide ? .integer : .number
        }
    }

    mutating func callType(_ name: String, _ arguments: [ExpressionNode], at offset: Int) -> ValueType {
        if name == "answered" {
            if case .name(.plain(let id), let argumentOffset) = arguments.first {
                answeredArgument(id, at: argumentOffset)
            }
            return .bool
        }
        guard let arity = Functions.arities[name] else {
            problem(.E008, "unknown function '\(name)'", at: offset, hint: Suggestions.hint(for: name, among: Functions.names))
            for argument in arguments { _ = type(of: argument) }
            return .any
        }
        let types = arguments.map { type(of: $0) }
        guard arity.contains(arguments.count) else {
            problem(.E009, Functions.arityMessage(name, arity, got: arguments.count), at: offset)
            return .any
        }
        func expect(_ index: Int, _ ok: Bool, _ wanted: String) -> Bool {
            if !ok {
                problems.append(ExpressionProblem(
                    code: .E009, message: "\(name)() needs \(wanted), but this is \(types[index].phrase)",
                    offset: arguments[index].offset))
            }
            return ok
        }
        switch name {
        case "len":
            let t = types[0]
            _ = expect(0, t.isUnknown || t.isText || { if case .list = t { return true } else { return false } }(), "a text or a list")
            return .integer
        case "lower", "upper":
            _ = expect(0, types[0].isCompatible(with: .string), "a text")
            return .string
        case "contains":
            switch types[0] {
            case .list(let element):
                if !checkKey(arguments[1], against: element), !types[1].isCompatible(with: element) {
                    problem(.E009, "contains() looks for \(types[1].phrase) in a list of \(element.phrase)", at: offset)
                }
            case .string, .date, .choice:
                _ = expect(1, types[1].isCompatible(with: .string), "a text to look for")
            case .any, .null:
                break
            default:
                _ = expect(0, false, "a list or a text first")
            }
            return .bool
        case "round":
            _ = expect(0, types[0].isCompatible(with: .number), "a number")
            if arguments.count == 2 {
                _ = expect(1, types[1].isCompatible(with: .integer), "a whole number of digits")
                return .number
            }
            return .integer
        case "min", "max":
            let (a, b) = (types[0], types[1])
            if !(a.isCompatible(with: b) && (a.isUnknown || a.isNumeric || a.isText)) {
                problem(.E009, "\(name)() needs two numbers or two texts, but this is \(a.phrase) and \(b.phrase)", at: offset)
                return .any
            }
            return a.joined(with: b)
        case "today":
            return .date
        case "now":
            return .datetime
        case "add_days", "add_minutes":
            let first = types[0]
            let wantsDate = name == "add_days"
            let firstFits = first.isUnknown || first == .datetime || (wantsDate && first == .date) || first == .string
            _ = expect(0, firstFits, wantsDate ? "a date or a datetime first" : "a datetime first")
            _ = expect(1, types[1].isCompatible(with: .integer), "a whole number second")
            if case .literal(.string(let text), let literalOffset) = arguments[0] {
                let valid = wantsDate ? LocalDateTime(dateOrDateTime: text) != nil : LocalDateTime(isoText: text) != nil
                if !valid {
                    problem(.E009, "'\(text)' is not a \(wantsDate ? "date or datetime" : "datetime"); write \(wantsDate ? "YYYY-MM-DD or " : "")YYYY-MM-DDTHH:MM", at: literalOffset)
                }
            }
            if wantsDate, first == .date { return .date }
            return first == .datetime || !wantsDate ? .datetime : .any
        case "days_between":
            for index in 0..<2 where expect(index, types[index].isCompatible(with: .date), "a date (YYYY-MM-DD)") {
                if case .literal(.string(let text), let literalOffset) = arguments[index], CalendarDate(isoText: text) == nil {
                    problem(.E009, "'\(text)' is not a date; write YYYY-MM-DD", at: literalOffset)
                }
            }
            return .integer
        default:
            return .any
        }
    }

    mutating func answeredArgument(_ id: String, at offset: Int) {
        if environment.isQuestion(id) { return }
        let candidates = environment.candidates(for: .plain(id))
        let questions = candidates.filter { environment.isQuestion($0) }
        let hint = Suggestions.hint(for: id, among: questions.isEmpty ? candidates : questions)
        if environment.type(of: .plain(id)) == nil {
            problem(.E008, "unknown name '\(id)'; answered() takes a question id", at: offset, hint: hint)
        } else {
            problem(.E008, "answered() takes a question id, but '\(id)' is not a question", at: offset, hint: hint)
        }
    }
}
