import CallGuide
import CallGuideStore
import Foundation

/// `callguide calls`: the stored calls, filtered.
enum CallsCommand: Command {
    static let name = "calls"
    static let summary = "list stored calls"
    static let help = """
        Usage: callguide calls [--since DATE] [--until DATE] [--operator NAME] [--script ID] [--format table|csv|json]
                               [--redact] [--output FILE] [--db LOCATION]

        Lists the calls stored in the workspace's database, oldest first:
        start, call id, card, operator, script@version, outcome, duration
        (talking time: a resumed call leaves out the time it was down), NPS
        score and offers accepted/made (JSON adds answers, notes and card
        changes). Both ends are included.

        Times are on the clock the call was taken on, and its day is the
        local day there (the same day 'report --by day' counts): the table
        adds the offset (+10:00) when it is not the centre's. CSV: started
        in ISO 8601 with the offset, duration_s in seconds. JSON: started,
        ended in ISO 8601 with the offset, and day.

        \(ReportPeriod.namesHelp)

        Options:
          --since DATE     calls started on or after DATE (see DATE above)
          --until DATE     calls started on or before DATE
          --operator NAME  only calls of this operator
          --script ID      only calls of this script
          --format FORMAT  table (default), csv or json
          --redact         mask the answers that are free text, phones, emails or
                           dates, the notes, and names, phones, emails in card
                           changes (store.md 6), for sharing
          --output FILE    write to FILE (mode 0600, or 0660 with files: {group}), not stdout
          --db LOCATION    the store: a SQLite file, or a postgresql:// URI (default:
                           $CALLGUIDE_DB, then database: in callguide.yaml, then
                           callguide.db in the workspace)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["since", "until", "operator", "script", "format", "db", "output"], flags: ["redact"])
        guard parsed.positionals.isEmpty else { throw .usage(command: name, message: "takes no arguments, only options") }
        let format = try parsed.choice("format", among: ["table", "csv", "json"], default: "table")
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        let configuration = try workspace.loadConfiguration().configuration
        let filter = try ReportCommand.filter(parsed, command: name, today: CentreDirectory(configuration, command: name).today())
        let redact = parsed.flag("redact")
        let scripts = redact ? WorkspaceScripts.load(workspace, configuration: configuration) : WorkspaceScripts(scripts: [])
        let store = try StoreAccess.openExisting(path, configuration: configuration, scriptFields: scripts.cardFields)
        // Streamed (a million calls in flat memory), the same text as a
        // whole listing would be; a table sizes its columns on its first
        // thousand rows.
        let output = try StreamedOutput(output: parsed.value("output"), configuration: configuration)
        do {
            return try CardCommand.attempt(path) {
                var count = 0
                var table = StreamedTable(headers: CallListing.headers, rightAligned: [6, 7], write: output.write)
                if format == "csv" { output.write(CSV.write([CallListing.csvHeaders])) }
                try store.forEachCall(filter) { stored in
                    let call = redact ? store.redacted(stored, answerType: { scripts.answerType(script: $0, node: $1) }) : stored
                    switch format {
                    case "json":
                        output.write((count == 0 ? "[" : ",") + JSONWriter.serialize(CallListing.json(call, centre: store.timeZone)))
                    case "csv":
                        output.write(CSV.write([CallListing.csvCells(call, centre: store.timeZone)]))
                    default:
                        table.add(CallListing.cells(call, centre: store.timeZone))
                    }
                    count += 1
                }
                switch format {
                case "json": output.write(count == 0 ? "[]\n" : "]\n")
                case "csv": break
                default:
                    if count == 0 { output.write("No calls.\n") } else { table.finish() }
                }
                try output.finish()
                return 0
            }
        } catch {
            output.abandon()
            throw error
        }
    }
}
