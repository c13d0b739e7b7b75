/// How a centre writes its phones (`phone: {country, trunk,
/// national_digits}` in callguide.yaml, store.md section 4), and the rules
/// that turn a phone as typed into the one form stored, so one client gets
/// one card however the number was typed. A pure value: no I/O, no store.
public struct PhoneFormat: Equatable, Hashable, Sendable {
    /// The country calling code, as digits (`"380"`).
    public var country: String
    /// The prefix of national numbers (`"0"`; empty when the country has none).
    public var trunk: String
    /// How many digits a national number has without its trunk prefix, when
    /// the centre says (`9` for Ukraine): such a number gets `+country`.
    public var nationalDigits: Int?

    public init(country: String, trunk: String, nationalDigits: Int? = nil) {
        self.country = country
        self.trunk = trunk
        self.nationalDigits = nationalDigits
    }

    public init(country: Int, trunk: String, nationalDigits: Int? = nil) {
        self.init(country: String(country), trunk: trunk, nationalDigits: nationalDigits)
    }

    /// `typed` in the centre's international form (`+380501112233`):
    /// - a leading `+` or `00` keeps the country code given, and a `(0)`
    ///   right after it is dropped (`+380 (0) 50…`);
    /// - a number beginning with the trunk prefix has it replaced by `+country`;
    /// - a number of exactly `nationalDigits` digits gets `+country`;
    /// - a number that begins with the country code and has a national
    ///   number's length after it gets a `+` (`380501112233`);
    /// - anything else is kept as its digits and flagged.
    public func normalize(_ typed: String) -> NormalizedPhone {
        guard let reading = PhoneReading(typed) else { return .flagged(typed) }
        if reading.international {
            return NormalizedPhone(text: "+" + reading.digits, form: .international)
        }
        let digits = reading.digits
        if !trunk.isEmpty, digits.hasPrefix(trunk), digits.count > trunk.count {
            return NormalizedPhone(text: "+" + country + digits.dropFirst(trunk.count), form: .international)
        }
        if let nationalDigits, digits.count == nationalDigits {
            return NormalizedPhone(text: "+" + country + digits, form: .international)
        }
        if digits.hasPrefix(country), nationalLengths.contains(digits.count - country.count) {
            return NormalizedPhone(text: "+" + digits, form: .international)
        }
        return NormalizedPhone(text: digits, form: .unrecognized)
    }

    /// How many digits may follow the country code in a number typed with
    /// it but without `+`: exactly `nationalDigits` when the centre says,
    /// else 8 or more up to the 15 digits of any phone (E.164). Eight keeps
    /// a national number that merely starts like the code (`380 12 34`, a
    /// short local number) from being read as international.
    private var nationalLengths: ClosedRange<Int> {
        if let nationalDigits { return nationalDigits...nationalDigits }
        return 8...max(8, 15 - country.count)
    }

    /// Without a `phone` setting a phone is stored as typed: its `+` and
    /// digits (store.md section 4); text that is not a phone number is kept
    /// as its digits and flagged.
    public static func asTyped(_ typed: String) -> NormalizedPhone {
        guard let reading = PhoneReading(typed) else { return .flagged(typed) }
        return NormalizedPhone(text: (reading.plus ? "+" : "") + reading.typedDigits, form: .asTyped)
    }
}

/// A phone in the form it is stored and compared in.
public struct NormalizedPhone: Equatable, Hashable, Sendable {
    public enum Form: Equatable, Hashable, Sendable {
        /// `+` and the country code: the same number however it was typed.
        case international
        /// No `phone` setting: `+` and digits as typed.
        case asTyped
        /// Not readable as a number of the centre's: its digits only, shown
        /// flagged in `card show` for someone to correct.
        case unrecognized
    }

    public var text: String
    public var form: Form

    public init(text: String, form: Form) {
        self.text = text
        self.form = form
    }

    /// True when `card show` should point the number out.
    public var isFlagged: Bool { form == .unrecognized }

    /// The digits alone (what suffix matching compares).
    public var digits: String { String(text.filter(\.isASCIIDigit)) }

    static func flagged(_ typed: String) -> NormalizedPhone {
        NormalizedPhone(text: String(typed.filter(\.isASCIIDigit)), form: .unrecognized)
    }
}

/// A phone as people type it: an optional leading `+` (or `00`), digits,
/// and the punctuation between them (spaces, `-`, `.`, `/`, parentheses).
/// Nil for anything else (letters, a `+` in the middle, no digits).
struct PhoneReading {
    /// A `+` was typed first.
    var plus = false
    /// A `+` or `00` was typed first: the country code follows.
    var international = false
    /// Every digit typed, in order.
    var typedDigits = ""
    /// The number's digits: without a leading `00` and a `(0)` after the
    /// country code.
    var digits = ""

    init?(_ typed: String) {
        let text = typed.trimmingWhitespace
        var rest = Substring(text)
        if rest.hasPrefix("+") {
            plus = true
            international = true
            rest = rest.dropFirst()
        }
        var groups: [String] = []
        var current = ""
        var open = false
        for character in rest {
            if character.isASCIIDigit {
                current.append(character)
            } else if character == "(" || character == ")" {
                if character == "(" ? open : !open { return nil }
                open.toggle()
                if !current.isEmpty { groups.append(current) }
                // "(0)" is kept as its own group so it can be recognized.
                groups.append(String(character))
                current = ""
            } else if character == " " || character == "-" || character == "." || character == "/" || character.isWhitespace {
                if !current.isEmpty { groups.append(current) }
                current = ""
            } else {
                return nil
            }
        }
        if open { return nil }
        if !current.isEmpty { groups.append(current) }
        typedDigits = groups.filter { $0 != "(" && $0 != ")" }.joined()
        if !international, let first = groups.first, first.hasPrefix("00") {
            international = true
            groups[0] = String(first.dropFirst(2))
            if groups[0].isEmpty { groups.removeFirst() }
        }
        if international {
            // A "(0)" right after the country code: +380 (0) 50 111 22 33.
            let numbers = groups.firstIndex { $0 != "(" && $0 != ")" }
            if let numbers, groups.count > numbers + 3, groups[numbers + 1] == "(", groups[numbers + 2] == "0", groups[numbers + 3] == ")" {
                groups.removeSubrange((numbers + 1)...(numbers + 3))
            }
        }
        digits = groups.filter { $0 != "(" && $0 != ")" }.joined()
        if digits.isEmpty { return nil }
    }
}

/// The rule that lets a phone KEY find a card by the end of its number
/// (store.md section 4): the key's digits, its leading trunk prefix dropped
/// (or the `00` of an international key), must be at least 9 digits long,
/// and the card's phone must end with them; only a single such card is
/// taken, which the store decides.
public struct PhoneSuffixMatch: Equatable, Sendable {
    /// The fewest digits a key needs to find a card by the end of its phone.
    public static let minimumDigits = 9

    /// The digits a card's phone must end with.
    public let digits: String

    /// Nil when `key` is not a phone or has too few digits to match on.
    public init?(key: String, trunk: String?) {
        guard let reading = PhoneReading(key) else { return nil }
        var digits = Substring(reading.digits)
        if !reading.international, let trunk, !trunk.isEmpty, digits.hasPrefix(trunk) {
            digits = digits.dropFirst(trunk.count)
        }
        guard digits.count >= Self.minimumDigits else { return nil }
        self.digits = String(digits)
    }

    /// True when the stored phone ends with the key's digits.
    public func matches(_ storedPhone: String) -> Bool {
        storedPhone.filter(\.isASCIIDigit).hasSuffix(digits)
    }

    /// What `run --card` says above a card found this way.
    public var explanation: String { "found by the last \(digits.count) digits" }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    fileprivate var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
