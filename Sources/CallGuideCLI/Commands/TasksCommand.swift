import CallGuide
import CallGuideStore
import Foundation

/// `callguide tasks`: the queue of callbacks, transfers and to-dos.
enum TasksCommand: Command {
    static let name = "tasks"
    static let summary = "list tasks: callbacks, transfers and to-dos, soonest first"
    static let help = """
        Usage: callguide tasks [--operator NAME | --group G | --all] [--due overdue|today|open|all]
                               [--card KEY] [--format table|csv|json] [--output FILE] [--db LOCATION]

        Lists tasks soonest first (then by id); late ones are marked OVERDUE with
        how late. By default: the current operator's own tasks and their groups'
        tasks (operators: in callguide.yaml) that are open and due by the end of
        today, overdue ones included. Times are in the centre's time zone
        (timezone: in callguide.yaml, else the machine's).

        Options:
          --operator NAME  that operator's tasks and their groups' (default: you:
                           $CALLGUIDE_OPERATOR, then the login name)
          --group G        that group's tasks
          --all            everyone's tasks
          --due WHICH      overdue (open and late), today (open, due by the end of
                           today; the default), open (every open task), all (closed too)
          --card KEY       one client's tasks (card id or phone)
          --format F       table (default), csv, or json with exactly the fields id, card,
                           kind, due, assignee, group, script, note, status, attempts,
                           created_at, created_by, closed_at, closed_by, taken_by, taken_at
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["operator", "group", "due", "card", "format", "output", "db"], flags: ["all"])
        guard parsed.positionals.isEmpty else { throw .usage(command: name, message: "takes no arguments, only options") }
        let format = try parsed.choice("format", among: ["table", "csv", "json"], default: "table")
        let due = TaskFilter.Due(rawValue: try parsed.choice("due", among: TaskFilter.Due.allCases.map(\.rawValue), default: "today")) ?? .today
        let owners = [parsed.value("operator") != nil, parsed.value("group") != nil, parsed.flag("all")].filter { $0 }.count
        guard owners <= 1 else { throw .usage(command: name, message: "give at most one of --operator, --group and --all") }
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        let configuration = CentreSettingsInForce.configuration(try workspace.loadConfiguration().configuration, location: path)
        let directory = CentreDirectory(configuration, command: name)
        var filter = TaskFilter(due: due)
        if parsed.flag("all") {
            filter.owner = .all
        } else if let group = parsed.value("group") {
            filter.owner = .group(try directory.checkGroup(group))
        } else {
            var operatorName = CallIdentity.operatorName(option: nil)
            if let given = parsed.value("operator") { operatorName = try directory.checkOperator(given) }
            filter.owner = .operator(operatorName, groups: directory.settings.groups(of: operatorName))
        }
        let store = try StoreAccess.openExisting(path, configuration: configuration)
        return try CardCommand.attempt(path) {
            if let key = parsed.value("card") {
                guard let card = try store.card(key: key) else { throw CommandError.unusableInput(StoreError.noSuchCard(key: TerminalText.sanitize(key)).description) }
                filter.cardID = card.id
            }
            let now = Date()
            let tasks = try store.tasks(filter, now: now)
            let text: String
            switch format {
            case "json":
                text = JSONWriter.serialize(.array(tasks.map { TaskListing.json($0, directory: directory) })) + "\n"
            case "csv":
                text = CSV.write([TaskListing.headers] + tasks.map { TaskListing.cells($0, directory: directory, now: now) })
            default:
                if tasks.isEmpty {
                    text = "No tasks.\n"
                } else {
                    var table = TextTable(headers: TaskListing.headers)
                    table.rows = tasks.map { TaskListing.cells($0, directory: directory, now: now) }
                    table.rightAligned = [8]
                    text = table.render() + "\n"
                }
            }
            try ClientFiles.emit(text, output: parsed.value("output"), configuration: configuration)
            return 0
        }
    }
}
