#if canImport(Glibc)
import Glibc
#endif

/// Writes to the process's standard streams with write(2), retrying on
/// EINTR and partial writes, so output is never garbled or lost.
///
/// Whatever goes to a terminal passes through `TerminalText.forTerminal`
/// first: no path (a table, an error naming a file, a CSV export, JSON) can
/// send the terminal a control sequence, whether or not its call site
/// cleaned customer data. Output to a pipe or file is written byte for byte.
enum StandardOutput {
    /// Whether standard output and standard error are terminals, asked once.
    private static let isTerminal: [Bool] = [isatty(1) == 1, isatty(2) == 1]

    /// Whether `fd` (1 or 2) is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool {
        (1...2).contains(fd) ? isTerminal[Int(fd) - 1] : isatty(fd) == 1
    }

    static func write(_ text: String, to fd: Int32 = 1) {
        writeUnfiltered(isTerminal(fd) ? TerminalText.forTerminal(text) : text, to: fd)
    }

    /// Writes `text` as it is, even to a terminal: only for callguide's own
    /// fixed control sequences (the progress line's carriage return and
    /// erase), never for anything that holds data.
    static func writeUnfiltered(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    static func print(_ text: String) { write(text + "\n", to: 1) }
    static func error(_ text: String) { write(text + "\n", to: 2) }
}
