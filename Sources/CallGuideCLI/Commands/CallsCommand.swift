import CallGuide
import CallGuideStore
import Foundation

/// `callguide calls`: the stored calls, filtered.
enum CallsCommand: Command {
    static let name = "calls"
    static let summary = "list stored calls"
    static let help = """
        Usage: callguide calls [--since DATE] [--until DATE] [--operator NAME] [--script ID] [--format table|csv|json] [--db PATH]

        Lists the calls stored in the workspace's database, oldest first:
        start, call id, card, operator, script@version, outcome, duration,
        NPS score and offers accepted/made. Dates are YYYY-MM-DD, local time,
        both ends included.
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["since", "until", "operator", "script", "format", "db"], flags: [])
        guard parsed.positionals.isEmpty else { throw .usage(command: name, message: "takes no arguments, only options") }
        let format = try parsed.choice("format", among: ["table", "csv", "json"], default: "table")
        let filter = try ReportCommand.filter(parsed, command: name)
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        let store = try StoreAccess.openExisting(path, configuration: try workspace.loadConfiguration().configuration)
        return try CardCommand.attempt(path) {
            let calls = try store.calls(filter)
            switch format {
            case "json":
                StandardOutput.print(JSONWriter.serialize(.array(calls.map(CallListing.json))))
            case "csv":
                StandardOutput.write(CSV.write([CallListing.headers] + calls.map(CallListing.cells)))
            default:
                if calls.isEmpty {
                    StandardOutput.print("No calls.")
                } else {
                    var table = TextTable(headers: CallListing.headers)
                    table.rows = calls.map(CallListing.cells)
                    table.rightAligned = [6, 7]
                    StandardOutput.print(table.render())
                }
            }
            return 0
        }
    }
}
