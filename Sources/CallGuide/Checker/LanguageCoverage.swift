/// W105: localized texts that lack a language other texts of the script have.
///
/// A language that fewer texts have than lack is reported once, at the
/// first text that has it, with the count (issue 16): one `ua:` typed for
/// `uk:` gave one warning for each of the other 23 texts. When its code is
/// close to another language of the script, the warning asks "did you mean"
/// and the text that has it is not also told it lacks the one meant.
enum LanguageCoverage {
    static func check(_ script: Script) -> [Diagnostic] {
        let languages = languages(in: script)
        // With one language, every localized text has it.
        guard languages.count > 1 else { return [] }
        var textCount = 0
        var having = [Int](repeating: 0, count: languages.count)
        var firstHaving = [SourceLocation?](repeating: nil, count: languages.count)
        forEachLocalizedText(in: script) { text in
            textCount += 1
            for index in languages.indices where text.hasLanguage(languages[index]) {
                having[index] += 1
                if firstHaving[index] == nil { firstHaving[index] = text.location }
            }
        }
        // Languages that fewer texts have than lack, and the language each
        // may be a misspelling of.
        var rare: [String: String?] = [:]
        for index in languages.indices where having[index] < textCount - having[index] {
            let others = languages.indices.filter { $0 != index && having[$0] > having[index] }.map { languages[$0] }
            rare[languages[index]] = Suggestions.closest(to: languages[index], among: others)
        }
        var diagnostics: [Diagnostic] = []
        for index in languages.indices {
            let language = languages[index]
            guard let meant = rare[language], let location = firstHaving[index] else { continue }
            let lacking = textCount - having[index]
            let message = "'\(language)' is the language of \(having[index]) text\(having[index] == 1 ? "" : "s") only; \(lacking) other text\(lacking == 1 ? " has" : "s have") no '\(language)' version"
            diagnostics.append(Diagnostic(.W105, message, at: location, length: 1,
                                          hint: meant.map { "did you mean '\($0)'?" } ?? "add '\(language)' to the other texts, or remove it"))
        }
        forEachLocalizedText(in: script) { text in
            // A text with a misspelt code lacks the one meant: one mistake.
            var meantHere = Set<String>()
            text.forEachLanguage { language in
                if case let meant?? = rare[language] { meantHere.insert(meant) }
            }
            let missing = languages.filter { rare[$0] == nil && !meantHere.contains($0) && !text.hasLanguage($0) }
            if !missing.isEmpty {
                diagnostics.append(Diagnostic(.W105, "this text has no \(missing.map { "'\($0)'" }.joined(separator: ", ")) version, which other texts of the script have", at: text.location))
            }
        }
        return diagnostics
    }

    /// The languages of the script's localized texts, in the order they
    /// first appear.
    static func languages(in script: Script) -> [String] {
        var languages: [String] = []
        forEachLocalizedText(in: script) { text in
            text.forEachLanguage { language in
                if !languages.contains(language) { languages.append(language) }
            }
        }
        return languages
    }

    /// Calls `body` with every text given in several languages, in file
    /// order within each node, read in place: binding a node, an option or
    /// a rule to a name copies all of it, and most texts are plain.
    private static func forEachLocalizedText(in script: Script, _ body: (LocalizedText) -> Void) {
        let nodes = script.nodes
        for index in nodes.indices {
            if nodes[index].hint?.isLocalized == true, let hint = nodes[index].hint { body(hint) }
            switch nodes[index].kind {
            case .say(let text):
                if text.isLocalized { body(text) }
            case .ask(let question):
                if question.text.isLocalized { body(question.text) }
                if question.message?.isLocalized == true, let message = question.message { body(message) }
                let options = question.options
                for option in options.indices where options[option].label.isLocalized { body(options[option].label) }
                let validate = question.validate
                for rule in validate.indices where validate[rule].message.isLocalized { body(validate[rule].message) }
            case .offer(let offer):
                if offer.text.isLocalized { body(offer.text) }
            case .end(_, _, let say):
                if let say, say.isLocalized { body(say) }
            case .return, .silent, .flow:
                break
            }
        }
    }
}

extension Script {
    /// The languages the script's texts are written in: its `language`, then
    /// those of its localized texts. `run --lang` must name one of these or
    /// a language of the operator's screen.
    public var textLanguages: [String] {
        var languages = LanguageCoverage.languages(in: self)
        let labels = [title].compactMap { $0 } + handlers.map(\.label) + outcomes.map(\.label)
        for case let code? in labels.lazy.flatMap(\.variants).map(\.language) where !languages.contains(code) { languages.append(code) }
        if let language, !languages.contains(language) { languages.insert(language, at: 0) }
        return languages
    }
}
