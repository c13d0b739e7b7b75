import CallGuide
import CallGuideStore
import Foundation

/// `callguide demo`: the built-in example call in a throw-away workspace.
enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "run a built-in example call (no set-up needed)"
    static let help = """
        Usage: callguide demo [--auto] [--keep] [--lang CODE]

        Runs the built-in inbound order script (Docs/examples/modules/:
        greeting, needs discovery, recommendation, an upsell offer, delivery
        details, then the NPS question from the shared closing module, and
        the objections module's price handler, !price) for a returning
        customer, in a throw-away workspace with its own database. You are the
        operator: type the customer's answers; :help lists the commands.
        At the end the stored call, the updated card and the report are shown.
        The workspace, its database and the call's transcript are temporary:
        they are deleted when the demo ends, unless --keep is given.

        Options:
          --auto       play a sample call by itself, showing each answer as typed
          --keep       keep the throw-away workspace (its path is printed)
          --lang CODE  the operator screen's language: en, ru or uk (default:
                       the locale, LANG; the sample script itself is in English)
        """

    static let phone = "+7 900 123-45-67"

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["lang"], flags: ["auto", "keep"])
        guard parsed.positionals.isEmpty else { throw .usage(command: name, message: "takes no arguments") }
        let language = parsed.value("lang")
        if let language, UILanguage(rawValue: language) == nil {
            let close = UILanguage.allCases.map(\.rawValue).first { $0 == language.lowercased() }
            throw .usage(command: name, message: "unknown language '\(language)' for --lang: the operator screen speaks \(UILanguage.codeList)"
                + (close.map { " (did you mean '\($0)'? language codes are lower case)" } ?? ""))
        }
        let ui = OperatorLanguage.choose(configured: nil, callLanguage: language).ui
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("callguide-demo-\(UUID().uuidString.prefix(8))")
        let scriptPath = root.appendingPathComponent("scripts/inbound-order.yaml").path
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Data(InitCommand.configuration.utf8).write(to: root.appendingPathComponent(Workspace.configurationName))
            // The inbound order with its modules (shared/closing.yaml,
            // shared/objections.yaml), as `init` lays them out.
            for file in DemoWorkspace.files {
                let url = root.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            }
        } catch {
            throw .unusableInput("cannot create the demo workspace in \(root.path): \(error.localizedDescription)")
        }
        defer {
            if parsed.flag("keep") {
                StandardOutput.print(ui(.demoKept, root.path))
            } else {
                StandardOutput.print(ui(.demoTemporary, root.path))
                try? FileManager.default.removeItem(at: root)
            }
        }
        let loaded = try LoadedScript.load(scriptPath)
        let workspace = Workspace(root: root.path, configurationPath: root.appendingPathComponent(Workspace.configurationName).path)
        let database = workspace.databasePath(option: root.appendingPathComponent("callguide.db").path)
        try seed(database, loaded: loaded)

        let style = TerminalStyle.detect(fd: 1)
        StandardOutput.print(style.bold(ui(.demoIntro) + "\n"))
        let reader: LineReader? = parsed.flag("auto") ? ScriptedLineReader(lines: DemoAnswers.lines(deliveryDate: DemoAnswers.deliveryDate()), style: style) : nil
        let options = CallOptions(card: phone, operator: "demo", language: language, database: database,
                                  transcript: root.appendingPathComponent("demo-call.jsonl").path)
        let result = try CallStarter.runNewCall(loaded, workspace: workspace, options: options, reader: reader)

        StandardOutput.print(style.bold("\n" + ui(.demoCardAfter)))
        let store = try StoreAccess.open(database, configuration: loaded.configuration)
        if let card = try? store.card(key: phone) {
            CardCommand.showCard(card, calls: (try? store.calls(CallFilter(cardId: card.id))) ?? [], centre: store.timeZone)
        }
        StandardOutput.print(style.bold("\n" + ui(.demoReport)))
        _ = try? ReportCommand.run(["--by", "operator", "--db", database])
        StandardOutput.print("\n" + ui(.demoNext))
        return result.exitStatus
    }

    /// A returning customer with one earlier call, so the card has a history.
    static func seed(_ database: String, loaded: LoadedScript) throws(CommandError) {
        let store = try StoreAccess.open(database, configuration: loaded.configuration, script: loaded.script)
        do {
            let card = try store.createCard(["name": .string("Olga Petrova"), "phone": .string(phone), "status": .string("potential"),
                                             "region": .string("Kazan")])
            let lastWeek = Date().addingTimeInterval(-7 * 24 * 3600)
            let record = CallRecord(id: "demo-earlier-call", cardId: card.id, operator: "boris", scriptId: "inbound_order",
                                    scriptVersion: "2", startedAt: lastWeek, endedAt: lastWeek.addingTimeInterval(140),
                                    outcome: "callback", notes: ["asked to call back about pet-hair models"])
            _ = try store.storeCall(record, cardChanges: [:], cardRevisionAtStart: card.revision, transitions: nil)
        } catch {
            throw .unusableInput(StoreAccess.describe(error, path: database))
        }
    }
}

/// Plays prepared answers as if typed, echoing each after its prompt.
final class ScriptedLineReader: LineReader {
    private var lines: [String]
    private let style: TerminalStyle

    init(lines: [String], style: TerminalStyle) {
        self.lines = lines
        self.style = style
    }

    func readLine(prompt: String) -> InputEvent {
        guard !lines.isEmpty else { return .endOfInput }
        let line = lines.removeFirst()
        StandardOutput.print(style.dim(prompt) + style.green(line))
        return .line(line)
    }
}
