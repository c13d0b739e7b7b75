import CallGuide
import Foundation

/// The operator's REPL: shows events, reads lines, journals every event to
/// the transcript before showing it, so nothing typed is ever lost.
final class CallLoop {
    private var session: CallSession
    private let writer: TranscriptFileWriter
    private let reader: LineReader
    private let presenter: CallPresenter
    private let cardBase: [String: Value]
    /// Set once a journal write has failed, so the operator is warned once.
    private var journalFailed = false

    init(session: CallSession, writer: TranscriptFileWriter, reader: LineReader, presenter: CallPresenter, cardBase: [String: Value]) {
        self.session = session
        self.writer = writer
        self.reader = reader
        self.presenter = presenter
        self.cardBase = cardBase
    }

    /// Runs the call to its end; returns the final session.
    /// - Parameter showPromptFirst: show the open question before reading
    ///   (a resumed call whose question was already journalled).
    func run(initialEvents: [CallEvent], showPromptFirst: Bool = false) -> CallSession {
        if showPromptFirst, let prompt = session.prompt {
            presenter.promptLines(prompt).forEach(StandardOutput.print)
        }
        record(initialEvents)
        while !session.isEnded {
            switch reader.readLine(prompt: presenter.promptString(session.prompt)) {
            case .line(let line):
                handle(line)
            case .interrupted:
                StandardOutput.print("")
            case .endOfInput:
                record(session.endOfInput())
            }
        }
        writer.close()
        return session
    }

    private func handle(_ line: String) {
        if case .command(let name, _) = OperatorInput(line: line), OperatorInput.displayCommands.contains(name) {
            let lines: [String]
            switch name {
            case "help": lines = presenter.help(for: session.script)
            case "history": lines = presenter.history(session)
            default: lines = presenter.card(base: cardBase, session: session)
            }
            lines.forEach(StandardOutput.print)
            return
        }
        record(session.handle(line))
    }

    /// Journals, then shows, each event.
    private func record(_ events: [CallEvent]) {
        for event in events {
            do {
                try writer.append(event)
            } catch {
                if !journalFailed {
                    StandardOutput.error("callguide: the transcript cannot be written (\(error.description)); the call goes on and is stored at the end")
                }
                journalFailed = true
            }
            presenter.lines(for: event, session: session).forEach(StandardOutput.print)
        }
    }
}
