/// Types scalars as YAML 1.1 (what libyaml-based tools and trainers' editors
/// expect): `no` is false, `010` is 8, `1.10` is a float, `~` is null.
///
/// Choices where YAML 1.1 leaves room:
/// - a decimal integer too large for `Int` becomes `.float` (its text stays
///   exact in the scalar); a hex, octal or binary one becomes `.string`;
/// - sexagesimal numbers (`1:30`) are strings;
/// - a float needs at least one digit (`.` alone is a string);
/// - an explicit `!!int`, `!!float`, `!!bool` or `!!null` tag whose text does
///   not parse as that type gives `.string`; unknown tags give `.string`.
enum YAMLScalarResolver {
    private static let coreTagPrefix = "tag:yaml.org,2002:"

    /// The value of a plain, untagged scalar. Works on the raw bytes so that
    /// the common case (a word) costs one byte comparison.
    static func resolvePlain(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> YAMLResolvedValue {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return number(bytes, text: text) ?? .string(text)
        case UInt8(ascii: "~"):
            return bytes.count == 1 ? .null : .string(text)
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "y"), UInt8(ascii: "Y"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "o"), UInt8(ascii: "O"):
            return keyword(bytes) ?? .string(text)
        default:
            return .string(text)
        }
    }

    /// The value of a scalar with an explicit tag (given in full form).
    static func resolveTagged(_ fullTag: String, bytes: UnsafeBufferPointer<UInt8>, text: String) -> YAMLResolvedValue {
        guard fullTag.hasPrefix(coreTagPrefix) else { return .string(text) }
        switch fullTag.dropFirst(coreTagPrefix.count) {
        case "null":
            return null(text) ?? .string(text)
        case "bool":
            return bool(text).map(YAMLResolvedValue.bool) ?? .string(text)
        case "int":
            if case .integer(let value)? = bytes.isEmpty ? nil : number(bytes, text: text) {
                return .integer(value)
            }
            return .string(text)
        case "float":
            switch bytes.isEmpty ? nil : number(bytes, text: text) {
            case .integer(let value)?: return .float(Double(value))
            case .float(let value)?: return .float(value)
            default: return .string(text)
            }
        default:
            return .string(text)
        }
    }

    /// The null or bool a YAML 1.1 keyword stands for, checked on bytes: the
    /// word in lower case, Capitalized or UPPER case, packed into an integer.
    private static func keyword(_ bytes: UnsafeBufferPointer<UInt8>) -> YAMLResolvedValue? {
        guard bytes.count <= 5 else { return nil }
        var packed: UInt64 = 0
        var lower = 0
        var upper = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x61...0x7A: lower += 1; packed = packed << 8 | UInt64(byte)
            case 0x41...0x5A:
                // Capitals only in first place (Capitalized) or everywhere (UPPER).
                guard index == 0 || upper == index else { return nil }
                upper += 1
                packed = packed << 8 | UInt64(byte | 0x20)
            default: return nil
            }
        }
        guard lower == 0 || upper <= 1 else { return nil }
        switch packed {
        case packedWord("null"): return .null
        case packedWord("y"), packedWord("yes"), packedWord("true"), packedWord("on"): return .bool(true)
        case packedWord("n"), packedWord("no"), packedWord("false"), packedWord("off"): return .bool(false)
        default: return nil
        }
    }

    private static func packedWord(_ word: StaticString) -> UInt64 {
        var packed: UInt64 = 0
        word.withUTF8Buffer { for byte in $0 { packed = packed << 8 | UInt64(byte) } }
        return packed
    }

    static func null(_ text: String) -> YAMLResolvedValue? {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        default: return nil
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
            return true
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
            return false
        default:
            return nil
        }
    }

    // MARK: Numbers

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static let underscore = UInt8(ascii: "_")

    /// An integer or float in YAML 1.1 syntax, or nil.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> YAMLResolvedValue? {
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        let body = UnsafeBufferPointer(rebasing: bytes[i...])
        guard let first = body.first else { return nil }
        if first == UInt8(ascii: ".") {
            if let special = specialFloat(body, signed: i == 1, negative: negative) { return special }
        }
        if first == UInt8(ascii: "0") && body.count > 1 {
            let marker = body[1]
            let digits = UnsafeBufferPointer(rebasing: body[2...])
            switch marker {
            case UInt8(ascii: "x"): return radixInteger(digits, radix: 16, negative: negative, text: text)
            case UInt8(ascii: "b"): return radixInteger(digits, radix: 2, negative: negative, text: text)
            case UInt8(ascii: "o"): return radixInteger(digits, radix: 8, negative: negative, text: text)
            default:
                if body.allSatisfy({ ($0 >= 0x30 && $0 <= 0x37) || $0 == underscore }) {
                    return radixInteger(UnsafeBufferPointer(rebasing: body[1...]), radix: 8, negative: negative, text: text)
                }
            }
        } else if isDigit(first) && body.allSatisfy({ isDigit($0) || $0 == underscore }) {
            if let value = radixInteger(body, radix: 10, negative: negative, text: text) { return value }
            // Too large for Int: keep it a number.
            return decimalFloat(bytes).map(YAMLResolvedValue.float)
        }
        return isFloatSyntax(body) ? decimalFloat(bytes).map(YAMLResolvedValue.float) : nil
    }

    /// `.inf`, `-.inf`, `+.inf`, `.nan` in their three spellings each.
    private static func specialFloat(_ body: UnsafeBufferPointer<UInt8>, signed: Bool, negative: Bool) -> YAMLResolvedValue? {
        guard body.count == 4 else { return nil }
        let word = String(decoding: body, as: UTF8.self)
        switch word {
        case ".inf", ".Inf", ".INF": return .float(negative ? -Double.infinity : Double.infinity)
        case ".nan", ".NaN", ".NAN": return signed ? nil : .float(Double.nan)
        default: return nil
        }
    }

    /// Digits (with `_` separators, at least one digit) in `radix`. Nil when
    /// the syntax is wrong or the value overflows `Int`.
    private static func radixInteger(_ digits: UnsafeBufferPointer<UInt8>, radix: UInt64, negative: Bool, text: String) -> YAMLResolvedValue? {
        var magnitude: UInt64 = 0
        var sawDigit = false
        for byte in digits {
            if byte == underscore { continue }
            let digit: UInt64
            switch byte {
            case 0x30...0x39: digit = UInt64(byte - 0x30)
            case 0x61...0x66: digit = UInt64(byte - 0x61 + 10)
            case 0x41...0x46: digit = UInt64(byte - 0x41 + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            sawDigit = true
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return radix == 10 ? nil : .string(text) }
            magnitude = sum
        }
        guard sawDigit else { return nil }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return radix == 10 ? nil : .string(text) }
            return .integer(Int(truncatingIfNeeded: 0 &- magnitude))
        }
        guard magnitude <= UInt64(Int.max) else { return radix == 10 ? nil : .string(text) }
        return .integer(Int(magnitude))
    }

    /// `([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?` with at least one digit
    /// before the exponent (the sign is already stripped).
    private static func isFloatSyntax(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var mantissaDigits = 0
        while i < body.count, isDigit(body[i]) || (body[i] == underscore && i > 0) {
            if isDigit(body[i]) { mantissaDigits += 1 }
            i += 1
        }
        guard i < body.count, body[i] == UInt8(ascii: ".") else { return false }
        i += 1
        while i < body.count, isDigit(body[i]) || body[i] == underscore {
            if isDigit(body[i]) { mantissaDigits += 1 }
            i += 1
        }
        guard mantissaDigits > 0 else { return false }
        if i == body.count { return true }
        guard body[i] == UInt8(ascii: "e") || body[i] == UInt8(ascii: "E") else { return false }
        i += 1
        if i < body.count, body[i] == UInt8(ascii: "+") || body[i] == UInt8(ascii: "-") { i += 1 }
        guard i < body.count else { return false }
        while i < body.count {
            guard isDigit(body[i]) else { return false }
            i += 1
        }
        return true
    }

    /// The Double of a decimal text (sign included), ignoring `_`.
    private static func decimalFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var cleaned = [UInt8]()
        cleaned.reserveCapacity(bytes.count + 1)
        for byte in bytes where byte != underscore { cleaned.append(byte) }
        // Double's parser wants a digit before a trailing exponent-less dot.
        if cleaned.last == UInt8(ascii: ".") { cleaned.append(UInt8(ascii: "0")) }
        return Double(String(decoding: cleaned, as: UTF8.self))
    }
}
