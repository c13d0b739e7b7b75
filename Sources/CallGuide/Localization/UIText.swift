/// The operator screen's strings in one language: `text(.callEnded, "sale")`.
/// The engine's answer errors and the CLI's screen both take their words
/// from here, so one choice of language covers all that the operator reads.
public struct UIText: Sendable {
    public let language: UILanguage

    public init(_ language: UILanguage) {
        self.language = language
    }

    public static let english = UIText(.en)

    /// The message with `{1}`, `{2}`... replaced by `arguments`, in one pass
    /// (an argument that itself holds `{2}`, typed by the operator, stays as
    /// typed). A key a table lacks (a test forbids it) shows in English.
    public func callAsFunction(_ message: UIMessage, _ arguments: String...) -> String {
        let template = language.table[message] ?? UITables.english[message] ?? message.rawValue
        return Self.fill(template, arguments)
    }

    /// `true` as this language's "yes", `false` as its "no", anything else
    /// as `Value.displayText` shows it: answers on the screen, not in texts
    /// of the script (those follow section 3.1).
    public func display(_ value: Value) -> String {
        if case .bool(let flag) = value { return self(flag ? .yes : .no) }
        return value.displayText
    }

    static func fill(_ template: String, _ arguments: [String]) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let n = Int(rest[afterOpen..<close]), n >= 1, n <= arguments.count {
                result += arguments[n - 1]
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("{")
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    /// The placeholders a template uses, `{1}`, `{2}`...: the tests hold every
    /// language to English's.
    static func placeholders(_ template: String) -> Set<Int> {
        var found = Set<Int>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            if let n = Int(rest[afterOpen..<close]) { found.insert(n) }
            rest = rest[afterOpen...]
        }
        return found
    }
}
