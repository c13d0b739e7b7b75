import Foundation

extension Decimal {
    /// The decimal `Decimal(string: text, locale: en_US_POSIX)` reads, made
    /// directly for the usual form of a YAML float (`12.90`, `-0.5`): an
    /// optional `-`, digits, `.`, digits, at most 18 digits in all and not
    /// zero. Nil for any other text, which then takes the Foundation path
    /// (it costs a `Locale` and a string scan per number). The result is
    /// the same value in the same compact form, field for field; a test
    /// compares the two on many numbers.
    init?(plainDecimalText text: String) {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var seenPoint = false
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            if byte == UInt8(ascii: "-"), index == 0 {
                negative = true
            } else if byte == UInt8(ascii: "."), !seenPoint, digits > 0 {
                seenPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 18 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            } else {
                return nil
            }
        }
        guard seenPoint, fractionDigits > 0, mantissa != 0 else { return nil }
        var exponent = -fractionDigits
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        self.init(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }
}
