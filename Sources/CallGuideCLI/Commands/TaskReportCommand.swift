import CallGuide
import CallGuideStore
import Foundation

/// `callguide report tasks`: did everyone call back (workflow.md 5)?
enum TaskReportCommand {
    static let name = "report tasks"
    static let help = """
        Usage: callguide report tasks [--since DATE] [--until DATE] [--by operator|group]
                                      [--format table|csv|json|html] [--output FILE] [--db LOCATION]

        For the tasks made between --since and --until (the centre's days, both
        included; see below): made, done, done on time (before they became
        overdue), overdue now, cancelled, and mean attempts (calls made per task
        made). Then the list of tasks overdue now, the longest overdue first: who
        has it, which client, when it was due and how late; one overdue by more
        than a day with no call made is marked 'not called back'.
        --by operator puts a task with no operator under group:NAME; --by group
        puts a task with no group under '-'. CSV has the figures; JSON has both
        ({"rows": [...], "overdue": [...]}); html is one self-contained page
        with both tables.

        \(ReportPeriod.namesHelp)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            StandardOutput.print(help)
            return 0
        }
        let parsed = try ParsedArguments(arguments, command: "report", valued: ["since", "until", "by", "format", "db", "output"], flags: [])
        guard parsed.positionals.isEmpty else { throw .usage(command: "report", message: "'report tasks' takes no more arguments, only options") }
        let format = try parsed.choice("format", among: ["table", "csv", "json", "html"], default: "table")
        let grouping = TaskReportGrouping(rawValue: try parsed.choice("by", among: ["operator", "group"], default: "none")) ?? .none
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        let configuration = try workspace.loadConfiguration().configuration
        let directory = CentreDirectory(configuration, command: "report")
        let period = try ReportPeriod.parse(since: parsed.value("since"), until: parsed.value("until"), today: directory.today(), command: "report")
        let store = try StoreAccess.openExisting(path, configuration: configuration)
        return try CardCommand.attempt(path) {
            let now = Date()
            let report = try store.taskReport(sinceDay: period.sinceDay, untilDay: period.untilDay, by: grouping, now: now)
            let keyName = grouping == .none ? "group" : grouping.rawValue
            let text: String
            switch format {
            case "json":
                let rows = report.rows.map { row in JSONValue.object([(keyName, row.key.map(JSONValue.string) ?? .null)] + zip(figureNames, figures(row)).map { ($0, $1.map(JSONValue.number) ?? .null) }) }
                let overdue = report.overdue.map { item in
                    JSONValue.object([
                        ("task", .string(item.task.id)), ("assignee", item.task.assignee.map(JSONValue.string) ?? .null),
                        ("group", item.task.group.map(JSONValue.string) ?? .null), ("card", .string(item.task.cardID)),
                        ("client", item.task.clientName.map(JSONValue.string) ?? .null), ("due", .string(directory.due(item.task))),
                        ("late_minutes", .number(Decimal(Int(item.lateSeconds / 60)))), ("attempts", .number(Decimal(item.task.attempts))),
                        ("not_called_back", .bool(item.notCalledBack)),
                    ])
                }
                text = JSONWriter.serialize(.object([("rows", .array(rows)), ("overdue", .array(overdue))])) + "\n"
            case "html":
                text = HTMLPage(title: "Tasks report", notes: DashboardCommand.notes(parsed, filter: nil, configuration: configuration),
                                sections: [.init(heading: "Tasks", id: "tasks", body: ReportHTML.taskSection(report, keyName: keyName, directory: directory))]).render()
            case "csv":
                text = CSV.write([[keyName] + figureNames] + report.rows.map { [$0.key ?? "all"] + figures($0).map { $0.map(canonicalNumberText) ?? "" } })
            default:
                var table = TextTable(headers: [grouping == .none ? "" : grouping.rawValue, "made", "done", "on time", "overdue", "cancelled", "mean attempts"])
                table.rows = report.rows.map { row in
                    [TerminalText.sanitize(row.key ?? "all")] + figures(row).map { $0.map(canonicalNumberText) ?? "-" }
                }
                table.rightAligned = Set(1...6)
                var lines = [table.render()]
                if report.overdue.isEmpty {
                    lines.append("\nNo task is overdue.")
                } else {
                    var late = TextTable(headers: ["task", "who", "card", "client", "due", "late", "attempts", ""])
                    late.rows = report.overdue.map { item in
                        [item.task.id, TaskListing.owner(item.task), item.task.cardID, item.task.clientName ?? item.task.clientPhone ?? "",
                         directory.due(item.task).replacingOccurrences(of: "T", with: " "), CentreDirectory.lateness(item.lateSeconds),
                         "\(item.task.attempts)", item.notCalledBack ? "not called back" : ""].map { TerminalText.sanitize($0) }
                    }
                    late.rightAligned = [6]
                    lines.append("\nOverdue now (\(report.overdue.count)):\n" + late.render())
                }
                text = lines.joined(separator: "\n") + "\n"
            }
            try ClientFiles.emit(text, output: parsed.value("output"), configuration: configuration)
            return 0
        }
    }

    static let figureNames = ["made", "done", "done_on_time", "overdue_now", "cancelled", "mean_attempts"]

    static func figures(_ row: TaskReportRow) -> [Decimal?] {
        [Decimal(row.made), Decimal(row.done), Decimal(row.doneOnTime), Decimal(row.overdueNow), Decimal(row.cancelled), row.meanAttempts]
    }
}
