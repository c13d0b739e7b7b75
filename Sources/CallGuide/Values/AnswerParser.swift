import Foundation

/// Why a line typed for a question is not an answer; the message says what
/// is expected, so the operator can type it again.
public struct AnswerRejection: Error, Sendable, Hashable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// Turns what the operator typed into an answer value (script language,
/// section 2.2). A pure function of the line and the question: hard
/// `validate` rules are the engine's business.
public enum AnswerParser {
    /// Parses `line` for `question`. Texts (option labels, the pattern's
    /// message) are picked for `language`, else `fallback`; their `{...}`
    /// holes show as empty, since no call is at hand. Rejections are worded
    /// in `ui`, the operator screen's language. `today` (`YYYY-MM-DD`, the
    /// call's date) is what relative dates (`tomorrow`, `+3`) count from;
    /// without it they are refused.
    public static func parse(
        _ line: String, for question: Question, language: String?, fallback: String?, ui: UIText = .english, today: String = ""
    ) -> Result<Value, AnswerRejection> {
        parse(line, for: question, language: language, fallback: fallback, context: EmptyContext(today: today), ui: ui)
    }

    /// Parses `line` for `question`, filling the `{...}` holes of option
    /// labels and of the pattern's message from a running call.
    public static func parse(
        _ line: String, for question: Question, language: String?, fallback: String?,
        context: some EvaluationContext, ui: UIText = .english
    ) -> Result<Value, AnswerRejection> {
        let text = { (localized: LocalizedText) -> String in
            localized.variant(for: language, fallback: fallback)?.template.render(in: context).text ?? ""
        }
        let answer = trimmed(line)
        if answer.isEmpty { return .failure(AnswerRejection(ui(.expectedAnswer))) }
        do {
            return .success(try value(answer, question, text, ui, today: CalendarDate(isoText: context.today)))
        } catch {
            return .failure(error)
        }
    }

    /// `y yes true да д так т` are yes, `n no false нет н ні` are no, in any
    /// case; nil for anything else.
    public static func parseYesNo(_ line: String) -> Bool? {
        // A switch, not array literals: no arrays built for every answer.
        switch trimmed(line).lowercased() {
        case "y", "yes", "true", "да", "д", "так", "т": return true
        case "n", "no", "false", "нет", "н", "ні": return false
        default: return nil
        }
    }

    /// Reads a number as people type it: one `.` or `,` as the decimal mark
    /// (`1,5` and `1,500` are both one and a half), an optional sign, and
    /// single spaces, `_` or `'` between digits (`20 000`, `1_500,50`).
    /// Nil for a number a `Decimal` cannot hold exactly (44 digits): it is
    /// refused, never rounded.
    public static func parseNumber(_ line: String) -> Decimal? {
        // Plain digits with at most one `.` (most answers) are their own
        // normalized form: read them directly, as the end of this does.
        if let value = smallDecimal(line) { return value }
        var characters = Array(trimmed(line))
        var negative = false
        if let first = characters.first, first == "-" || first == "+" || first == "\u{2212}" {
            negative = first != "+"
            characters.removeFirst()
        }
        var normalized = ""
        var sawMark = false
        var sawDigit = false
        for (index, c) in characters.enumerated() {
            if c.isASCII && c.isNumber {
                normalized.append(c)
                sawDigit = true
                continue
            }
            let previousIsDigit = index > 0 && characters[index - 1].isASCII && characters[index - 1].isNumber
            let nextIsDigit = index + 1 < characters.count && characters[index + 1].isASCII && characters[index + 1].isNumber
            if c == "." || c == "," {
                guard !sawMark, nextIsDigit else { return nil }
                sawMark = true
                normalized += sawDigit ? "." : "0."
            } else if groupSeparators.contains(c) {
                guard previousIsDigit, nextIsDigit else { return nil }
            } else {
                return nil
            }
        }
        guard sawDigit, let value = smallDecimal(normalized) ?? Decimal(exactPlainText: normalized) else { return nil }
        return negative ? -value : value
    }

    /// `digits[.digits]` of at most 18 digits, built directly: the same
    /// decimal `Decimal(plainText:)` gives, without `Decimal(string:)` and
    /// its locale. Nil for anything else (the general path decides).
    static func smallDecimal(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawMark = false
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 18 else { return nil }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                if sawMark { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawMark, digits > 0 {
                sawMark = true
            } else {
                return nil
            }
        }
        // Zero keeps its written exponent (`0.0`) only on the general path.
        guard significand > 0, !sawMark || fractionDigits > 0 else { return nil }
        return Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(significand))
    }

    /// `line` without leading and trailing whitespace and newlines. A line
    /// that starts and ends with a visible ASCII character (most answers) is
    /// returned as is, skipping Foundation's trimming through NSString.
    private static func trimmed(_ line: String) -> String {
        let scalars = line.unicodeScalars
        if let first = scalars.first, let last = scalars.last,
           first.value > 0x20, first.value < 0x7F, last.value > 0x20, last.value < 0x7F {
            return line
        }
        return line.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static let groupSeparators: Set<Character> = [" ", "_", "'", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2019}"]

    /// Reads `YYYY-MM-DD` or `DD.MM.YYYY` (day and month may have one digit).
    public static func parseDate(_ line: String) -> CalendarDate? {
        let text = trimmed(line)
        if let date = CalendarDate(isoText: text) { return date }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
        else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    /// `today`, `tomorrow`, `+N` (in N days) and the Russian and Ukrainian
    /// words (`сегодня`, `завтра`, `сьогодні`), in any case, counted from
    /// `today`; nil for anything else or without `today`.
    public static func relativeDate(_ line: String, today: CalendarDate?) -> CalendarDate? {
        guard let today else { return nil }
        let word = trimmed(line).lowercased()
        switch word {
        case "today", "сегодня", "сьогодні": return today
        case "tomorrow", "завтра": return today.adding(days: 1)
        default:
            guard word.hasPrefix("+"), (2...5).contains(word.count),
                  word.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }), let days = Int(word.dropFirst())
            else { return nil }
            return today.adding(days: days)
        }
    }

    /// A date as `date` answers take it, then a time `HH:MM` (`YYYY-MM-DD
    /// HH:MM`, `DD.MM.YYYY HH:MM`, `tomorrow 10:30`, `+2 9:00`), or
    /// `YYYY-MM-DDTHH:MM` as the value is written.
    public static func parseDateTime(_ line: String, today: CalendarDate?) -> LocalDateTime? {
        let text = trimmed(line)
        if let exact = LocalDateTime(isoText: text) { return exact }
        guard let space = text.lastIndex(where: { $0 == " " || $0 == "\u{00A0}" }) else { return nil }
        let datePart = String(text[..<space])
        guard let date = parseDate(datePart) ?? relativeDate(datePart, today: today),
              let (hour, minute) = LocalDateTime.clock(text[text.index(after: space)...], strict: false)
        else { return nil }
        return LocalDateTime(date: date, hour: hour, minute: minute)
    }

    private static func dateTime(_ line: String, today: CalendarDate?, _ ui: UIText) throws(AnswerRejection) -> LocalDateTime {
        if let moment = parseDateTime(line, today: today) { return moment }
        let words = trimmed(line).split(whereSeparator: \.isWhitespace)
        if words.count == 1, parseDate(line) != nil || relativeDate(line, today: today) != nil {
            throw AnswerRejection(ui(.expectedTimeToo, trimmed(line)))
        }
        throw AnswerRejection(ui(.expectedDateTime))
    }

    // MARK: - By type

    private static func value(
        _ line: String, _ question: Question, _ text: (LocalizedText) -> String, _ ui: UIText, today: CalendarDate?
    ) throws(AnswerRejection) -> Value {
        switch question.type {
        case .text:
            return try textAnswer(line, question, text, ui)
        case .number, .integer:
            let whole = question.type == .integer
            guard let n = parseNumber(line), !whole || n.isWhole else {
                throw AnswerRejection(ui(whole ? .expectedWholeNumber : .expectedNumber))
            }
            try checkBounds(n, min: question.min, max: question.max, whole: whole, ui)
            return .number(n)
        case .scale, .nps:
            let low = question.type == .nps ? Decimal(0) : question.min
            let high = question.type == .nps ? Decimal(10) : question.max
            guard let n = parseNumber(line), n.isWhole, low.map({ n >= $0 }) ?? true, high.map({ n <= $0 }) ?? true else {
                // Written out only for a rejection: it costs two number texts.
                throw AnswerRejection(ui(.expectedRange, low.map(canonicalNumberText) ?? "…", high.map(canonicalNumberText) ?? "…"))
            }
            return .number(n)
        case .yesno:
            guard let b = parseYesNo(line) else { throw AnswerRejection(ui(.expectedYesNo)) }
            return .bool(b)
        case .choice:
            return .string(try choose(line, question, text, ui))
        case .multi:
            let tokens = line.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
            if tokens.isEmpty { throw AnswerRejection(ui(.expectedOneOrMore, menu(question, text))) }
            var chosen = Set<String>()
            for token in tokens { chosen.insert(try choose(token, question, text, ui)) }
            return .list(question.options.map(\.key).filter(chosen.contains).map(Value.string))
        case .date:
            guard let date = parseDate(line) ?? relativeDate(line, today: today) else {
                let shaped = line.contains("-") || line.contains(".")
                throw AnswerRejection(shaped && line.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." })
                    ? ui(.noSuchDate, line) : ui(.expectedDate))
            }
            return .string(date.description)
        case .datetime:
            return .string(try dateTime(line, today: today, ui).description)
        case .phone:
            return .string(try phone(line, ui))
        case .email:
            return .string(try email(line, ui))
        }
    }

    private static func textAnswer(
        _ line: String, _ question: Question, _ text: (LocalizedText) -> String, _ ui: UIText
    ) throws(AnswerRejection) -> Value {
        guard let pattern = question.pattern else { return .string(line) }
        // An invalid pattern is the checker's E014; it must not block a call.
        guard let regex = AnswerPattern.compile(pattern) else { return .string(line) }
        switch AnswerPattern.matches(regex, line) {
        case true?: return .string(line)
        case nil: throw AnswerRejection(ui(.patternTimeout))
        case false?: break
        }
        let message = question.message.map(text) ?? ""
        throw AnswerRejection(message.isEmpty ? ui(.patternMismatch, pattern) : message)
    }

    private static func checkBounds(_ n: Decimal, min: Decimal?, max: Decimal?, whole: Bool, _ ui: UIText) throws(AnswerRejection) {
        let tooLow = min.map { n < $0 } ?? false
        let tooHigh = max.map { n > $0 } ?? false
        guard tooLow || tooHigh else { return }
        switch (min, max) {
        case let (low?, high?):
            throw AnswerRejection(ui(whole ? .wholeNumberFromTo : .numberFromTo, canonicalNumberText(low), canonicalNumberText(high)))
        case let (low?, nil):
            throw AnswerRejection(ui(whole ? .wholeNumberAtLeast : .numberAtLeast, canonicalNumberText(low)))
        case let (nil, high?):
            throw AnswerRejection(ui(whole ? .wholeNumberAtMost : .numberAtMost, canonicalNumberText(high)))
        case (nil, nil):
            return
        }
    }

    /// `1 basic, 2 premium`: what the operator may type.
    private static func menu(_ question: Question, _ text: (LocalizedText) -> String) -> String {
        question.options.enumerated().map { "\($0.offset + 1) \($0.element.key)" }.joined(separator: ", ")
    }

    /// One option by key (any case), 1-based number, or unique prefix of key or label.
    private static func choose(
        _ typed: String, _ question: Question, _ text: (LocalizedText) -> String, _ ui: UIText
    ) throws(AnswerRejection) -> String {
        let options = question.options
        if let exact = options.first(where: { $0.key == typed }) { return exact.key }
        let lowered = typed.lowercased()
        if let key = options.first(where: { $0.key.lowercased() == lowered }) { return key.key }
        if typed.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(typed), n >= 1, n <= options.count {
            return options[n - 1].key
        }
        let matches = options.filter { option in
            option.key.lowercased().hasPrefix(lowered) || text(option.label).lowercased().hasPrefix(lowered)
        }
        if matches.count == 1 { return matches[0].key }
        if matches.count > 1 {
            throw AnswerRejection(ui(.matchesSeveral, typed, matches.map(\.key).joined(separator: ", ")))
        }
        throw AnswerRejection(question.type == .multi ? ui(.notAnOption, typed, menu(question, text)) : ui(.expectedOneOf, menu(question, text)))
    }

    private static func phone(_ line: String, _ ui: UIText) throws(AnswerRejection) -> String {
        let rejection = AnswerRejection(ui(.expectedPhone))
        var digits = ""
        var plus = false
        for (index, c) in line.enumerated() {
            if c.isASCII && c.isNumber {
                digits.append(c)
            } else if c == "+" && index == 0 {
                plus = true
            } else if !(c == " " || c == "-" || c == "(" || c == ")") {
                throw rejection
            }
        }
        guard (7...15).contains(digits.count) else { throw rejection }
        return plus ? "+" + digits : digits
    }

    private static func email(_ line: String, _ ui: UIText) throws(AnswerRejection) -> String {
        let rejection = AnswerRejection(ui(.expectedEmail))
        let parts = line.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !line.contains(where: \.isWhitespace) else { throw rejection }
        let domain = parts[1].lowercased()
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { throw rejection }
        return parts[0] + "@" + domain
    }
}

/// A context with nothing in it, for texts shown without a call.
struct EmptyContext: EvaluationContext {
    var today: String = ""
    func value(of name: QualifiedName) -> Value { .null }
    func isAnswered(_ node: String) -> Bool { false }
}
