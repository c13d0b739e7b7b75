import CEdit
import Glibc

/// Reads lines from a terminal through libedit: line editing, an in-memory
/// history of entered lines (up-arrow recalls them), and UTF-8 text.
///
/// Ctrl-C abandons the line being typed and yields `.interrupted` instead of
/// killing the REPL mid-call: while the reader exists it installs a SIGINT
/// handler without `SA_RESTART`, so libedit's read(2) fails with EINTR and
/// `el_gets` returns. Ctrl-C while the REPL is busy between two reads is
/// ignored rather than fatal. Ctrl-D on an empty line yields `.endOfInput`.
/// Create one reader at a time: the SIGINT handler is process-wide, and the
/// previous handler is restored when the reader is released.
public final class EditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    private var previousSigint = sigaction()
    private var lastEntered: String?

    /// libedit asks for the prompt through a C function pointer, which cannot
    /// capture context, so the current prompt lives in this static storage.
    /// `nonisolated(unsafe)` is sound here: the REPL is single-threaded, the
    /// value is only written by `readLine` just before it calls `el_gets` on
    /// the same thread, and only read by libedit inside that call.
    private nonisolated(unsafe) static var promptStorage: UnsafeMutablePointer<CChar>?

    /// Marks the start and end of invisible characters (colour escapes) in
    /// the prompt, so libedit does not count them as columns.
    private static let invisibleDelimiter: CChar = 1

    /// Creates a reader on the terminal `input`, echoing to the terminal
    /// `output`; nil when libedit cannot be set up on them.
    public init?(input: Int32 = 0, output: Int32 = 1) {
        Self.selectUTF8Locale()
        let inCopy = dup(input)
        let outCopy = dup(output)
        guard inCopy >= 0, outCopy >= 0,
            let inFile = fdopen(inCopy, "r"),
            let outFile = fdopen(outCopy, "w")
        else {
            if inCopy >= 0 { close(inCopy) }
            if outCopy >= 0 { close(outCopy) }
            return nil
        }
        guard let editLine = el_init("callguide", inFile, outFile, outFile) else {
            fclose(inFile)
            fclose(outFile)
            return nil
        }
        guard let history = history_init() else {
            el_end(editLine)
            fclose(inFile)
            fclose(outFile)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.inputFile = inFile
        self.outputFile = outFile
        _ = cedit_history_set_size(history, 500)
        _ = cedit_set_history(editLine, history)
        _ = cedit_set_editor(editLine, "emacs")
        _ = cedit_set_prompt_esc(
            editLine,
            { _ in EditLineReader.promptStorage ?? EditLineReader.emptyPrompt },
            Self.invisibleDelimiter)
        // The operator's ~/.editrc (e.g. `bind -v` for vi keys), when present.
        _ = el_source(editLine, nil)
        installInterruptHandler()
    }

    deinit {
        // el_end restores the terminal's original mode; without it a crash
        // between calls could leave the shell in raw mode.
        el_end(editLine)
        history_end(history)
        fclose(inputFile)
        fclose(outputFile)
        sigaction(SIGINT, &previousSigint, nil)
    }

    public func readLine(prompt: String) -> InputEvent {
        // Anything the REPL printed must reach the screen before the prompt.
        fflush(nil)
        setPrompt(prompt)
        var count: Int32 = 0
        errno = 0
        let text = el_gets(editLine, &count)
        let readError = errno
        guard let text, count > 0 else {
            if count < 0 && readError == EINTR {
                // The terminal echoes nothing for ^C in raw mode: finish the
                // abandoned line so the next prompt starts on a fresh one.
                fputs("\n", outputFile)
                fflush(outputFile)
                return .interrupted
            }
            // libedit shows ^D without a line break; end the line for whatever
            // is printed next (a farewell, or the shell's prompt).
            fputs("\n", outputFile)
            fflush(outputFile)
            return .endOfInput
        }
        var line = String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
        if line.hasSuffix("\n") {
            line.removeLast()
        }
        remember(line)
        return .line(line)
    }

    /// Adds a line to the history, skipping blanks and immediate repeats.
    private func remember(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }), line != lastEntered else { return }
        _ = cedit_history_enter(history, line)
        lastEntered = line
    }

    private func setPrompt(_ prompt: String) {
        free(Self.promptStorage)
        // The prompt reaches the terminal through libedit, not StandardOutput:
        // the same filter applies (a node or handler name is script text).
        Self.promptStorage = strdup(Self.markInvisible(TerminalText.forTerminal(prompt)))
    }

    private nonisolated(unsafe) static let emptyPrompt: UnsafeMutablePointer<CChar> = strdup("")!

    /// Wraps each ANSI escape sequence in the prompt in the invisible
    /// delimiter, so coloured prompts keep the cursor where libedit thinks.
    static func markInvisible(_ prompt: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1}" { continue }
            if scalar == "\u{1b}" && !inEscape {
                inEscape = true
                result.unicodeScalars.append("\u{1}")
                result.unicodeScalars.append(scalar)
                continue
            }
            result.unicodeScalars.append(scalar)
            if inEscape, scalar != "[", (0x40...0x7E).contains(scalar.value) {
                inEscape = false
                result.unicodeScalars.append("\u{1}")
            }
        }
        if inEscape {
            result.unicodeScalars.append("\u{1}")
        }
        return result
    }

    /// Installs a do-nothing SIGINT handler without SA_RESTART: its only job
    /// is to make the blocked read(2) inside `el_gets` fail with EINTR.
    private func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, &previousSigint)
    }

    /// libedit decodes typed bytes with the C library's multibyte functions;
    /// in the default "C" locale it drops every non-ASCII byte. Use the
    /// environment's locale when it is UTF-8, else C.UTF-8.
    private static func selectUTF8Locale() {
        if setlocale(LC_CTYPE, "") != nil, isUTF8Codeset() { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }

    private static func isUTF8Codeset() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
