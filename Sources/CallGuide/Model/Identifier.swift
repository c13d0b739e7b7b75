/// Names in scripts: node ids, variables, option keys, outcomes, handlers and
/// card fields (script language, section 1.1).
public enum Identifier {
    public static let reservedWords: Set<String> = [
        "answer", "card", "call", "true", "false", "null", "and", "or", "not", "in",
    ]

    /// A letter or `_`, then letters, digits or `_` (Unicode letters allowed).
    public static func isValid(_ text: String) -> Bool {
        // ASCII names (nearly all) are answered from the bytes; the letter
        // test of a Character needs Unicode tables.
        var ascii = true
        var valid = !text.isEmpty
        var isFirst = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            let letter = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if !(letter || (digit && !isFirst)) { valid = false }
            isFirst = false
        }
        if ascii { return valid }
        guard let first = text.first, first == "_" || first.isLetter else { return false }
        return text.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    public static func isReserved(_ text: String) -> Bool {
        ExpressionParser.isReservedWord(text)
    }
}
