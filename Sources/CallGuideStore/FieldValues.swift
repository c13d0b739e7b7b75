import CallGuide
import Foundation

/// Typing of card field values against the workspace's declarations: used
/// by `setFields` (values) and by the CSV import and `card set` (text).
extension CardSchema {
    /// Checks that `value` fits the field; returns it normalised (an
    /// integer field holds a whole number, and so on).
    public func validate(field: String, value: Value) throws -> Value {
        guard let declaration = declaration(field) else { throw StoreError.unknownField(field: field) }
        // Made only for an error: on every value, the replacement cost an
        // import of a million rows a fifth of its time.
        func invalid(_ reason: String) -> StoreError {
            .invalidValue(field: field, value: (value.textValue ?? "").replacingOccurrences(of: "\u{0}", with: "\\0"), reason: reason)
        }
        if field == "id" { throw invalid("a card's id cannot be changed") }
        // SQLite would keep the text up to the NUL and drop the rest.
        if Self.containsNUL(value) { throw invalid("it contains a NUL character") }
        if value.isNull {
            if field == "status" { throw invalid("a card always has a status") }
            return .null
        }
        if field == "status" {
            guard case .string(let s) = value, !s.isEmpty else { throw invalid("a status is a word") }
            if !statuses.isEmpty, !statuses.contains(s) {
                throw invalid("the statuses are \(statuses.joined(separator: ", "))")
            }
            return value
        }
        switch declaration.type {
        case .text:
            guard case .string = value else { throw invalid("expected text") }
        case .phone:
            guard case .string(let s) = value, Self.phoneDigitRange.contains(Card.digits(of: s).count) else {
                throw invalid("a phone number has 7 to 15 digits")
            }
            if field == "phone" { return .string(storedPhone(s)) }
        case .email:
            guard case .string(let s) = value, Self.isEmail(s) else { throw invalid("expected an email address") }
        case .number:
            guard case .number = value else { throw invalid("expected a number") }
        case .integer, .scale, .nps:
            guard case .number(let d) = value, Self.isWhole(d) else { throw invalid("expected a whole number") }
        case .yesno:
            guard case .bool = value else { throw invalid("expected yes or no") }
        case .choice:
            guard case .string(let s) = value, declaration.options.contains(s) else {
                throw invalid("expected one of \(declaration.options.joined(separator: ", "))")
            }
        case .multi:
            guard case .list(let items) = value,
                items.allSatisfy({ if case .string(let s) = $0 { return declaration.options.contains(s) }; return false })
            else { throw invalid("expected some of \(declaration.options.joined(separator: ", "))") }
        case .date:
            guard case .string(let s) = value, Self.isDate(s) else { throw invalid("expected a date YYYY-MM-DD") }
        case .datetime:
            guard case .string(let s) = value, LocalDateTime(isoText: s) != nil else { throw invalid("expected a date and time YYYY-MM-DDTHH:MM") }
        }
        return value
    }

    /// Reads a value typed as text (a CSV cell, `card set FIELD=VALUE`):
    /// empty text clears the field.
    public func parse(field: String, text: String) throws -> Value {
        guard let declaration = declaration(field) else { throw StoreError.unknownField(field: field) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return try validate(field: field, value: .null) }
        let value: Value
        switch declaration.type {
        case .number, .integer, .scale, .nps:
            // The parser of answers: a number typed in `card set` or a CSV
            // cell reads as it would at a call's prompt (`1 500,50`).
            guard let d = AnswerParser.parseNumber(trimmed) else {
                let digits = trimmed.unicodeScalars.filter { $0.properties.numericType == .decimal }.count
                let reason = digits > Self.exactDigits
                    ? "a number of more than \(Self.exactDigits) digits cannot be stored exactly"
                    : "expected a number, e.g. 1500 or 1 500,50"
                throw StoreError.invalidValue(field: field, value: text, reason: reason)
            }
            value = .number(d)
        case .yesno:
            // As at the prompt (`y`, `да`, `так`...), and `1`/`0` as
            // spreadsheets write them.
            switch AnswerParser.parseYesNo(trimmed) ?? (trimmed == "1" ? true : trimmed == "0" ? false : nil) {
            case true?: value = .bool(true)
            case false?: value = .bool(false)
            case nil: throw StoreError.invalidValue(field: field, value: text, reason: "expected yes or no")
            }
        case .date:
            // `01.12.2026` as at the prompt; stored as `2026-12-01`.
            value = .string(AnswerParser.parseDate(trimmed)?.description ?? trimmed)
        case .multi:
            value = .list(trimmed.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
        default:
            value = .string(trimmed)
        }
        return try validate(field: field, value: value)
    }

    /// A phone has 7 to 15 digits (store.md 4; E.164 allows at most 15).
    public static let phoneDigitRange = 7...15

    /// Digits a stored number keeps exactly (Foundation's `Decimal`).
    static let exactDigits = 38

    static func containsNUL(_ value: Value) -> Bool {
        switch value {
        case .string(let s): return s.utf8.contains(0)
        case .list(let items): return items.contains(where: containsNUL)
        default: return false
        }
    }

    static func isWhole(_ d: Decimal) -> Bool {
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return rounded == d
    }

    static func isEmail(_ s: String) -> Bool {
        s.range(of: #"^[^@\s]+@[^@\s]+$"#, options: .regularExpression) != nil
    }

    static func isDate(_ s: String) -> Bool {
        guard s.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil else { return false }
        let parts = s.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return false }
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return components.isValidDate(in: calendar)
    }
}
