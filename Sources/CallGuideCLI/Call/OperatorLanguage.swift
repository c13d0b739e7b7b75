import CallGuide

/// Which language the operator's screen speaks (issue 16): `ui_language` in
/// callguide.yaml, else the call's `--lang` when the screen has a table for
/// it, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders
/// them), else English. The script's own texts follow `--lang` as section 6
/// says; this is only the screen around them.
struct OperatorLanguage {
    let ui: UIText
    /// Said on stderr: `--lang` named a language of the script that the
    /// screen has no table for, so the screen took the next choice.
    let notice: String?

    static func choose(configured: UILanguage?, callLanguage: String?,
                       environment: (String) -> String? = ProcessEnvironment.value) -> OperatorLanguage {
        if let configured { return OperatorLanguage(ui: UIText(configured), notice: nil) }
        if let callLanguage, let language = UILanguage(rawValue: callLanguage) {
            return OperatorLanguage(ui: UIText(language), notice: nil)
        }
        let fromLocale = locale(environment).flatMap(UILanguage.init(locale:))
        let chosen = fromLocale ?? .en
        guard let callLanguage else { return OperatorLanguage(ui: UIText(chosen), notice: nil) }
        let source = fromLocale == nil ? "the default" : "from the locale"
        return OperatorLanguage(ui: UIText(chosen), notice: "callguide: the script's texts are in '\(callLanguage)', but the operator screen has no '\(callLanguage)'; it speaks \(chosen.name) (\(source)); its languages are \(UILanguage.codeList), chosen with ui_language in callguide.yaml")
    }

    /// The first locale variable set, as POSIX orders them.
    static func locale(_ environment: (String) -> String?) -> String? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment(name), !value.isEmpty { return value }
        }
        return nil
    }

    /// `--lang CODE` must name a language the script's texts have or the
    /// screen speaks: anything else (`de` for a script in en and ru, `UK`
    /// in capitals) is refused, with what exists, rather than falling back
    /// without a word.
    static func checkCallLanguage(_ code: String, script: Script, command: String) throws(CommandError) {
        let screen = UILanguage.allCases.map(\.rawValue)
        let texts = script.textLanguages
        guard !texts.contains(code), !screen.contains(code) else { return }
        let known = texts + screen.filter { !texts.contains($0) }
        let scriptPart = texts.isEmpty ? "the script's texts name no language" : "the script's texts are in \(texts.joined(separator: ", "))"
        var message = "unknown language '\(code)' for --lang: \(scriptPart), and the operator screen speaks \(UILanguage.codeList)"
        if let close = known.first(where: { $0 == code.lowercased() }) ?? Suggestions.closest(to: code, among: known) {
            message += " (did you mean '\(close)'? language codes are lower case, as the script writes them)"
        }
        throw .usage(command: command, message: message)
    }
}
