/// W114 and W115: typical questions (script language 9.2) that cannot be
/// told apart. A question asked twice splits what customers ask between
/// two entries (both show for the same words, and `report faq` counts
/// them apart); an id given twice makes the `faq` event's `shown` and the
/// report unable to say which entry was meant.
enum FAQChecks {
    static func check(_ script: Script) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstWithQuestion: [[String]: FAQEntry] = [:]
        var firstWithID: [String: FAQEntry] = [:]
        for entry in script.faq {
            if let earlier = firstWithID[entry.id] {
                diagnostics.append(Diagnostic(
                    .W115, "faq entry id '\(entry.id)' is given twice (first at line \(earlier.location.line)): lookups and 'report faq' cannot tell the two apart",
                    at: entry.location, hint: "give each entry its own id"))
            } else {
                firstWithID[entry.id] = entry
            }
            // The same words in any language: what a lookup compares.
            for variant in entry.question.variants {
                let words = FAQSearch.words(variant.text)
                guard !words.isEmpty else { continue }
                if let earlier = firstWithQuestion[words], earlier.id != entry.id || earlier.location != entry.location {
                    diagnostics.append(Diagnostic(
                        .W114, "faq entry \(entry.id) asks the same question as \(earlier.id) (line \(earlier.location.line)): \"\(variant.text)\"",
                        at: entry.location, hint: "merge the two answers into one entry"))
                    break
                }
                firstWithQuestion[words] = firstWithQuestion[words] ?? entry
            }
        }
        return diagnostics
    }
}
