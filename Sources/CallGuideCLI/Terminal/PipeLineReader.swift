import Glibc

/// Reads lines from a file descriptor that is not a terminal: a pipe or a file.
///
/// It uses read(2) directly rather than Swift's `readLine()`, which spins at
/// full CPU when a signal handler makes the underlying `getline` fail with
/// EINTR. It never prints a prompt, so piped runs produce only the REPL's
/// own output. Invalid UTF-8 is decoded leniently (U+FFFD), never fatally.
public final class PipeLineReader: LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Index in `buffer` of the first byte not yet returned.
    private var start = 0
    /// Index in `buffer` from which to keep looking for a newline, so a
    /// long line arriving in many chunks is scanned once, not quadratically.
    private var scanFrom = 0
    private var reachedEnd = false

    private static let chunkSize = 64 * 1024

    /// Reads from `fd` (standard input by default). The descriptor is not closed.
    public init(fd: Int32 = 0) {
        self.fd = fd
    }

    /// Returns the next line; `prompt` is ignored because nobody is watching.
    public func readLine(prompt: String) -> InputEvent {
        while true {
            if let newline = buffer[scanFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = takeLine(upTo: newline)
                start = newline + 1
                scanFrom = start
                compactIfWorthwhile()
                return .line(line)
            }
            scanFrom = buffer.count
            if reachedEnd || !fill() {
                reachedEnd = true
                guard start < buffer.count else { return .endOfInput }
                let line = takeLine(upTo: buffer.count)
                start = buffer.count
                scanFrom = start
                return .line(line)
            }
        }
    }

    /// Decodes bytes `start..<end`, dropping one trailing carriage return.
    private func takeLine(upTo end: Int) -> String {
        var last = end
        if last > start && buffer[last - 1] == UInt8(ascii: "\r") {
            last -= 1
        }
        return String(decoding: buffer[start..<last], as: UTF8.self)
    }

    /// Appends one read(2) worth of bytes; false at end of input or on error.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress, raw.count)
            }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count < 0 && errno == EINTR {
                continue
            }
            return false
        }
    }

    /// Drops consumed bytes once they make up most of the buffer.
    private func compactIfWorthwhile() {
        guard start > 0, start >= buffer.count / 2 else { return }
        buffer.removeFirst(start)
        start = 0
        scanFrom = 0
    }
}
