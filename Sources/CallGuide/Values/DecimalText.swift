import Foundation

/// The shortest plain decimal form of a number: no exponent, no trailing
/// fractional zeros, no `-0` (`980`, `0.3`, `1000000000000000000000000000000`).
/// Texts, transcripts and JSON all write numbers this way, so a value reads
/// the same wherever it appears and survives a round trip unchanged.
public func canonicalNumberText(_ d: Decimal) -> String {
    if d.isNaN { return "NaN" }
    if d.isZero { return "0" }
    let magnitude = d.sign == .minus ? -d : d
    let significand = magnitude.significand
    var digits = significand.exactUInt64.map { String($0) } ?? significand.description
    var exponent = magnitude.exponent
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        return d.description
    }
    while digits.count > 1, digits.hasSuffix("0") {
        digits.removeLast()
        exponent += 1
    }
    var text: String
    if exponent >= 0 {
        text = digits + String(repeating: "0", count: exponent)
    } else {
        let fractionLength = -exponent
        if digits.count > fractionLength {
            let split = digits.index(digits.endIndex, offsetBy: -fractionLength)
            text = digits[..<split] + "." + digits[split...]
        } else {
            text = "0." + String(repeating: "0", count: fractionLength - digits.count) + digits
        }
    }
    if d.sign == .minus { text = "-" + text }
    return text
}

extension Decimal {
    /// The number as a `UInt64` when it is one exactly. `description`
    /// formats through `String(format:)` and costs ten times more; every
    /// number shown in a text or compared in a replay is written out, so
    /// the common case avoids it. A candidate is trusted only when it
    /// converts back to the very same decimal.
    var exactUInt64: UInt64? {
        guard self >= 0, self <= Self.largestUInt64 else { return nil }
        let candidate = NSDecimalNumber(decimal: self).uint64Value
        return Decimal(candidate) == self ? candidate : nil
    }

    private static let largestUInt64 = Decimal(UInt64.max)

    /// Reads a plain decimal literal: an optional `-`, digits, and an
    /// optional `.` followed by digits. Unlike `Decimal(string:)`, which
    /// accepts `1.5x` as 1.5, the whole text must be a number; nil otherwise
    /// or when the number is out of range.
    public init?(plainText text: String) {
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN
        else { return nil }
        self = value
    }

    /// Like `init?(plainText:)`, but nil also when the decimal would not
    /// hold the number exactly (more than 38 significant digits, or too far
    /// from zero): a typed answer or card value is refused rather than
    /// silently rounded.
    public init?(exactPlainText text: String) {
        guard let value = Decimal(plainText: text) else { return nil }
        let negative = text.hasPrefix("-")
        let parts = text.dropFirst(negative ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0].drop { $0 == "0" }
        var fraction = parts.count > 1 ? parts[1] : ""
        while fraction.last == "0" { fraction.removeLast() }
        var expected = whole.isEmpty ? "0" : String(whole)
        if !fraction.isEmpty { expected += "." + fraction }
        if negative && expected != "0" { expected = "-" + expected }
        guard canonicalNumberText(value) == expected else { return nil }
        self = value
    }

    /// Whether the number has no fractional part.
    public var isWhole: Bool {
        if isNaN { return false }
        var source = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &source, 0, .plain)
        return rounded == self
    }

    /// Rounds half away from zero to `digits` places after the point
    /// (negative `digits` round to tens, hundreds...).
    public func roundedHalfAwayFromZero(digits: Int) -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, digits, .plain)
        return result
    }

    /// The integer part, rounded toward zero.
    var truncated: Decimal {
        var magnitude = sign == .minus ? -self : self
        var result = Decimal()
        NSDecimalRound(&result, &magnitude, 0, .down)
        return sign == .minus ? -result : result
    }

    /// The value as an `Int` when it is whole and fits.
    var exactInt: Int? {
        guard isWhole, self >= Decimal(-1_000_000_000), self <= Decimal(1_000_000_000) else { return nil }
        return Int(canonicalNumberText(self))
    }
}
