import CallGuide
import CallGuideStore
import Foundation

/// `callguide db status | migrate | copy`: for the person who runs the store
/// (store.md section 3).
enum DbCommand: Command {
    static let name = "db"
    static let summary = "the store: its status, migrating its schema, copying it to another"
    static let help = """
        Usage: callguide db status [--db LOCATION]
               callguide db migrate [--db LOCATION]
               callguide db copy FROM TO
               callguide db config push|show [--db LOCATION]

        The store is --db, else $CALLGUIDE_DB, else database: in callguide.yaml,
        else callguide.db in the workspace. A postgresql:// or postgres:// URI is
        a PostgreSQL store (read by libpq: ~/.pgpass, PGPASSWORD and the other
        PG* variables work as for psql); anything else is a SQLite file.

          status   which store (the location, its password shown as ***), its
                   schema version and this callguide's, the number of cards,
                   calls and tasks, and whether it can be written
          migrate  brings the schema up to date. SQLite files are also migrated
                   by every command on first use; a PostgreSQL store only by
                   this command, so one upgraded machine never changes a shared
                   store by itself: other commands refuse an older schema
          copy     copies every card, call and task of the store FROM into the
                   empty store TO (SQLite to PostgreSQL when a centre outgrows
                   one machine, and back), keeping ids, revisions and history,
                   and checks the counts against FROM. FROM is read as one
                   snapshot, TO written in one transaction: a failed copy leaves
                   TO as it was. Empty means no callguide schema yet, or one
                   without rows; a TO holding anything is refused. New ids on TO
                   continue after the copied ones.
          config   the centre-wide settings, kept in the store once it is
                   shared: push stores phone, unique_phones, timezone, the card
                   statuses and transitions, operators and retry from this
                   workspace's callguide.yaml (a setting it leaves out is unset
                   centre-wide); show prints the settings in force, and who
                   pushed them when. Once pushed, the store's settings win on
                   every machine: a workspace whose callguide.yaml says
                   otherwise is told so in one line when a command opens the
                   store. Until the first push each workspace's own apply.
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["db"], flags: [])
        guard let action = parsed.positionals.first else {
            throw .usage(command: name, message: "expected one of status, migrate, copy, config")
        }
        if action == "copy" {
            guard parsed.positionals.count == 3, parsed.value("db") == nil else {
                throw .usage(command: name, message: "db copy takes two stores, FROM and TO, and no --db")
            }
            let configuration = try Workspace.find(from: FileManager.default.currentDirectoryPath).loadConfiguration().configuration
            return try copy(from: parsed.positionals[1], to: parsed.positionals[2], configuration: configuration)
        }
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let location = workspace.databasePath(option: parsed.value("db"))
        if action == "config" {
            guard parsed.positionals.count == 2, ["push", "show"].contains(parsed.positionals[1]) else {
                throw .usage(command: name, message: "db config takes push or show")
            }
            let configuration = try workspace.loadConfiguration().configuration
            return parsed.positionals[1] == "push"
                ? try DbConfig.push(location, workspace: workspace, configuration: configuration)
                : try DbConfig.show(location, configuration: configuration)
        }
        guard parsed.positionals.count == 1 else {
            throw .usage(command: name, message: "db \(action) takes no arguments, only --db")
        }
        switch action {
        case "status": return try status(location)
        case "migrate": return try migrate(location, configuration: try workspace.loadConfiguration().configuration)
        default:
            let hint = DidYouMeanOption.commandHint(action, among: ["status", "migrate", "copy", "config"])
            throw .usage(command: name, message: "unknown action '\(action)'\(hint); expected status, migrate, copy or config")
        }
    }

    static func status(_ location: String) throws(CommandError) -> Int32 {
        if !PostgresLocation.isPostgres(location), !FileManager.default.fileExists(atPath: location) {
            throw .unusableInput("\(location): no database here yet (no call has been stored in this workspace); give --db or $CALLGUIDE_DB, or run a call first")
        }
        return try CardCommand.attempt(location) {
            let status = try StoreAdministration.status(location: location)
            var lines = ["store: \(status.kind) \(TerminalText.sanitize(status.location))"]
            lines.append("schema: " + schemaLine(status))
            for count in status.counts { lines.append("\(count.table): \(count.rows)") }
            lines.append("writable: \(status.writable ? "yes" : "no")")
            StandardOutput.print(lines.joined(separator: "\n"))
            return 0
        }
    }

    static func schemaLine(_ status: StoreStatus) -> String {
        if status.schemaVersion == 0 { return "none yet (run callguide db migrate)" }
        if status.schemaVersion < status.currentVersion {
            return "\(status.schemaVersion), older than this callguide's \(status.currentVersion) (run callguide db migrate)"
        }
        if status.schemaVersion > status.currentVersion {
            return "\(status.schemaVersion), newer than this callguide's \(status.currentVersion) (use a callguide that knows schema \(status.schemaVersion))"
        }
        return "\(status.schemaVersion) (up to date)"
    }

    static func migrate(_ location: String, configuration: WorkspaceConfiguration?) throws(CommandError) -> Int32 {
        let permissions = try ClientFiles.permissions(configuration)
        return try CardCommand.attempt(location) {
            let (from, to) = try StoreAdministration.migrate(location: location, permissions: permissions)
            let shown = TerminalText.sanitize(StoreAccess.shown(location))
            if from == to {
                StandardOutput.print("\(shown): schema \(to), already up to date.")
            } else {
                StandardOutput.print("\(shown): schema \(from == 0 ? "none" : String(from)) -> \(to).")
            }
            let store = try StoreAccess.open(location, configuration: configuration)
            phoneLines(try store.normalizePhones()).forEach(StandardOutput.print)
            return 0
        }
    }

    /// What `db migrate` tells of the phones: how many it wrote in the
    /// store's form, and the cards that share a number (store.md 4).
    static func phoneLines(_ result: PhoneNormalization) -> [String] {
        var lines: [String] = []
        if result.rewritten > 0 {
            let cards = result.rewritten == 1 ? "1 card's phone" : "\(result.rewritten) cards' phones"
            lines.append("Phones: \(cards) written in international form (phone: in callguide.yaml).")
        }
        guard !result.shared.isEmpty else { return lines }
        let groups = result.shared.count
        lines.append("\(groups == 1 ? "1 number is" : "\(groups) numbers are") on more than one card; nothing was merged: keep one card per client with callguide card set or card forget:")
        for group in result.shared {
            let cards = group.cards.map { "\($0.id) \($0.name ?? "-")" }.joined(separator: ", ")
            lines.append(TerminalText.sanitize("  \(group.phone): \(cards)"))
        }
        return lines
    }

    static func copy(from source: String, to target: String, configuration: WorkspaceConfiguration?) throws(CommandError) -> Int32 {
        if !PostgresLocation.isPostgres(source), !FileManager.default.fileExists(atPath: source) {
            throw .unusableInput("\(source): no such store")
        }
        let permissions = try ClientFiles.permissions(configuration)
        return try CardCommand.attempt(source) {
            let counts = try StoreAdministration.copy(from: source, to: target, permissions: permissions)
            let copied = StoreAdministration.describe(counts)
            let from = TerminalText.sanitize(StoreAccess.shown(source))
            let to = TerminalText.sanitize(StoreAccess.shown(target))
            StandardOutput.print("Copied \(from) to \(to): \(copied); the counts match \(from).")
            return 0
        }
    }
}
