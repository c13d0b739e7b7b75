import Foundation

/// The built-in functions (script language, section 3). `answered` needs the
/// call itself and is handled by the evaluator.
enum Functions {
    /// Every function name with its accepted argument counts.
    static let arities: [String: ClosedRange<Int>] = [
        "answered": 1...1, "len": 1...1, "lower": 1...1, "upper": 1...1, "contains": 2...2,
        "round": 1...2, "min": 2...2, "max": 2...2, "today": 0...0, "days_between": 2...2,
        "now": 0...0, "add_days": 2...2, "add_minutes": 2...2,
    ]

    static var names: [String] { arities.keys.sorted() }

    static func arityMessage(_ name: String, _ arity: ClosedRange<Int>, got count: Int) -> String {
        let expected: String
        if arity.lowerBound == arity.upperBound {
            expected = arity.lowerBound == 1 ? "1 argument" : "\(arity.lowerBound) arguments"
        } else {
            expected = "\(arity.lowerBound) or \(arity.upperBound) arguments"
        }
        return "\(name)() takes \(expected), but got \(count)"
    }

    static func call(_ name: String, _ arguments: [Value], today: String, now: String = "", at offset: Int) throws(EvaluationError) -> Value {
        guard let arity = arities[name] else {
            throw EvaluationError("unknown function '\(name)'", offset: offset)
        }
        guard arity.contains(arguments.count) else {
            throw EvaluationError(arityMessage(name, arity, got: arguments.count), offset: offset)
        }
        if name == "len" {
            switch arguments[0] {
            case .null: return .number(0)
            case .string(let s): return .number(Decimal(s.count))
            case .list(let items): return .number(Decimal(items.count))
            case let other: throw EvaluationError("len() needs a text or a list, but this is \(other.kindName)", offset: offset)
            }
        }
        if arguments.contains(where: \.isNull) { return .null }

        func wrong(_ value: Value, _ expected: String) -> EvaluationError {
            EvaluationError("\(name)() needs \(expected), but this is \(value.kindName)", offset: offset)
        }

        switch name {
        case "lower", "upper":
            guard case .string(let s) = arguments[0] else { throw wrong(arguments[0], "a text") }
            return .string(name == "lower" ? s.lowercased() : s.uppercased())
        case "contains":
            switch (arguments[0], arguments[1]) {
            case (.list(let items), let needle): return .bool(items.contains(needle))
            case (.string(let text), .string(let part)): return .bool(text.containsText(part))
            case (.string, let other): throw wrong(other, "a text to look for in a text")
            default: throw wrong(arguments[0], "a list or a text first")
            }
        case "round":
            guard case .number(let n) = arguments[0] else { throw wrong(arguments[0], "a number") }
            var digits = 0
            if arguments.count == 2 {
                guard case .number(let d) = arguments[1], let places = d.exactInt, (-30...30).contains(places) else {
                    throw EvaluationError("round() takes a whole number of digits from -30 to 30", offset: offset)
                }
                digits = places
            }
            return .number(n.roundedHalfAwayFromZero(digits: digits))
        case "min", "max":
            switch (arguments[0], arguments[1]) {
            case (.number(let a), .number(let b)): return .number(name == "min" ? Swift.min(a, b) : Swift.max(a, b))
            case (.string(let a), .string(let b)): return .string(name == "min" ? Swift.min(a, b) : Swift.max(a, b))
            default:
                throw EvaluationError(
                    "\(name)() needs two numbers or two texts, but got \(arguments[0].kindName) and \(arguments[1].kindName)",
                    offset: offset)
            }
        case "today":
            return .string(today)
        case "now":
            return .string(now)
        case "add_days", "add_minutes":
            guard case .number(let count) = arguments[1], let amount = count.exactInt else {
                throw wrong(arguments[1], "a whole number second")
            }
            guard case .string(let text) = arguments[0] else { throw wrong(arguments[0], name == "add_days" ? "a date or a datetime first" : "a datetime first") }
            if name == "add_days", let date = CalendarDate(isoText: text) {
                guard let moved = date.adding(days: amount) else { throw EvaluationError("add_days() goes past the calendar", offset: offset) }
                return .string(moved.description)
            }
            guard let moment = LocalDateTime(dateOrDateTime: text) else {
                throw EvaluationError("\(name)() needs \(name == "add_days" ? "a date (YYYY-MM-DD) or a datetime" : "a datetime") (YYYY-MM-DDTHH:MM), but got '\(text)'", offset: offset)
            }
            let (minutes, overflow) = amount.multipliedReportingOverflow(by: name == "add_days" ? 1440 : 1)
            guard !overflow, let moved = moment.adding(minutes: minutes) else {
                throw EvaluationError("\(name)() goes past the calendar", offset: offset)
            }
            return .string(moved.description)
        case "days_between":
            var days: [Int] = []
            for argument in arguments {
                guard case .string(let text) = argument else { throw wrong(argument, "dates (YYYY-MM-DD)") }
                guard let day = CalendarDate(isoText: text) else {
                    throw EvaluationError("days_between() needs dates as YYYY-MM-DD, but got '\(text)'", offset: offset)
                }
                days.append(day.dayNumber)
            }
            return .number(Decimal(days[1] - days[0]))
        default:
            throw EvaluationError("unknown function '\(name)'", offset: offset)
        }
    }
}
