/// Masks for personal data (store.md 6), for sharing exports with someone
/// who must not see who the clients are, and for transcripts of a client
/// who asked to be forgotten. Pure functions of the text.
public enum Redaction {
    /// What a masked free text reads as.
    public static let maskedText = "***"
    /// What a masked date reads as.
    public static let maskedDate = "****-**-**"

    /// A phone keeps its country code and its last two digits, every other
    /// digit a `*` (`+380501112233` -> `+380*******33`). Without a `+` the
    /// country is unknown and only the last two digits stay.
    public static func phone(_ text: String) -> String {
        let digits = Array(text.unicodeScalars.filter { $0.isASCII && $0.properties.numericType == .decimal }.map(Character.init))
        guard digits.count > 2 else { return String(repeating: "*", count: max(digits.count, 1)) }
        let international = text.unicodeScalars.first { !$0.properties.isWhitespace } == "+"
            || text.hasPrefix("00")
        let body = text.hasPrefix("00") ? Array(digits.dropFirst(2)) : digits
        let kept = international ? countryCodeLength(body) : 0
        let hidden = max(0, body.count - kept - 2)
        return (international ? "+" : "") + String(body.prefix(kept)) + String(repeating: "*", count: hidden) + String(body.suffix(2))
    }

    /// An email keeps its first letter and its domain (`o***@example.com`).
    public static func email(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let first = text.first, at != text.startIndex else { return name(text) }
        return String(first) + "***" + text[at...]
    }

    /// A name (or company) keeps its first letter (`Olga Smirnova` -> `O***`).
    public static func name(_ text: String) -> String {
        guard let first = text.first(where: { !$0.isWhitespace }) else { return text }
        return String(first) + "***"
    }

    /// A value of a question or card field of `type`, masked: phones,
    /// emails, dates and texts (free text, as far as the type tells); nil
    /// when the type is not personal (choices, numbers, yes/no, NPS).
    public static func value(_ value: Value, type: AnswerType) -> Value? {
        guard case .string(let text) = value else { return value.isNull ? nil : (Self.isPersonal(type) ? .string(maskedText) : nil) }
        switch type {
        case .phone: return .string(phone(text))
        case .email: return .string(email(text))
        case .date: return .string(maskedDate)
        case .text: return .string(maskedText)
        default: return nil
        }
    }

    /// Whether answers of this type may say who the client is: free text,
    /// phones, emails and dates.
    public static func isPersonal(_ type: AnswerType) -> Bool {
        switch type {
        case .text, .phone, .email, .date: return true
        default: return false
        }
    }

    /// The length of the ITU country calling code at the start of `digits`:
    /// 1 for zones 1 and 7, 2 for the two-digit codes, else 3.
    static func countryCodeLength(_ digits: [Character]) -> Int {
        guard let first = digits.first else { return 0 }
        if first == "1" || first == "7" { return 1 }
        guard digits.count >= 2 else { return digits.count }
        let two = String(digits.prefix(2))
        return twoDigitCodes.contains(two) ? 2 : min(3, digits.count)
    }

    private static let twoDigitCodes: Set<String> = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
        "86", "90", "91", "92", "93", "94", "95", "98",
    ]
}
