/// W105: localized texts that lack a language other texts of the script have.
enum LanguageCoverage {
    static func check(_ script: Script) -> [Diagnostic] {
        let texts = localizedTexts(script)
        let languages = languages(of: texts)
        var diagnostics: [Diagnostic] = []
        for text in texts {
            let present = Set(text.allVariants.compactMap(\.language))
            let missing = languages.filter { !present.contains($0) }
            if !missing.isEmpty {
                diagnostics.append(Diagnostic(.W105, "this text has no \(missing.map { "'\($0)'" }.joined(separator: ", ")) version, which other texts of the script have", at: text.location))
            }
        }
        return diagnostics
    }

    /// The languages of `texts`, in the order they first appear.
    static func languages(of texts: [LocalizedText]) -> [String] {
        var languages: [String] = []
        for text in texts {
            for case let language? in text.allVariants.lazy.map(\.language) where !languages.contains(language) {
                languages.append(language)
            }
        }
        return languages
    }

    /// The script's texts that are given in several languages.
    static func localizedTexts(_ script: Script) -> [LocalizedText] {
        var texts: [LocalizedText] = []
        // Fields are read in place (`nodes[index].field`, `options[i].label`)
        // and a text is copied only when it is localized: binding a node, an
        // option or a rule to a name copies all of it, and most texts are
        // plain.
        let nodes = script.nodes
        for index in nodes.indices {
            if nodes[index].hint?.isLocalized == true, let hint = nodes[index].hint { texts.append(hint) }
            switch nodes[index].kind {
            case .say(let text):
                if text.isLocalized { texts.append(text) }
            case .ask(let question):
                if question.text.isLocalized { texts.append(question.text) }
                if question.message?.isLocalized == true, let message = question.message { texts.append(message) }
                let options = question.options
                for option in options.indices where options[option].label.isLocalized { texts.append(options[option].label) }
                let validate = question.validate
                for rule in validate.indices where validate[rule].message.isLocalized { texts.append(validate[rule].message) }
            case .offer(let offer):
                if offer.text.isLocalized { texts.append(offer.text) }
            case .end(_, _, let say):
                if let say, say.isLocalized { texts.append(say) }
            case .return, .silent:
                break
            }
        }
        return texts
    }
}

extension Script {
    /// The languages the script's texts are written in: its `language`, then
    /// those of its localized texts. `run --lang` must name one of these or
    /// a language of the operator's screen.
    public var textLanguages: [String] {
        var languages = LanguageCoverage.languages(of: LanguageCoverage.localizedTexts(self))
        let labels = [title].compactMap { $0 } + handlers.map(\.label) + outcomes.map(\.label)
        for case let code? in labels.lazy.flatMap(\.variants).map(\.language) where !languages.contains(code) { languages.append(code) }
        if let language, !languages.contains(language) { languages.insert(language, at: 0) }
        return languages
    }
}
