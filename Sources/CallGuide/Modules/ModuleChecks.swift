/// The checks between a script and the modules it uses that neither file
/// can make alone (script language 9.1): handler names (E020, W111) and
/// outcomes and card fields declared with different meanings (E021).
enum ModuleChecks {
    static func check(_ script: Script, uses: [ModuleUse], modules: [String: LoadedModule]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Bare handler name -> the modules' qualified handlers of that name.
        var byBare: [String: [(qualified: String, use: ModuleUse)]] = [:]
        for use in uses {
            guard let module = modules[use.alias] else { continue }
            for handler in module.script.handlers {
                let qualified = use.alias + "." + handler.name
                let bare = String(qualified[qualified.index(after: qualified.lastIndex(of: ".")!)...])
                byBare[bare, default: []].append((qualified, use))
            }
        }
        for bare in byBare.keys.sorted() {
            let found = byBare[bare]!
            if let handler = script.handlers.first(where: { $0.name == bare }) {
                let names = found.map { "!\($0.qualified)" }.joined(separator: ", ")
                diagnostics.append(Diagnostic(.W111, "handler '\(bare)' of this script hides the modules' handler of the same name: \(names) is reached only so", at: handler.location))
            } else if found.count > 1 {
                let names = found.map { "'\($0.qualified)'" }.joined(separator: " and ")
                diagnostics.append(Diagnostic(.E020, "handler name '\(bare)' is ambiguous: modules have \(names); give this script its own handler '\(bare)', or rename one", at: found[1].use.location))
            }
        }
        diagnostics += conflicts(script, uses: uses, modules: modules)
        return diagnostics
    }

    /// E021: an outcome or card field a module declares with another
    /// meaning than the script (or an earlier module) does.
    private static func conflicts(_ script: Script, uses: [ModuleUse], modules: [String: LoadedModule]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var outcomes: [String: (converted: Bool, owner: String)] = [:]
        var fields: [String: (type: AnswerType, options: [String], owner: String)] = [:]
        for outcome in script.outcomes { outcomes[outcome.name] = (outcome.converted, "this script") }
        for field in script.cardFields { fields[field.name] = (field.type, field.options, "this script") }
        for use in uses {
            guard let module = modules[use.alias] else { continue }
            for outcome in module.script.outcomes {
                if let known = outcomes[outcome.name] {
                    if known.converted != outcome.converted {
                        diagnostics.append(Diagnostic(.E021, "outcome '\(outcome.name)' of module '\(use.alias)' is \(outcome.converted ? "" : "not ")converted, but \(known.owner) declares it \(known.converted ? "" : "not ")converted: one outcome has one meaning", at: use.location))
                    }
                } else {
                    outcomes[outcome.name] = (outcome.converted, "module '\(use.alias)'")
                }
            }
            for field in module.script.cardFields {
                if let known = fields[field.name] {
                    if known.type != field.type || known.options != field.options {
                        diagnostics.append(Diagnostic(.E021, "card field '\(field.name)' of module '\(use.alias)' is \(field.type.rawValue), but \(known.owner) declares it \(known.type.rawValue)\(known.type == field.type ? " with other options" : ""): one field has one type", at: use.location))
                    }
                } else {
                    fields[field.name] = (field.type, field.options, "module '\(use.alias)'")
                }
            }
        }
        return diagnostics
    }
}
