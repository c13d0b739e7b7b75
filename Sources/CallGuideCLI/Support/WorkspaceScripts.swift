import CallGuide
import Foundation

/// The scripts of a workspace (`scripts/` and the workspace folder, `.yaml`
/// and `.yml`), as far as they load: what `card set` and `card import`
/// learn declared card fields from (as `run` learns them from its script),
/// and what `calls --redact` and `card forget` learn answer types from.
struct WorkspaceScripts {
    let scripts: [Script]

    static func load(_ workspace: Workspace, configuration: WorkspaceConfiguration?) -> WorkspaceScripts {
        var scripts: [Script] = []
        // Linked with their modules (each module file read once), so that
        // `closing.nps` has its type and modules' card fields count too.
        let library = ModuleFiles.library(configuration: configuration)
        for folder in [workspace.root + "/scripts", workspace.root] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                guard name != Workspace.configurationName else { continue }
                let path = folder + "/" + name
                // A file that cannot be read or has errors declares nothing:
                // `check` is where its problems are reported.
                guard let file = try? SourceFile.read(path) else { continue }
                if let script = library.load(file.bytes, path: path).script { scripts.append(script) }
            }
        }
        return WorkspaceScripts(scripts: scripts)
    }

    /// The card fields the scripts declare, first declaration first.
    var cardFields: [CardFieldDeclaration] {
        var fields: [CardFieldDeclaration] = []
        for script in scripts {
            for field in script.cardFields where !fields.contains(where: { $0.name == field.name }) { fields.append(field) }
        }
        return fields
    }

    /// The type of a question, by script id and node id; nil when unknown.
    func answerType(script id: String, node: String) -> AnswerType? {
        for script in scripts where script.id == id {
            if let question = script.node(node)?.question { return question.type }
            if script.node(node) != nil { return .yesno }  // an offer
        }
        return nil
    }
}
