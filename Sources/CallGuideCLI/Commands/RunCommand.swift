import CallGuide
import Foundation

/// `callguide run SCRIPT`: the operator's call.
enum RunCommand: Command {
    static let name = "run"
    static let summary = "run a call: walk the operator through a script"
    static let help = """
        Usage: callguide run SCRIPT [--card KEY] [--operator NAME] [--lang CODE] [--db LOCATION] [--transcript PATH]
               callguide run [SCRIPT] --task ID [--operator NAME] [--lang CODE] [--db LOCATION] [--transcript PATH]

        Runs one call. Shows each line to read aloud, each question with its
        options numbered and its hint, and reads the customer's answers as the
        operator types them. Every step is written to the transcript (and
        flushed to disk) as it happens, so nothing typed is lost if the process
        or machine stops: continue with 'callguide resume TRANSCRIPT'. If the
        disk is full, events are held in order and written as soon as it takes
        them again (you are told), so the transcript never has a gap. The
        transcript is locked while the call runs: no 'resume' can take it over.

        A store that cannot be reached (the network, a server restarting, a lock
        held too long) never stops a call: a card that cannot be read is told in
        one line and the call goes on without it (its transcript records the KEY
        with card_available: false); a call that cannot be stored at its end is
        told in one line, kept by its transcript, and run exits 2. 'callguide
        sync' stores such calls later. A store set up wrong (a refused login,
        another schema) is refused before the call, exit 2.

        Type an answer (an option's number, key or the start of its label), or:
          :back  :skip  :note TEXT  :card  :history  :help  :hangup [REASON]
          !NAME to open a handler (e.g. !price), \\TEXT to answer TEXT literally.
        Ctrl-C abandons the line being typed; Ctrl-D ends the call (abandoned).

        With --task ID the call works that task by hand, as 'callguide next' does:
        the task is taken (refused if another operator's call holds it), its card
        and note are shown, and its script (found by id in the scripts folder)
        runs unless SCRIPT is given; when the call ends the task is done, tried
        again (retry: in callguide.yaml) or left open (abandoned, error).

        Options:
          --card KEY         the client's card, by id or phone (a new phone makes a card;
                             one card ending with the key's last 9+ digits is said so)
          --task ID          work this task (its card; no --card)
          --operator NAME    default: $CALLGUIDE_OPERATOR, then the login name
          --lang CODE        the language of localized texts; also of the operator's
                             screen when it speaks it (en, ru, uk) and callguide.yaml
                             sets no ui_language. A code neither the script nor the
                             screen has is refused, with those that exist.
          --db LOCATION      the store: a SQLite file, or a postgresql:// URI (default: $CALLGUIDE_DB,
                             then database: in callguide.yaml, then callguide.db in the workspace)
          --transcript PATH  default: transcripts/YYYY-MM-DD/CALLID.jsonl in the workspace
                             (a PATH you give must be in a folder that exists)

        The operator's screen (prompts, answer errors, :help, the card) speaks
        English, Russian or Ukrainian: ui_language in callguide.yaml, else
        --lang, else the locale (LC_ALL, LC_MESSAGES, LANG, e.g. ru_RU.UTF-8),
        else English.

        Works on a terminal (line editing, history) and with input piped from a file.
        """

    static let valuedOptions: Set<String> = ["card", "operator", "lang", "db", "transcript", "task"]

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: valuedOptions, flags: [])
        if let taskID = parsed.value("task") { return try runTask(taskID, parsed) }
        guard parsed.positionals.count == 1 else {
            throw .usage(command: name, message: "name exactly one script")
        }
        let loaded = try LoadedScript.load(parsed.positionals[0])
        if loaded.script.isModule {
            throw .unusableInput("\(parsed.positionals[0]) is a module (module: true): run a script that uses it (use: and flow:)")
        }
        if let code = parsed.value("lang") { try OperatorLanguage.checkCallLanguage(code, script: loaded.script, command: name) }
        let workspace = Workspace.forCall(script: loaded)
        let options = CallOptions(
            card: parsed.value("card"), operator: parsed.value("operator"), language: parsed.value("lang"),
            database: workspace.databasePath(option: parsed.value("db")), transcript: parsed.value("transcript"))
        return try CallStarter.runNewCall(loaded, workspace: workspace, options: options).exitStatus
    }
}

extension RunCommand {
    /// `run --task ID [SCRIPT]`.
    static func runTask(_ taskID: String, _ parsed: ParsedArguments) throws(CommandError) -> Int32 {
        guard parsed.positionals.count <= 1 else { throw .usage(command: name, message: "name at most one script with --task") }
        guard parsed.value("card") == nil else { throw .usage(command: name, message: "--task works on the task's own card; leave out --card") }
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        let configuration = CentreSettingsInForce.configuration(try workspace.loadConfiguration().configuration, location: path)
        let directory = CentreDirectory(configuration, command: name)
        let operatorName = CallIdentity.operatorName(option: parsed.value("operator"))
        let store = try StoreAccess.openExisting(path, configuration: configuration)
        let callID = CallIdentity.newCallID()
        let task = try CardCommand.attemptValue(path) { try store.takeTask(taskID, operator: operatorName, callID: callID) }
        let assignment = TaskAssignment(task: task, callID: callID, retry: configuration?.workflow.retry ?? [:], directory: directory)
        return try TaskCallRunner.run(assignment, script: parsed.positionals.first, workspace: workspace, configuration: configuration, store: store,
                                      operator: operatorName, language: parsed.value("lang"), database: path, transcript: parsed.value("transcript"))
    }
}

/// What `run` (and `demo`) take from the command line.
struct CallOptions {
    var card: String?
    var `operator`: String?
    var language: String?
    var database: String
    var transcript: String?
    /// The call's id, when it was chosen before the call (to take a task).
    var callID: String?
    /// The task the call is made for.
    var task: TaskAssignment?
}

extension Workspace {
    /// The workspace a call is stored in: the current folder's, if it has a
    /// `callguide.yaml` upwards, else the script's.
    static func forCall(script: LoadedScript) -> Workspace {
        let here = Workspace.find(from: FileManager.default.currentDirectoryPath)
        return here.configurationPath != nil ? here : script.workspace
    }
}
