import Foundation

/// The answers `cases` tries at each question: few, but the ones that make
/// conditions go both ways — every option key, yes and no, the bounds and
/// the numbers around each constant the script compares with, dates
/// around `today`, the strings the script mentions, and `:skip` where a
/// question may be skipped. Lines as an operator types them.
struct CaseCandidates {
    /// At most this many numbers or dates per question.
    static let limit = 16

    /// Numbers and strings written in the script's expressions.
    let numbers: [Decimal]
    let strings: [String]
    let today: CalendarDate?

    init(script: Script, today: String) {
        var numbers: [Decimal] = []
        var strings: [String] = []
        var seenNumbers = Set<Decimal>()
        var seenStrings = Set<String>()
        func collect(_ expression: LocatedExpression?) {
            expression?.expression.root.forEachLiteral { value in
                switch value {
                case .number(let n): if seenNumbers.insert(n).inserted { numbers.append(n) }
                case .string(let s): if !s.isEmpty, seenStrings.insert(s).inserted { strings.append(s) }
                default: break
                }
            }
        }
        for node in script.nodes {
            collect(node.when)
            if case .rules(let rules)? = node.next { for rule in rules { collect(rule.condition) } }
            for assignment in node.set { collect(assignment.value) }
            if let question = node.question { for rule in question.validate { collect(rule.require) } }
        }
        self.numbers = numbers
        self.strings = strings
        self.today = CalendarDate(isoText: today)
    }

    /// The lines to try at the question or offer of `node`, in the order
    /// they are preferred (the first is what a call takes when nothing new
    /// is to be found there).
    func lines(for node: Node) -> [String] {
        var lines: [String]
        var optional = false
        switch node.kind {
        case .offer(let offer):
            lines = ["yes", "no"]
            optional = offer.optional
        case .ask(let question):
            optional = question.optional
            lines = answers(for: question)
        default:
            return []
        }
        if optional { lines.append(":skip") }
        var seen = Set<String>()
        return lines.filter { seen.insert($0).inserted }
    }

    private func answers(for question: Question) -> [String] {
        switch question.type {
        case .yesno: return ["yes", "no"]
        case .choice: return question.options.map(\.key)
        case .multi:
            let keys = question.options.map(\.key)
            return keys + (keys.count > 1 ? [keys.joined(separator: ", ")] : [])
        case .number, .integer:
            return numbers(from: question.min, to: question.max, whole: question.type == .integer).map(Self.text)
        case .scale:
            let low = question.min ?? 1, high = question.max ?? 5
            if high - low <= 10, low <= high {
                return stride(from: low, through: high, by: 1).map(Self.text)
            }
            return numbers(from: low, to: high, whole: true).map(Self.text)
        case .nps:
            return numbers(from: 0, to: 10, whole: true, extra: [9, 7]).map(Self.text)
        case .date:
            return dates()
        case .datetime:
            return dates().map { $0 + " 10:00" }
        case .phone:
            return strings.filter { $0.contains(where: \.isNumber) } + ["+15551234567"]
        case .email:
            return strings.filter { $0.contains("@") } + ["client@example.com"]
        case .text:
            return strings.map(Self.escaped) + ["sample", "A1", "12345"]
        }
    }

    /// The bounds first (they differ most), then each constant and its
    /// neighbours, within the bounds.
    private func numbers(from low: Decimal?, to high: Decimal?, whole: Bool, extra: [Decimal] = []) -> [Decimal] {
        var result: [Decimal] = [low ?? 0, high ?? 100] + extra
        for constant in numbers { result += [constant, constant - 1, constant + 1] }
        let fits = { (n: Decimal) -> Bool in
            (low.map { n >= $0 } ?? true) && (high.map { n <= $0 } ?? true) && (!whole || n == n.rounded())
        }
        var seen = Set<Decimal>()
        return Array(result.filter { fits($0) && seen.insert($0).inserted }.prefix(Self.limit))
    }

    /// Tomorrow, today, yesterday, a week and a month on, and `today`
    /// moved by each whole constant (and one day either side), e.g. the
    /// `1` of `days_between(today(), answer) >= 1`; dates the script names.
    private func dates() -> [String] {
        var result: [String] = []
        if let today {
            var offsets: [Int] = [1, 0, -1, 7, 30]
            for constant in numbers where constant == constant.rounded() && abs(constant) <= 3_660 {
                let days = NSDecimalNumber(decimal: constant).intValue
                offsets += [days, days - 1, days + 1]
            }
            var seen = Set<Int>()
            result = offsets.filter { seen.insert($0).inserted }.prefix(Self.limit).map { today.adding(days: $0).description }
        }
        return result + strings.filter { CalendarDate(isoText: $0) != nil }
    }

    private static func text(_ number: Decimal) -> String { "\(number)" }

    /// An answer that begins like a command or a handler is typed with `\`.
    private static func escaped(_ text: String) -> String {
        text.hasPrefix(":") || text.hasPrefix("!") || text.hasPrefix("\\") ? "\\" + text : text
    }
}

extension ExpressionNode {
    /// Calls `body` with every literal of the tree (list items too).
    func forEachLiteral(_ body: (Value) -> Void) {
        switch self {
        case .literal(let value, _): body(value)
        case .list(let items, _): for item in items { item.forEachLiteral(body) }
        case .name: break
        case .unary(_, let operand, _): operand.forEachLiteral(body)
        case .binary(_, let left, let right, _):
            left.forEachLiteral(body)
            right.forEachLiteral(body)
        case .call(_, let arguments, _): for argument in arguments { argument.forEachLiteral(body) }
        }
    }
}

extension CalendarDate {
    /// This date moved by `days` (negative: back), by the proleptic
    /// Gregorian calendar.
    func adding(days: Int) -> CalendarDate {
        var (year, month, day) = (self.year, self.month, self.day)
        var left = days
        while left > 0 {
            let remaining = CalendarDate.daysIn(month: month, year: year) - day
            if left <= remaining { day += left; left = 0; break }
            left -= remaining + 1
            day = 1
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        while left < 0 {
            if -left < day { day += left; left = 0; break }
            left += day
            month -= 1
            if month < 1 { month = 12; year -= 1 }
            day = CalendarDate.daysIn(month: month, year: year)
        }
        return CalendarDate(year: year, month: month, day: day) ?? self
    }
}

extension Decimal {
    fileprivate func rounded() -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
