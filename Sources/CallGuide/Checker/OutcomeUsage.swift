/// W109 and W110: the outcomes `end` nodes use against those the script and
/// the workspace declare (issue 16). A typo such as `end: sael` beside a
/// declared `sale` would otherwise check clean and count every such call as
/// not converted.
///
/// Only a script that has a vocabulary is checked: when neither the script
/// nor `callguide.yaml` declares any outcome, every outcome is free-form
/// and nothing can be called a typo.
enum OutcomeUsage {
    /// Outcomes that need no declaration: those the engine itself ends calls
    /// with (section 4, 2.1) and the `:hangup` reasons of workflow.md
    /// section 3-4, which scripts may also use as outcomes.
    static let builtIn = ["hangup", "abandoned", "error", "no_answer", "busy"]

    static func check(_ script: Script, workspaceOutcomes: [OutcomeDeclaration]) -> [Diagnostic] {
        let declaredInScript = script.outcomes.map(\.name)
        let declared = declaredInScript + workspaceOutcomes.map(\.name)
        guard !declared.isEmpty else { return [] }
        let known = Set(declared + builtIn)
        var used = Set<String>()
        // The outcomes a misspelt one was taken for: their W110 would be the
        // same mistake said twice.
        var meant = Set<String>()
        var diagnostics: [Diagnostic] = []
        let nodes = script.nodes
        for index in nodes.indices {
            guard case .end(let outcome, let location, _) = nodes[index].kind else { continue }
            used.insert(outcome)
            guard !known.contains(outcome) else { continue }
            let suggestion = Suggestions.closest(to: outcome, among: declared + builtIn)
            if let suggestion { meant.insert(suggestion) }
            diagnostics.append(Diagnostic(
                .W109, "outcome '\(outcome)' is declared neither in the script's 'outcomes' nor in callguide.yaml: reports will not know whether it is a sale",
                at: location, length: outcome.count,
                hint: suggestion.map { "did you mean '\($0)'?" }
                    ?? "declare it under 'outcomes' (\(outcome): {label: ..., converted: true or false})"))
        }
        var reported = Set<String>()
        for outcome in script.outcomes where !used.contains(outcome.name) && !meant.contains(outcome.name) && reported.insert(outcome.name).inserted {
            diagnostics.append(Diagnostic(
                .W110, "outcome '\(outcome.name)' is declared but no 'end' node uses it",
                at: outcome.location, length: outcome.name.count))
        }
        return diagnostics
    }
}
