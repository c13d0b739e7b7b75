/// Checks the raw bytes before libyaml sees them, so that a file saved in
/// the wrong encoding (a Windows-1251 export, a binary file) is refused with
/// the exact place of the first bad byte instead of a vague reader error.
enum YAMLTextCheck {
    /// Throws at the first byte that does not begin a well-formed UTF-8
    /// sequence (RFC 3629: no overlong forms, no surrogates, nothing above
    /// U+10FFFF), or at the first NUL byte. A leading UTF-8 BOM is fine.
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLError) {
        let count = bytes.count
        var i = 0
        while i < count {
            let lead = bytes[i]
            if lead >= 0x01 && lead < 0x80 {
                i += 1
                continue
            }
            if lead == 0 {
                throw YAMLError(
                    "the file holds a NUL byte, which YAML text cannot contain (is it a binary file?)",
                    at: location(ofByte: i, in: bytes))
            }
            let length = sequenceLength(at: i, in: bytes)
            guard length > 0 else {
                throw YAMLError(
                    "the file is not UTF-8 text (invalid byte \(hex(lead)))",
                    at: location(ofByte: i, in: bytes))
            }
            i += length
        }
    }

    /// The length of the well-formed multi-byte sequence at `i`, or 0.
    private static func sequenceLength(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let lead = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= bytes.count else { return 0 }
        let second = bytes[i + 1]
        guard second >= low && second <= high else { return 0 }
        var k = 2
        while k < length {
            guard bytes[i + k] & 0xC0 == 0x80 else { return 0 }
            k += 1
        }
        return length
    }

    /// The 1-based line and character column of byte `offset`, counting line
    /// breaks as libyaml does (LF, CR LF, lone CR, NEL, LS, PS) and skipping
    /// a leading BOM. Used only on error paths.
    static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1
        var column = 1
        var i = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            i = 3
        }
        let end = min(offset, bytes.count)
        while i < end {
            let byte = bytes[i]
            if byte == 0x0A {
                line += 1; column = 1
            } else if byte == 0x0D {
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                    // The LF that follows ends the line.
                } else {
                    line += 1; column = 1
                }
            } else if byte == 0xC2 && i + 1 < end && bytes[i + 1] == 0x85 {
                line += 1; column = 1; i += 1
            } else if byte == 0xE2 && i + 2 < end && bytes[i + 1] == 0x80
                && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                line += 1; column = 1; i += 2
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(line: line, column: column)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
