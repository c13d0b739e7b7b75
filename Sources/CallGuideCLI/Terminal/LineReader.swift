/// What the operator's input produced for one prompt.
///
/// The REPL needs to tell an answer apart from "abandon this answer"
/// (Ctrl-C, which must never end the call) and from "no more input"
/// (Ctrl-D on a terminal, or the end of a piped file).
public enum InputEvent: Equatable, Sendable {
    /// One line of text, without its line terminator.
    case line(String)
    /// Ctrl-C: the current line is abandoned; the caller re-prompts.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input stream.
    case endOfInput
}

/// A source of operator input, one line per call.
///
/// A protocol so the REPL behaves identically on a terminal (line editing,
/// history) and with standard input piped from a file (tests, scripted runs).
public protocol LineReader: AnyObject {
    /// Shows `prompt` (when the reader is interactive) and waits for one line.
    func readLine(prompt: String) -> InputEvent
}
