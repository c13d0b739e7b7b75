#if canImport(Glibc)
import Glibc
#endif

/// Writes to the process's standard streams with write(2), retrying on
/// EINTR and partial writes, so output is never garbled or lost.
enum StandardOutput {
    static func write(_ text: String, to fd: Int32 = 1) {
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
