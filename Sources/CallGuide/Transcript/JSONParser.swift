import Foundation

/// A strict RFC 8259 JSON parser working directly on UTF-8 bytes, because
/// replay parses thousands of transcripts and must not build text character
/// by character.
///
/// Choices where the RFC leaves room: the text must be valid UTF-8; a lone
/// or mismatched surrogate in a `\u` escape is an error (not U+FFFD), so a
/// damaged transcript is noticed; a repeated object key is an error (its
/// meaning would be ambiguous); nesting deeper than `maximumDepth` is an
/// error, so hostile input cannot exhaust the stack. Numbers are read
/// exactly as decimals; those beyond what `Decimal` represents (exponents
/// far out of range) are errors, and significands longer than 38 digits are
/// rounded to 38.
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 256

    /// Parses one JSON value filling all of `bytes` (whitespace aside).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result<JSONValue, JSONParseError> { () throws(JSONParseError) -> JSONValue in
                try parse(buffer)
            }
        }
        return try result.get()
    }

    /// Parses one JSON value filling all of `bytes` (whitespace aside).
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result<JSONValue, JSONParseError> { () throws(JSONParseError) -> JSONValue in
                try parse(buffer)
            }
        }
        return try result.get()
    }

    /// Parses one JSON value filling all of `text` (whitespace aside).
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Parses one JSON value filling all of `buffer` (whitespace aside).
    /// Offsets in errors count from the start of `buffer`.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var reader = JSONByteReader(bytes: buffer)
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        if reader.position < buffer.count {
            throw reader.error("unexpected \(reader.describeCurrent()) after the JSON value")
        }
        return value
    }
}

/// The parser's cursor over the bytes; `TranscriptLineDecoder` reads
/// strings and numbers with it too, so both read them identically.
struct JSONByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? position, message: message)
    }

    func describeCurrent() -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0x20 { return "space" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw error("expected a value, found end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a value, found \(describeCurrent())")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            guard start + count <= bytes.count else { return false }
            for index in 0..<count where bytes[start + index] != expected[index] { return false }
            return true
        }
        guard matches else { throw error("invalid literal; expected '\(literal)'") }
        position += count
    }

    mutating func checkDepth(_ depth: Int) throws(JSONParseError) {
        if depth > JSONParser.maximumDepth {
            throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth)
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw error("expected ',' or ']', found end of input") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(elements)
            default: throw error("expected ',' or ']', found \(describeCurrent())")
            }
        }
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth)
        position += 1  // {
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        members.reserveCapacity(8)  // a transcript line has up to 12 members; most 5 or 6
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a string key, found \(describeCurrent())")
            }
            let keyOffset = position
            let key = try parseString()
            for (existing, _) in members where existing == key {
                throw error("duplicate key '\(key)'", at: keyOffset)
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after key '\(key)', found \(describeCurrent())")
            }
            position += 1
            let value = try parseValue(depth: depth)
            members.append((key, value))
            skipWhitespace()
            guard position < bytes.count else { throw error("expected ',' or '}', found end of input") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            default: throw error("expected ',' or '}', found \(describeCurrent())")
            }
        }
    }

    // MARK: Strings

    mutating func parseString() throws(JSONParseError) -> String {
        let quote = position
        position += 1
        let start = position
        // Fast path: no escapes, the bytes are the text.
        var union: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
                // ASCII needs no validation; `String(decoding:)` on a byte
                // buffer is far cheaper than the generic `String(validating:)`.
                let text = union < 0x80 ? String(decoding: raw, as: UTF8.self) : try makeString(raw, at: start)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string must be escaped") }
            union |= byte
            position += 1
        }
        guard position < bytes.count else { throw error("unterminated string", at: quote) }
        var buffer = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try buffer.withUnsafeBufferPointer { (raw) throws(JSONParseError) -> String in
                    try makeString(raw, at: start)
                }
            case UInt8(ascii: "\\"):
                try appendEscape(into: &buffer)
            case 0x00..<0x20:
                throw error("control character in a string must be escaped")
            default:
                buffer.append(byte)
                position += 1
            }
        }
        throw error("unterminated string", at: quote)
    }

    /// A string as `parseString` reads it, with the same checks and errors,
    /// but one of plain ASCII without escapes comes back as its byte range
    /// instead of a `String`: the caller makes the text only if it needs it.
    mutating func scanString() throws(JSONParseError) -> ScannedString {
        let quote = position
        var index = position + 1
        var union: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if union < 0x80 {
                    position = index + 1
                    return .plain(quote + 1, index)
                }
                break
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            union |= byte
            index += 1
        }
        // Anything else (escapes, other UTF-8, errors): the general reading.
        return .text(try parseString())
    }

    func makeString(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONParseError) -> String {
        // Decoding repairs bad bytes, so the text equals its bytes exactly
        // when they were valid UTF-8. This beats the generic
        // `String(validating:)`, which looks up type metadata per call.
        let text = String(decoding: raw, as: UTF8.self)
        guard text.utf8.elementsEqual(raw) else {
            throw error("string is not valid UTF-8", at: offset)
        }
        return text
    }

    mutating func appendEscape(into buffer: inout [UInt8]) throws(JSONParseError) {
        let escapeOffset = position
        position += 1  // backslash
        guard position < bytes.count else { throw error("unterminated string") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try readHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                      bytes[position + 1] == UInt8(ascii: "u") else {
                    throw error("lone surrogate in \\u escape", at: escapeOffset)
                }
                position += 2
                let low = UInt32(try readHex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("lone surrogate in \\u escape", at: escapeOffset)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("lone surrogate in \\u escape", at: escapeOffset)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw error("invalid \\u escape", at: escapeOffset)
            }
            buffer.append(contentsOf: UTF8.encode(unicode)!)
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'", at: escapeOffset)
        }
    }

    mutating func readHex4() throws(JSONParseError) -> UInt16 {
        guard position + 4 <= bytes.count else { throw error("\\u escape needs four hex digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("\\u escape needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    // MARK: Numbers

    mutating func isDigit(_ index: Int) -> Bool {
        index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
    }

    mutating func parseNumber() throws(JSONParseError) -> Decimal {
        let start = position
        var negative = false
        if bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        guard isDigit(position) else { throw error("expected a digit, found \(describeCurrent())") }
        var accumulator = DigitAccumulator()
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if isDigit(position) { throw error("leading zero in a number", at: position - 1) }
        } else {
            while isDigit(position) {
                accumulator.add(bytes[position] - UInt8(ascii: "0"))
                position += 1
            }
        }
        var exponent = 0
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard isDigit(position) else { throw error("expected a digit after '.', found \(describeCurrent())") }
            while isDigit(position) {
                accumulator.add(bytes[position] - UInt8(ascii: "0"))
                exponent -= 1
                position += 1
            }
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            position += 1
            var exponentNegative = false
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            guard isDigit(position) else { throw error("expected a digit in the exponent, found \(describeCurrent())") }
            var written = 0
            while isDigit(position) {
                // Saturate: anything this large is out of range anyway.
                if written < 1_000_000 { written = written * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
                position += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if accumulator.significand == 0 && !accumulator.overflowed { return Decimal.zero }
        exponent += accumulator.pendingZeros
        if !accumulator.overflowed {
            return try makeDecimal(negative: negative, exponent: exponent,
                                   significand: accumulator.significand, start: start)
        }
        // More than 19 significant digits: rare; let Foundation read it.
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        let digitsAfterStrip = accumulator.digitCount
        guard exponent + digitsAfterStrip <= 166, exponent >= -166,
              let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            throw error("number out of range", at: start)
        }
        return value
    }

    func makeDecimal(negative: Bool, exponent: Int, significand: UInt64, start: Int) throws(JSONParseError) -> Decimal {
        var significand = significand
        var exponent = exponent
        // Decimal's exponent is 8 bits; bring large ones in range with zeros.
        while exponent > 127, significand <= UInt64.max / 10 {
            significand *= 10
            exponent -= 1
        }
        guard (-128...127).contains(exponent) else { throw error("number out of range", at: start) }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }
}

/// Collects a number's significant digits into an integer, keeping trailing
/// zeros aside so they cost nothing and never overflow.
private struct DigitAccumulator {
    var significand: UInt64 = 0
    var pendingZeros = 0
    var digitCount = 0
    var overflowed = false

    mutating func add(_ digit: UInt8) {
        if digit == 0 {
            if significand != 0 || overflowed { pendingZeros += 1 }
            return
        }
        digitCount += pendingZeros + 1
        guard !overflowed else { pendingZeros = 0; return }
        var value = significand
        for _ in 0..<(pendingZeros + 1) {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { overflowed = true; pendingZeros = 0; return }
            value = product
        }
        let (sum, overflow) = value.addingReportingOverflow(UInt64(digit))
        if overflow { overflowed = true; pendingZeros = 0; return }
        significand = sum
        pendingZeros = 0
    }
}

/// A JSON string as `JSONByteReader.scanString` read it.
enum ScannedString {
    /// Plain ASCII without escapes: the text is exactly the bytes in
    /// `start..<end`.
    case plain(Int, Int)
    case text(String)
}
