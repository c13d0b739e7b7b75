import CallGuide
import Foundation

/// Starts (or resumes) a call: card, context, transcript, REPL, and the
/// call's record stored at the end.
enum CallStarter {
    static func runNewCall(_ loaded: LoadedScript, workspace: Workspace, options: CallOptions, reader: LineReader? = nil) throws(CommandError) -> CallEnd {
        let now = Date()
        let callID = CallIdentity.newCallID(at: now)
        let today = CallIdentity.localDate(now)
        let cardSession = try CardSession.open(key: options.card, databasePath: options.database, configuration: loaded.configuration, script: loaded.script)
        let context = CallContext(
            callID: callID, operator: CallIdentity.operatorName(option: options.operator),
            language: options.language ?? loaded.script.language, today: today,
            started: TranscriptCodec.isoTimestamp(now), scriptSHA256: loaded.sha256,
            cardID: cardSession?.cardID, cardData: cardSession?.cardData ?? [:],
            statusTransitions: loaded.configuration?.transitions)
        let path = options.transcript ?? CallIdentity.transcriptPath(workspace: workspace.root, date: today, callID: callID)
        let writer: TranscriptFileWriter
        do {
            writer = try TranscriptFileWriter(path: path)
        } catch {
            throw .unusableInput("\(error.description)")
        }
        let presenter = CallPresenter(style: .detect(fd: 1))
        cardSession?.show(presenter: presenter)
        var session = CallSession(script: loaded.script, context: context)
        let first = session.start()
        let loop = CallLoop(session: session, writer: writer, reader: reader ?? makeLineReader(), presenter: presenter, cardBase: context.cardData)
        session = loop.run(initialEvents: first)
        return finish(session, loaded: loaded, transcript: path, started: now, cardSession: cardSession, databasePath: options.database)
    }

    /// Stores the call's record and card changes, and tells the operator.
    static func finish(_ session: CallSession, loaded: LoadedScript, transcript: String, started: Date, cardSession: CardSession?, databasePath: String) -> CallEnd {
        guard case .ended(let end) = session.status else {
            return CallEnd(node: nil, outcome: "abandoned", answers: [], cardChanges: [])
        }
        CallRecorder.store(session, end: end, loaded: loaded, transcript: transcript, started: started,
                           cardSession: cardSession, databasePath: databasePath)
        StandardOutput.error("Transcript: \(transcript)")
        return end
    }
}
