#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a file callguide was given by name (a script, a transcript, a
/// CSV), refusing anything that is not a regular file before reading a byte.
///
/// A FIFO would block the command forever and a device or `/proc` file
/// gives errors no operator can act on, so the file is opened without
/// blocking, checked with `fstat` on the open descriptor (no window between
/// the check and the read), and only then read.
enum RegularFile {
    /// Why a file cannot be read, as the end of a sentence after its path:
    /// `scripts/x.yaml: is a FIFO, not a regular file`.
    struct Problem: Error, Equatable {
        let reason: String
    }

    /// The whole file, or why it cannot be had. `maximumSize` is the most
    /// bytes accepted; a larger file is refused rather than read whole.
    static func read(_ path: String, maximumSize: Int = Int.max) -> Result<[UInt8], Problem> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if descriptor < 0 { return .failure(Problem(reason: openFailure(errno))) }
        defer { _ = close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) != 0 { return .failure(Problem(reason: "cannot be examined: \(SystemFile.describe(errno: errno))")) }
        if let kind = kind(of: status.st_mode) { return .failure(Problem(reason: kind)) }
        if Int64(status.st_size) > Int64(maximumSize) { return .failure(tooLarge(maximumSize)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: max(4096, min(Int(status.st_size) + 1, 1 << 20)))
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Problem(reason: "cannot be read: \(SystemFile.describe(errno: errno))"))
            }
            if count == 0 { return .success(bytes) }
            if bytes.count + count > maximumSize { return .failure(tooLarge(maximumSize)) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// nil for a regular file, else what the file is instead, as a reason.
    static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a folder, not a file"
        case S_IFIFO: return "is a FIFO (named pipe), not a regular file"
        case S_IFCHR: return "is a character device, not a regular file"
        case S_IFBLK: return "is a block device, not a regular file"
        case S_IFSOCK: return "is a socket, not a regular file"
        default: return "is not a regular file"
        }
    }

    /// What a failed `open` means for the operator.
    private static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case ENOTDIR: return "no such file (a part of the path is not a folder)"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "is a symbolic link loop"
        default: return "cannot be opened: \(SystemFile.describe(errno: code))"
        }
    }

    private static func tooLarge(_ maximumSize: Int) -> Problem {
        Problem(reason: "is larger than \(maximumSize / (1024 * 1024)) MiB")
    }
}
