import CallGuide
import CallGuideStore
import Foundation

/// `callguide next`: takes the next task due and runs its call.
enum NextCommand: Command {
    static let name = "next"
    static let summary = "take the next callback or transfer due and run its call"
    static let help = """
        Usage: callguide next [--operator NAME] [--group G]... [--lang CODE] [--db LOCATION]

        Takes the open callback or transfer task (not a to-do) with the earliest
        due time that has come, among your own tasks and your groups' (the
        groups listed for you under operators: in callguide.yaml, or those given
        with --group), your own first when two are due at the same time. Then
        runs its call as 'run' does: the client's card, the task's note, for a
        transfer what the customer already said, then the task's script, found
        by its id in the scripts folder (scripts: in callguide.yaml, default
        scripts/).

        Taking is atomic: two operators never get the same task. The task is
        held for you for 30 minutes, renewed at every answer; if the call dies,
        the task goes back to the queue when the hold lapses ('resume' takes it
        again if it is still free). When the call ends, the task is done,
        unless its outcome or ':hangup REASON' (e.g. ':hangup no_answer',
        ':hangup busy') is listed under retry: in callguide.yaml: then it is due
        again that much later, and cancelled after max_attempts calls. A call
        abandoned (Ctrl-D) or ended in error leaves the task open as it was.
        Every call made for a task counts as an attempt.

        With nothing due, says when the next task falls due and exits 0. A
        script that cannot be found is an error (exit 2); the task stays open.

        Options:
          --operator NAME  default: $CALLGUIDE_OPERATOR, then the login name
          --group G        take from this group (repeatable) instead of your groups
          --lang CODE      the language of its messages and of the call's screen:
                           en, ru or uk (default: ui_language, then LANG)
          --db LOCATION    the store: a SQLite file, or a postgresql:// URI (default:
                           $CALLGUIDE_DB, then database: in callguide.yaml, then
                           callguide.db in the workspace)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["operator", "group", "lang", "db"], flags: [])
        guard parsed.positionals.isEmpty else { throw .usage(command: name, message: "takes no arguments, only options") }
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        // The centre's operators, groups and retries once pushed (store.md 3).
        let configuration = CentreSettingsInForce.configuration(try workspace.loadConfiguration().configuration, location: path)
        let directory = CentreDirectory(configuration, command: name)
        let operatorName = try directory.checkOperator(CallIdentity.operatorName(option: parsed.value("operator")))
        let groups = try directory.groups(of: operatorName, given: parsed.values("group"))
        let ui = OperatorLanguage.choose(configured: configuration?.uiLanguage, callLanguage: parsed.value("lang")).ui
        let whose = groups.isEmpty ? operatorName : ui(.nextWhoseGroups, operatorName, groups.joined(separator: ", "))
        guard PostgresLocation.isPostgres(path) || FileManager.default.fileExists(atPath: path) else {
            StandardOutput.print(TerminalText.sanitize(ui(.nextNoDatabase, whose, path)))
            return 0
        }
        let store = try StoreAccess.open(path, configuration: configuration)
        let callID = CallIdentity.newCallID()
        let taken: ClientTask? = try CardCommand.attemptValue(path) {
            try store.takeNextTask(operator: operatorName, groups: groups, callID: callID)
        }
        guard let task = taken else {
            let upcoming: ClientTask? = try CardCommand.attemptValue(path) { try store.nextTaskDue(operator: operatorName, groups: groups) }
            if let upcoming {
                let line = if let holder = upcoming.takenBy, let heldUntil = upcoming.heldUntil, upcoming.dueAt <= Date() {
                    ui(.nextBeingWorked, whose, upcoming.id, upcoming.kind.rawValue, upcoming.cardID, holder, directory.when(heldUntil))
                } else {
                    ui(.nextFallsDue, whose, upcoming.id, upcoming.kind.rawValue, upcoming.cardID,
                       directory.due(upcoming).replacingOccurrences(of: "T", with: " "))
                }
                StandardOutput.print(TerminalText.sanitize(line))
            } else {
                StandardOutput.print(TerminalText.sanitize(ui(.nextNothingOpen, whose)))
            }
            return 0
        }
        let assignment = TaskAssignment(task: task, callID: callID, retry: configuration?.workflow.retry ?? [:], directory: directory)
        return try TaskCallRunner.run(assignment, script: nil, workspace: workspace, configuration: configuration, store: store,
                                      operator: operatorName, language: parsed.value("lang"), database: path)
    }
}

/// Runs the call of a taken task, giving the task back untouched if the
/// call cannot start (its script is missing or broken, the card is gone).
enum TaskCallRunner {
    static func run(_ assignment: TaskAssignment, script: String?, workspace: Workspace, configuration: WorkspaceConfiguration?, store: CardStore,
                    operator operatorName: String, language: String?, database: String, transcript: String? = nil) throws(CommandError) -> Int32 {
        let task = assignment.task
        let loaded: LoadedScript
        do throws(CommandError) {
            let path: String
            if let script {
                path = script
            } else if let id = task.script {
                path = try ScriptDirectory.find(id: id, workspace: workspace, configuration: configuration)
            } else {
                throw .unusableInput("task \(task.id) names no script; work it with 'callguide run SCRIPT --task \(task.id)'")
            }
            loaded = try LoadedScript.load(path)
        } catch {
            try? store.releaseTask(task.id, callID: assignment.callID)
            throw .unusableInput("task \(task.id): \(message(error)); the task stays open")
        }
        let options = CallOptions(card: task.cardID, operator: operatorName, language: language, database: database,
                                  transcript: transcript, callID: assignment.callID, task: assignment)
        do {
            return try CallStarter.runNewCall(loaded, workspace: Workspace.forCall(script: loaded), options: options).exitStatus
        } catch {
            try? store.releaseTask(task.id, callID: assignment.callID)
            throw error
        }
    }

    private static func message(_ error: CommandError) -> String {
        switch error {
        case .unusableInput(let message): return message
        case .usage(_, let message): return message
        case .failed(let message): return message ?? "it failed"
        }
    }
}
