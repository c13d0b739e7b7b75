import Foundation

/// Serializes `JSONValue` to compact, one-line JSON: the form a JSON Lines
/// transcript needs (no newline can ever appear inside a line).
public enum JSONWriter {
    /// The value as one line of JSON with no insignificant whitespace.
    /// Control characters, `"`, `\` and U+2028/U+2029 are escaped (the last
    /// two so a line survives JavaScript tooling); other non-ASCII text is
    /// written as plain UTF-8 and `/` is not escaped.
    public static func serialize(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        write(value, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 serialization of `value` to `bytes`.
    public static func write(_ value: JSONValue, into bytes: inout [UInt8]) {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): bytes.append(contentsOf: numberText(number).utf8)
        case .string(let text): writeString(text, into: &bytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, member)) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                write(member, into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` as a quoted, escaped JSON string.
    public static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = Array(text.utf8)
        var index = 0
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00..<0x20, 0x7F: appendUnicodeEscape(UInt16(byte), into: &bytes)
            case 0xE2 where index + 2 < count && utf8[index + 1] == 0x80
                && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
                appendUnicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029, into: &bytes)
                index += 2
            default: bytes.append(byte)
            }
            index += 1
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ unit: UInt16, into bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hex[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }

    /// The shortest plain decimal form of `number`: no exponent, no trailing
    /// fractional zeros, no `-0` (`980`, `0.3`, `1127.25`, `-5`). A NaN,
    /// which JSON cannot express, is written as `null`.
    public static func numberText(_ number: Decimal) -> String {
        if number.isNaN { return "null" }
        if number.isZero { return "0" }
        // `significand` is the integer mantissa (exponent 0, non-negative),
        // whose description is its plain digits.
        let zero = UInt8(ascii: "0")
        var digits: [UInt8] = Array(number.significand.description.utf8)
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= zero && $0 <= zero + 9 }) else {
            return number.description
        }
        digits = digits.map { $0 - zero }
        digits.reverse()
        var exponent = number.exponent
        // Drop trailing zeros: they only lengthen the text.
        var firstNonZero = 0
        while digits[firstNonZero] == 0 { firstNonZero += 1 }
        digits.removeFirst(firstNonZero)
        exponent += firstNonZero
        digits.reverse()
        var text: [UInt8] = []
        text.reserveCapacity(digits.count + 4)
        if number.sign == .minus { text.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            text.append(contentsOf: digits.map { $0 + zero })
            text.append(contentsOf: repeatElement(zero, count: exponent))
        } else {
            let integerCount = digits.count + exponent
            if integerCount <= 0 {
                text.append(contentsOf: [zero, UInt8(ascii: ".")])
                text.append(contentsOf: repeatElement(zero, count: -integerCount))
                text.append(contentsOf: digits.map { $0 + zero })
            } else {
                text.append(contentsOf: digits[..<integerCount].map { $0 + zero })
                text.append(UInt8(ascii: "."))
                text.append(contentsOf: digits[integerCount...].map { $0 + zero })
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
