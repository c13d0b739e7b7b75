/// Links a script with its modules into one script the engine runs
/// (script language 9.1): each module's nodes follow the script's own,
/// under `ALIAS.NODE`, with its variables (`ALIAS.VAR`, one instance per
/// alias) and handlers (`ALIAS.NAME`); outcomes and card fields join the
/// script's. The engine then needs nothing but a `flow` frame on its
/// handler stack: names, coverage and transcripts are the qualified ones.
enum ModuleLinker {
    static func link(_ script: Script, modules: [String: LoadedModule]) -> Script {
        var nodes = script.nodes
        var variables = script.variables
        var handlers = script.handlers
        var outcomes = script.outcomes
        var cardFields = script.cardFields
        var linked: [LinkedModule] = []
        var faq = script.faq
        for index in nodes.indices {
            guard case .flow(var call) = nodes[index].kind, let module = modules[call.alias] else { continue }
            call.target = call.alias + "." + (call.node ?? module.script.start)
            call.with = call.with.map { assignment in
                var qualified = assignment
                if case .variable(let name) = assignment.target { qualified.target = .variable(call.alias + "." + name) }
                return qualified
            }
            nodes[index].kind = .flow(call)
        }
        for use in script.uses {
            guard let module = modules[use.alias] else { continue }
            let renaming = ModuleRenaming(alias: use.alias)
            let base = nodes.count
            nodes.reserveCapacity(base + module.script.nodes.count)
            for node in module.script.nodes { nodes.append(renaming.node(node)) }
            linked.append(LinkedModule(alias: use.alias, path: module.path, sha256: module.sha256, scriptID: module.script.id, nodes: base..<nodes.count))
            for inner in module.script.modules {
                linked.append(LinkedModule(
                    alias: renaming.name(inner.alias), path: inner.path, sha256: inner.sha256, scriptID: inner.scriptID,
                    nodes: (inner.nodes.lowerBound + base)..<(inner.nodes.upperBound + base)))
            }
            variables += module.script.variables.map { VariableDeclaration(name: renaming.name($0.name), initial: $0.initial, location: $0.location) }
            handlers += module.script.handlers.map {
                HandlerDeclaration(name: renaming.name($0.name), label: $0.label, start: renaming.name($0.start), location: $0.location, startLocation: $0.startLocation)
            }
            // Typical questions (9.2) follow the script's own, in `use`
            // order, known as `ALIAS#N` or `ALIAS.ID` (nested: `a.b#1`).
            faq += module.script.faq.map { entry in
                var qualified = entry
                qualified.id = entry.id.hasPrefix("#") ? use.alias + entry.id : renaming.name(entry.id)
                return qualified
            }
            for outcome in module.script.outcomes where !outcomes.contains(where: { $0.name == outcome.name }) { outcomes.append(outcome) }
            for field in module.script.cardFields where !cardFields.contains(where: { $0.name == field.name }) { cardFields.append(field) }
        }
        var result = Script(
            id: script.id, version: script.version, title: script.title, language: script.language, start: script.start,
            startLocation: script.startLocation, variables: variables, cardFields: cardFields, outcomes: outcomes,
            handlers: handlers, nodes: nodes)
        result.faq = faq
        result.uses = script.uses
        result.isModule = script.isModule
        result.modules = linked
        result.handlerAliases = bareHandlerNames(own: script.handlers.map(\.name), all: handlers.map(\.name))
        return result
    }

    /// `!NAME` for a module's handler `a.NAME` (or `a.b.NAME`) when no
    /// handler of the script is NAME and no other module's is.
    static func bareHandlerNames(own: [String], all: [String]) -> [String: String] {
        var byBare: [String: [String]] = [:]
        for name in all where name.contains(".") {
            let bare = String(name[name.index(after: name.lastIndex(of: ".")!)...])
            byBare[bare, default: []].append(name)
        }
        var result: [String: String] = [:]
        for (bare, qualified) in byBare where qualified.count == 1 && !own.contains(bare) { result[bare] = qualified[0] }
        return result
    }
}
