import CallGuide
import CallGuideStore
import Foundation

/// `callguide resume TRANSCRIPT`: continues a call that was cut off.
enum ResumeCommand: Command {
    static let name = "resume"
    static let summary = "continue a call whose transcript has no end (crash, power loss)"
    static let help = """
        Usage: callguide resume TRANSCRIPT [--script PATH] [--db LOCATION]

        Continues a call that was interrupted (the process was killed, the
        machine lost power): every recorded answer is restored and the
        operator is back at the question where the call stopped. New events
        are appended to the same transcript; the call is stored when it ends.
        The screen speaks ui_language of callguide.yaml, else the call's
        language when it is en, ru or uk, else the locale's (LANG).

        The script is found by the fingerprint (script_sha256) the transcript
        recorded, among the *.yaml files of the workspace; --script names it.
        A script that would now take the recorded answers differently is
        refused, with the first difference. The stored duration is the talking
        time: the time the call was down before the resume is left out.

        While a call runs (under 'run' or 'resume') its transcript is locked: a
        second 'resume' of it says which process holds it (pid, operator, host)
        and exits 2 without writing anything.

        Options:
          --script PATH  the script the call was made with
          --db LOCATION  the store: a SQLite file, or a postgresql:// URI (default: $CALLGUIDE_DB,
                         then database: in callguide.yaml, then callguide.db in the workspace)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["script", "db"], flags: [])
        guard parsed.positionals.count == 1 else { throw .usage(command: name, message: "name exactly one transcript") }
        let path = parsed.positionals[0]
        // The lock comes first: the transcript is read, and written, only
        // by the one process that holds it for the rest of the call.
        let lock: TranscriptLock
        let document: TranscriptDocument
        do {
            lock = try TranscriptLock.acquire(path, holder: .current(operator: CallIdentity.operatorName(option: nil)))
            document = try TranscriptFileReader.read(path: path)
        } catch {
            throw .unusableInput(error.description)
        }
        defer { lock.release() }
        guard let start = document.start else { throw .unusableInput("\(path): has no 'start' event") }
        let scriptPath: String
        if let given = parsed.value("script") {
            scriptPath = given
        } else {
            let root = Workspace.find(from: URL(fileURLWithPath: path).deletingLastPathComponent().path).root
            scriptPath = try ScriptFinder.find(id: start.script, sha256: start.scriptSHA256, in: root)
        }
        let loaded = try LoadedScript.load(scriptPath)
        // The database is chosen as `run` chose it, from the same folder.
        let databasePath = Workspace.forCall(script: loaded).databasePath(option: parsed.value("db"))
        let recorded = document.recordedEvents
        let startedAt = document.lines.first?.line.time ?? ""
        let (result, restored, unrecorded) = Replayer.restore(recorded, against: loaded.script, startedAt: startedAt,
                                                              statusTransitions: loaded.configuration?.transitions,
                                                              outcomes: loaded.configuration?.outcomes ?? [])
        if let divergence = result.divergence {
            throw .unusableInput("\(path):\(divergence.line): the script \(scriptPath) no longer fits this call: \(divergence.message)")
        }
        guard var session = restored else { throw .unusableInput("\(path): the call cannot be restored") }
        let screen = OperatorLanguage.choose(configured: loaded.configuration?.uiLanguage, callLanguage: start.language)
        session.ui = screen.ui
        if let notice = screen.notice { StandardOutput.error(notice) }
        if document.hasEnd {
            return try storeEndedCall(session, start: start, path: path, loaded: loaded, timing: .ended(document), databasePath: databasePath)
        }
        let (cardSession, store) = try CardSession.resume(start, databasePath: databasePath, configuration: loaded.configuration, script: loaded.script)
        // The task the call was taken for, taken again (refused, before
        // anything is written, if another operator holds it now).
        let task = try TaskResumption.retake(call: start.call, store: store, configuration: loaded.configuration, databasePath: databasePath, take: true)
        let writer: TranscriptFileWriter
        do {
            writer = try TranscriptFileWriter(path: path, mode: .resume(nextSeq: document.nextSeq))
        } catch {
            throw .unusableInput(error.description)
        }
        let presenter = CallPresenter(style: .detect(fd: 1), ui: screen.ui, outcomes: loaded.configuration?.outcomes ?? [])
        let count = session.answers.count
        StandardOutput.print(presenter.style.bold(count == 1 ? screen.ui(.resumingOneAnswer, start.call) : screen.ui(.resuming, start.call, String(count))))
        task?.banner(screen.ui).forEach(StandardOutput.print)
        presenter.history(session).forEach(StandardOutput.print)
        if document.tornLastLine { StandardOutput.error(screen.ui(.tornLastLine)) }
        let loop = CallLoop(session: session, writer: writer, reader: makeLineReader(), presenter: presenter, cardBase: start.cardData,
                            onInput: CallStarter.holdRenewal(task, store: cardSession.store))
        // What the crash cut off (the next question, or the end) is written
        // and shown first; an `ask` shows the question again.
        let finished = loop.run(initialEvents: unrecorded, showPromptFirst: unrecorded.isEmpty)
        // Talking time: the stretches before the crash, then from the resume.
        let timing = CallTiming.resumed(document, at: writer.resumedAt ?? Date())
        return CallStarter.finish(finished, loaded: loaded, transcript: path, timing: timing, cardSession: cardSession, databasePath: databasePath,
                                  task: task).exitStatus
    }

    /// A call that ended but whose record never reached the database (it was
    /// locked or unusable at the end): store it now. Safe to repeat.
    static func storeEndedCall(_ session: CallSession, start: CallStart, path: String, loaded: LoadedScript, timing: CallTiming, databasePath: String) throws(CommandError) -> Int32 {
        let (cardSession, store) = try CardSession.resume(start, databasePath: databasePath, configuration: loaded.configuration, script: loaded.script)
        if (try? store.call(start.call)) != nil {
            throw .unusableInput("\(path): this call has already ended and is stored in \(databasePath); there is nothing to resume")
        }
        guard case .ended = session.status else { throw .unusableInput("\(path): the call cannot be restored") }
        StandardOutput.print(session.ui(.endedNotStored, start.call))
        let task = try TaskResumption.retake(call: start.call, store: store, configuration: loaded.configuration, databasePath: databasePath, take: false)
        return CallStarter.finish(session, loaded: loaded, transcript: path, timing: timing, cardSession: cardSession, databasePath: databasePath,
                                  task: task).exitStatus
    }
}

/// Finds the script a transcript was recorded with, by its fingerprint.
enum ScriptFinder {
    static func find(id: String, sha256: String, in root: String) throws(CommandError) -> String {
        var sameID: [String] = []
        let skip: Set<String> = ["transcripts", ".build", ".git"]
        var queue: [(String, Int)] = [(root, 0)]
        while let (folder, depth) = queue.popLast() {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for entry in entries.sorted() where !entry.hasPrefix(".") || entry == "." {
                let path = (folder as NSString).appendingPathComponent(entry)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if depth < 4, !skip.contains(entry) { queue.append((path, depth + 1)) }
                    continue
                }
                guard entry.hasSuffix(".yaml") || entry.hasSuffix(".yml"), entry != Workspace.configurationName,
                      let data = FileManager.default.contents(atPath: path), data.count < 16 * 1024 * 1024 else { continue }
                let bytes = [UInt8](data)
                if SHA256.hex(bytes) == sha256 { return path }
                // A script with modules: its fingerprint covers them too (9.1).
                if bytes.count < 1 << 20, String(decoding: bytes, as: UTF8.self).contains("use:"),
                   let script = ModuleFiles.library(configuration: nil).load(bytes, path: path).script,
                   ScriptFingerprint.sha256(script: SHA256.hex(bytes), modules: script.modules) == sha256 {
                    return path
                }
                if let text = String(data: data, encoding: .utf8), text.contains("id: \(id)") { sameID.append(path) }
            }
        }
        if sameID.count == 1 { return sameID[0] }
        throw .unusableInput("cannot find the script '\(id)' this call was made with under \(root); name it with --script PATH")
    }
}

/// The task a resumed call was made for (`next`, `run --task`), found by
/// the call's id.
enum TaskResumption {
    /// - Parameter take: hold it again for the call (a call going on); an
    ///   ended call only settles it.
    static func retake(call: String, store: CardStore, configuration: WorkspaceConfiguration?, databasePath: String, take: Bool) throws(CommandError) -> TaskAssignment? {
        let directory = CentreDirectory(configuration, command: ResumeCommand.name)
        let retry = configuration?.workflow.retry ?? [:]
        return try CardCommand.attemptValue(databasePath) { () throws -> TaskAssignment? in
            guard let id = try store.taskWorked(byCall: call), var task = try store.task(id) else { return nil }
            if take {
                do {
                    task = try store.takeTask(id, operator: CallIdentity.operatorName(option: nil), callID: call)
                } catch TaskStoreError.closed {
                    // Closed by hand meanwhile: the call still counts as an attempt.
                } catch let error as TaskStoreError {
                    throw CommandError.unusableInput("\(error.description); this call is not resumed, so the client is not called twice at once")
                }
            }
            return TaskAssignment(task: task, callID: call, retry: retry, directory: directory)
        }
    }
}
