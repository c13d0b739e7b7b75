import CallGuide
import CallGuideStore
import Foundation

/// `callguide task done|cancel|move|add`: tasks by hand.
enum TaskCommand: Command {
    static let name = "task"
    static let summary = "add, move, finish or cancel a task by hand"
    static let help = """
        Usage: callguide task add KEY --due WHEN [--to NAME | --group G] [--kind callback|todo]
                                  [--script ID] [--note TEXT]
               callguide task done ID [--note TEXT]
               callguide task cancel ID [--note TEXT]
               callguide task move ID [--due WHEN] [--to NAME | --group G]
               (each also takes --db LOCATION)

        add     makes a task for the client whose card KEY (id or phone) names:
                a callback by default (--kind todo for anything else to do).
                Without --to or --group it is yours.
        done    closes an open task; cancel gives it up. --note adds a line to
                the task's note.
        move    gives it a new due time and/or a new owner (--to an operator, or
                --group a group: the task then belongs to that one alone).

        WHEN is YYYY-MM-DD or DD.MM.YYYY, today, tomorrow or +N (in N days; also
        сегодня, завтра, сьогодні), optionally followed by a time HH:MM, in the
        centre's time zone (timezone: in callguide.yaml). A date alone is due
        from 00:00 and overdue when that day ends. A time that has passed is
        kept, with a warning. --to and --group must be an operator or group
        listed under operators: in callguide.yaml (when it lists any).
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["due", "to", "group", "script", "note", "kind", "db"], flags: [])
        guard let action = parsed.positionals.first else { throw .usage(command: name, message: "say add, done, cancel or move") }
        let actions = ["add", "done", "cancel", "move"]
        guard actions.contains(action) else {
            let hint = Suggestions.closest(to: action, among: actions).map { " (did you mean '\($0)'?)" } ?? ""
            throw .usage(command: name, message: "unknown action '\(TerminalText.sanitize(action))'\(hint); say add, done, cancel or move")
        }
        guard parsed.positionals.count == 2 else {
            throw .usage(command: name, message: action == "add" ? "name the client's card: task add KEY --due WHEN" : "name the task: task \(action) ID")
        }
        let allowed: [String: Set<String>] = [
            "add": ["due", "to", "group", "script", "note", "kind", "db"], "done": ["note", "db"], "cancel": ["note", "db"], "move": ["due", "to", "group", "db"],
        ]
        for option in ["due", "to", "group", "script", "note", "kind"] where parsed.value(option) != nil && !allowed[action]!.contains(option) {
            throw .usage(command: name, message: "'--\(option)' does not go with 'task \(action)'")
        }
        if parsed.value("to") != nil, parsed.value("group") != nil {
            throw .usage(command: name, message: "give --to or --group, not both")
        }
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        let configuration = CentreSettingsInForce.configuration(try workspace.loadConfiguration().configuration, location: path)
        let directory = CentreDirectory(configuration, command: name)
        let target = parsed.positionals[1]
        let now = Date()
        let due = try parsed.value("due").map { (text: String) throws(CommandError) in try directory.readWhen(text, now: now) }
        let assignee = try parsed.value("to").map { (text: String) throws(CommandError) in try directory.checkOperator(text) }
        let group = try parsed.value("group").map { (text: String) throws(CommandError) in try directory.checkGroup(text) }
        let store = action == "add"
            ? try StoreAccess.open(path, configuration: configuration) : try StoreAccess.openExisting(path, configuration: configuration)
        return try CardCommand.attempt(path) {
            let task: ClientTask
            switch action {
            case "add":
                guard let due else { throw CommandError.usage(command: name, message: "say when it is due: --due WHEN") }
                let kind = try parsed.choice("kind", among: ["callback", "todo"], default: "callback")
                guard let card = try store.card(key: target) else {
                    throw CommandError.unusableInput(StoreError.noSuchCard(key: TerminalText.sanitize(target)).description)
                }
                let owner = assignee ?? (group == nil ? CallIdentity.operatorName(option: nil) : nil)
                let new = NewTask(cardID: card.id, kind: ClientTask.Kind(rawValue: kind) ?? .callback, due: due.dateTime,
                                  dueHasTime: due.time != nil, assignee: owner, group: group, script: parsed.value("script"), note: parsed.value("note"))
                task = try store.addTask(new, now: now)
                StandardOutput.print("Task added: \(TaskListing.summary(task, directory: directory))")
            case "done", "cancel":
                task = try store.closeTask(target, as: action == "done" ? .done : .cancelled, note: parsed.value("note"), now: now)
                StandardOutput.print("Task \(action == "done" ? "done" : "cancelled"): \(TaskListing.summary(task, directory: directory))")
            default:
                guard due != nil || assignee != nil || group != nil else {
                    throw CommandError.usage(command: name, message: "say what changes: --due WHEN, --to NAME or --group G")
                }
                task = try store.moveTask(target, due: due?.dateTime, dueHasTime: due?.time != nil, assignee: assignee, group: group, now: now)
                StandardOutput.print("Task moved: \(TaskListing.summary(task, directory: directory))")
            }
            let passed = task.dueHasTime ? task.dueAt < now.addingTimeInterval(-60) : task.overdueAt <= now
            if due != nil, passed {
                StandardOutput.error("callguide: warning: task \(task.id) is due \(directory.due(task).replacingOccurrences(of: "T", with: " ")), which has passed; it is kept, and shows as overdue")
            }
            return 0
        }
    }
}
