import CallGuide
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a transcript for the life of a call (`run` and
/// `resume`), so two processes never append to one transcript: a second
/// `resume` of a live call, or two `resume`s at once, would interleave
/// `seq` numbers and write two `end`s.
///
/// The lock is `flock(2)` on the transcript itself: the kernel drops it
/// when the process dies, so a call killed by a crash or a power cut can
/// be resumed at once, with no stale lock to clear. Who holds it (pid,
/// operator, host, since when) is written beside it in `TRANSCRIPT.lock`,
/// a small sidecar removed when the call ends, so the refusal can say who
/// to ask; a sidecar left by a killed process is only read while the lock
/// is actually held, so it never blocks anyone.
public final class TranscriptLock {
    /// Who holds a transcript's lock.
    public struct Holder: Equatable, Sendable {
        public var pid: Int32
        public var `operator`: String
        public var host: String
        /// ISO 8601 UTC, when the lock was taken.
        public var since: String

        public init(pid: Int32, operator name: String, host: String, since: String) {
            self.pid = pid
            self.operator = name
            self.host = host
            self.since = since
        }

        /// This process, as `operator` on this host, now.
        public static func current(operator name: String) -> Holder {
            var buffer = [UInt8](repeating: 0, count: 256)
            let named = buffer.withUnsafeMutableBytes { gethostname($0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count - 1) } == 0
            let host = named ? String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self) : "?"
            return Holder(pid: getpid(), operator: name, host: host, since: TranscriptCodec.isoTimestamp(Date()))
        }

        /// `pid 1234, operator Ann on host desk-7, since 2026-...Z`.
        public var description: String {
            TerminalText.sanitize("pid \(pid), operator \(self.operator) on host \(host), since \(since)")
        }

        var json: JSONValue {
            .object([("pid", .number(Decimal(Int(pid)))), ("operator", .string(self.operator)),
                     ("host", .string(host)), ("since", .string(since))])
        }

        init?(json: JSONValue) {
            guard case .object(let members) = json else { return nil }
            var fields: [String: JSONValue] = [:]
            for (key, value) in members { fields[key] = value }
            guard case .number(let pid)? = fields["pid"], pid >= 1, pid <= Decimal(Int(Int32.max)),
                  case .string(let name)? = fields["operator"], case .string(let host)? = fields["host"],
                  case .string(let since)? = fields["since"] else { return nil }
            self.init(pid: Int32(truncating: NSDecimalNumber(decimal: pid)), operator: name, host: host, since: since)
        }
    }

    public let path: String
    private var descriptor: Int32
    /// Where this lock's holder note is.
    private let sidecar: String

    /// The sidecar naming the holder, beside the file itself (a transcript
    /// reached through a symbolic link gets the same sidecar).
    static func sidecarPath(for path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path + ".lock" }
        defer { free(resolved) }
        return String(decoding: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)), as: UTF8.self) + ".lock"
    }

    /// Takes the lock without waiting. A transcript already locked is an
    /// error naming its holder; nothing is written then.
    public static func acquire(_ path: String, holder: Holder) throws(TranscriptFileError) -> TranscriptLock {
        // O_NONBLOCK: a FIFO at the path cannot make this wait; it is refused below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if descriptor < 0 { throw .system(path, "open", errno: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            SystemFile.closeDescriptor(descriptor)
            throw TranscriptFileError(path: path, message: "is not a regular file, not a transcript")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            SystemFile.closeDescriptor(descriptor)
            if code == EWOULDBLOCK {
                let who = readHolder(of: path).map(\.description) ?? "another callguide process"
                var error = TranscriptFileError(path: path, message: "this call is in use by \(who); it cannot be taken over while that process runs")
                error.heldByAnother = true
                throw error
            }
            throw .system(path, "lock", errno: code)
        }
        let lock = TranscriptLock(path: path, descriptor: descriptor, sidecar: sidecarPath(for: path))
        lock.writeSidecar(holder)
        return lock
    }

    private init(path: String, descriptor: Int32, sidecar: String) {
        self.path = path
        self.descriptor = descriptor
        self.sidecar = sidecar
    }

    deinit {
        release()
    }

    /// Removes the sidecar, then drops the lock (in that order, so a
    /// process that takes the lock next never has its sidecar removed).
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(sidecar)
        SystemFile.closeDescriptor(descriptor)
        descriptor = -1
    }

    /// The holder recorded beside a transcript, if it is a small regular
    /// file that reads as one (never waiting on a FIFO put there).
    static func readHolder(of path: String) -> Holder? {
        let descriptor = open(sidecarPath(for: path), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { SystemFile.closeDescriptor(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        guard count > 0, count < bytes.count, let json = try? JSONParser.parse(Array(bytes[0..<count])) else { return nil }
        return Holder(json: json)
    }

    /// Best effort: the lock holds without it; only the refusal message
    /// of a second process is poorer.
    private func writeSidecar(_ holder: Holder) {
        let descriptor = open(sidecar, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { SystemFile.closeDescriptor(descriptor) }
        var bytes: [UInt8] = []
        JSONWriter.write(holder.json, into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        _ = SystemFile.writeAll(descriptor, bytes)
    }
}
