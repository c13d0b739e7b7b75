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
    /// Called after each line the operator enters (renews a task's hold).
    private let onInput: (() -> Void)?
    /// Whether lines are held because the transcript could not be written:
    /// the operator is told when that starts and when it is over.
    private var journalFailing = false

    init(session: CallSession, writer: TranscriptFileWriter, reader: LineReader, presenter: CallPresenter, cardBase: [String: Value],
         onInput: (() -> Void)? = nil) {
        self.session = session
        self.onInput = onInput
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
                if !session.isEnded { onInput?() }
            case .interrupted:
                StandardOutput.print("")
            case .endOfInput:
                record(session.endOfInput())
            }
        }
        finishJournal()
        writer.close()
        return session
    }

    /// The call is over: lines still held get a few more tries (a moment
    /// for space to be freed); any that still cannot be written are shown
    /// on stderr, whole, so nothing is lost.
    private func finishJournal() {
        for attempt in 0..<3 where !writer.held.isEmpty {
            if attempt > 0 { usleep(500_000) }
            do {
                try writer.flush()
                catchUpMessage()
            } catch {
                continue
            }
        }
        guard !writer.held.isEmpty else { return }
        StandardOutput.error(session.ui(.transcriptLostLines, writer.path, String(writer.held.count)))
        for line in writer.held { StandardOutput.error(TerminalText.sanitize(TranscriptCodec.encode(line))) }
    }

    private func catchUpMessage() {
        if journalFailing && writer.held.isEmpty {
            StandardOutput.error(session.ui(.transcriptCaughtUp))
            journalFailing = false
        }
    }

    private func handle(_ line: String) {
        if case .command(let name, _) = OperatorInput(line: line), OperatorInput.displayCommands.contains(name) {
            let lines: [String]
            switch name {
            case "help": lines = presenter.help(for: session.script, language: session.context.language)
            case "history": lines = presenter.history(session)
            default: lines = presenter.card(base: cardBase, session: session)
            }
            lines.forEach(StandardOutput.print)
            return
        }
        record(session.handle(line))
    }

    /// Journals, then shows, each event. An event the transcript cannot
    /// take is held and written, in order, before any later one.
    private func record(_ events: [CallEvent]) {
        for event in events {
            do {
                try writer.append(event)
                catchUpMessage()
            } catch {
                if !journalFailing {
                    StandardOutput.error(session.ui(.transcriptFailing, error.description))
                }
                journalFailing = !writer.held.isEmpty
            }
            presenter.lines(for: event, session: session).forEach(StandardOutput.print)
        }
    }
}
