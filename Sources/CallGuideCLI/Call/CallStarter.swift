import CallGuide
import CallGuideStore
import Foundation

/// Starts (or resumes) a call: card, context, transcript, REPL, and the
/// call's record stored at the end.
enum CallStarter {
    static func runNewCall(_ loaded: LoadedScript, workspace: Workspace, options: CallOptions, reader: LineReader? = nil) throws(CommandError) -> CallResult {
        let now = Date()
        let callID = options.callID ?? CallIdentity.newCallID(at: now)
        let zone = loaded.configuration?.workflow.timeZone ?? .current
        let today = CalendarDate(instant: now, in: zone).description
        let path = options.transcript ?? CallIdentity.transcriptPath(workspace: workspace.root, date: today, callID: callID)
        // The start line carries the call's start time: replay and resume
        // read `call.started` from it.
        // A database that can never be used is refused before the
        // transcript (and its folder) is made.
        if let problem = DatabasePath.problem(options.database) { throw .unusableInput("\(options.database): \(problem)") }
        let startStamp = StartClock(start: now)
        let permissions = try ClientFiles.permissions(loaded.configuration)
        let writer: TranscriptFileWriter
        do {
            // Only callguide's own transcripts folder is created; a --transcript
            // path must name an existing folder.
            writer = try TranscriptFileWriter(path: path, permissions: permissions, createsFolders: options.transcript == nil, clock: startStamp.next)
        } catch {
            throw .unusableInput("\(error.description)")
        }
        let operatorName = CallIdentity.operatorName(option: options.operator)
        // Held until the call is stored: no `resume` may take it over.
        let lock: TranscriptLock
        do {
            lock = try TranscriptLock.acquire(path, holder: .current(operator: operatorName))
        } catch {
            writer.discard()
            throw .unusableInput("\(error.description)")
        }
        defer { lock.release() }
        let screen = OperatorLanguage.choose(configured: loaded.configuration?.uiLanguage, callLanguage: options.language)
        if let notice = screen.notice { StandardOutput.error(notice) }
        let cardSession: CardSession
        do {
            cardSession = try CardSession.open(key: options.card, databasePath: options.database, configuration: loaded.configuration,
                                               script: loaded.script, ui: screen.ui)
        } catch {
            lock.release()  // its note goes first, so discard can remove the day's empty folder
            writer.discard()
            throw error
        }
        let history = CallHistory.read(cardSession, script: loaded.script)
        var context = CallContext(
            callID: callID, operator: operatorName,
            language: options.language ?? loaded.script.language, today: today,
            started: TranscriptCodec.isoTimestamp(now), scriptSHA256: loaded.sha256,
            cardID: cardSession.cardID, cardData: cardSession.cardData,
            statusTransitions: loaded.configuration?.transitions, now: LocalDateTime(instant: now, in: zone).description,
            last: history.last, task: options.task?.context, cardCalls: history.cardCalls,
            outcomes: loaded.configuration?.outcomes ?? [], cardKey: cardSession.unreadKey)
        context.modules = ScriptFingerprint.moduleHashes(loaded.script.modules)
        let presenter = CallPresenter(style: .detect(fd: 1), ui: screen.ui, outcomes: loaded.configuration?.outcomes ?? [])
        cardSession.show(presenter: presenter)
        options.task?.banner(screen.ui).forEach(StandardOutput.print)
        var session = CallSession(script: loaded.script, context: context)
        session.ui = screen.ui
        let first = session.start()
        let loop = CallLoop(session: session, writer: writer, reader: reader ?? makeLineReader(), presenter: presenter, cardBase: context.cardData,
                            onInput: holdRenewal(options.task, store: cardSession.store))
        session = loop.run(initialEvents: first)
        return finish(session, loaded: loaded, transcript: path, timing: .oneStretch(started: now), cardSession: cardSession,
                      databasePath: options.database, task: options.task)
    }

    /// Keeps the task held while the operator answers (a lapsed hold would
    /// let another operator take it mid-call). A store that cannot be
    /// reached for a moment costs nothing here: the next answer renews.
    static func holdRenewal(_ task: TaskAssignment?, store: CardStore?) -> (() -> Void)? {
        guard let task, let store else { return nil }
        return { try? store.renewHold(task: task.task.id, callID: task.callID) }
    }

    /// Stores the call's record and card changes, and tells the operator.
    static func finish(_ session: CallSession, loaded: LoadedScript, transcript: String, timing: CallTiming, cardSession: CardSession, databasePath: String,
                       task: TaskAssignment? = nil) -> CallResult {
        guard case .ended(let end) = session.status else {
            return CallResult(end: CallEnd(node: nil, outcome: "abandoned", answers: [], cardChanges: []), stored: false)
        }
        let stored = CallRecorder.store(session, end: end, loaded: loaded, transcript: transcript, timing: timing,
                                        cardSession: cardSession, databasePath: databasePath, task: task)
        StandardOutput.error(session.ui(.transcriptAt, transcript))
        return CallResult(end: end, stored: stored)
    }
}

/// How a call ended, and whether its record reached the database.
struct CallResult {
    let end: CallEnd
    let stored: Bool

    /// cli.md: 2 when the database could not be used (the transcript keeps
    /// the call; `resume` stores it later), 1 for outcome `error`, else 0.
    var exitStatus: Int32 {
        if !stored { return 2 }
        return end.outcome == "error" ? 1 : 0
    }
}

/// The transcript's clock: the first line (the `start` event) carries the
/// call's start time exactly, later lines the time they are written.
final class StartClock: @unchecked Sendable {
    private var first: Date?

    init(start: Date) { first = start }

    func next() -> Date {
        if let start = first {
            first = nil
            return start
        }
        return Date()
    }
}
