/// W105: localized texts that lack a language other texts of the script have.
enum LanguageCoverage {
    static func check(_ script: Script) -> [Diagnostic] {
        var texts: [LocalizedText] = []
        func collect(_ text: LocalizedText?) {
            if let text, text.isLocalized { texts.append(text) }
        }
        // Fields are read in place (`nodes[index].field`): binding a node to
        // a name copies all of it.
        let nodes = script.nodes
        for index in nodes.indices {
            collect(nodes[index].hint)
            switch nodes[index].kind {
            case .say(let text): collect(text)
            case .ask(let question):
                collect(question.text)
                collect(question.message)
                question.options.forEach { collect($0.label) }
                question.validate.forEach { collect($0.message) }
            case .offer(let offer): collect(offer.text)
            case .end(_, _, let say): collect(say)
            case .return, .silent: break
            }
        }
        var languages: [String] = []
        for text in texts {
            for case let language? in text.allVariants.lazy.map(\.language) where !languages.contains(language) {
                languages.append(language)
            }
        }
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
}
