/// W105: localized texts that lack a language other texts of the script have.
enum LanguageCoverage {
    static func check(_ script: Script) -> [Diagnostic] {
        let languages = languages(in: script)
        // With one language, every localized text has it.
        guard languages.count > 1 else { return [] }
        var diagnostics: [Diagnostic] = []
        forEachLocalizedText(in: script) { text in
            let missing = languages.filter { !text.hasLanguage($0) }
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
            case .return, .silent:
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
