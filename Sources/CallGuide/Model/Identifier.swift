/// Names in scripts: node ids, variables, option keys, outcomes, handlers and
/// card fields (script language, section 1.1).
public enum Identifier {
    public static let reservedWords: Set<String> = [
        "answer", "card", "call", "true", "false", "null", "and", "or", "not", "in",
    ]

    /// A letter or `_`, then letters, digits or `_` (Unicode letters allowed).
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.first, first == "_" || first.isLetter else { return false }
        return text.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    public static func isReserved(_ text: String) -> Bool {
        reservedWords.contains(text)
    }
}
