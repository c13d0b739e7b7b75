import CallGuide
import CallGuideStore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Journals a call's events to its transcript file as they happen: each
/// event is one line, written whole and fsync'd before `append` returns, so
/// a killed process loses at most the event being written (transcript spec,
/// section 1). New files are created with mode 0600, since they hold a
/// client's data.
public final class TranscriptFileWriter {
    /// How the file is opened.
    public enum Mode: Sendable, Equatable {
        /// A new call: the file must not exist yet (never overwrite a call).
        case create
        /// Continue an interrupted call's existing transcript; the next
        /// event gets `nextSeq`. A torn last line is cut off first, so the
        /// new lines do not glue onto it.
        case resume(nextSeq: Int)
    }

    public let path: String
    /// The `seq` the next appended event gets.
    public private(set) var nextSeq: Int
    private var descriptor: Int32
    private let clock: () -> Date

    /// Opens (or creates) the transcript at `path`, creating missing parent
    /// directories with mode 0700. `clock` gives each event's time; tests
    /// pass a fixed one.
    /// `permissions`: the owner's alone (0600, folders 0700) unless the
    /// workspace shares client files with a group (store.md 6).
    public init(path: String, mode: Mode = .create, permissions: FilePermissions = .ownerOnly,
                clock: @escaping () -> Date = Date.init) throws(TranscriptFileError) {
        self.path = path
        self.clock = clock
        let directory = SystemFile.directory(of: path)
        switch mode {
        case .create:
            try SystemFile.createDirectories(directory, for: path, permissions: permissions)
            descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_APPEND | O_CLOEXEC, permissions.fileMode)
            if descriptor < 0 { throw .system(path, "create", errno: errno) }
            if let code = permissions.apply(toDescriptor: descriptor) {
                SystemFile.closeDescriptor(descriptor)
                unlink(path)
                throw .system(path, "set the permissions of", errno: code)
            }
            nextSeq = 0
            SystemFile.syncDirectory(directory)
        case .resume(let seq):
            descriptor = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            if descriptor < 0 { throw .system(path, "open", errno: errno) }
            nextSeq = seq
            do {
                try cutTornTail()
            } catch {
                close()
                throw error
            }
        }
    }

    deinit {
        close()
    }

    /// Writes `event` as the next line, stamped with `seq` and the time, and
    /// syncs it to disk. Returns the line as written.
    @discardableResult
    public func append(_ event: CallEvent) throws(TranscriptFileError) -> TranscriptLine {
        guard descriptor >= 0 else { throw TranscriptFileError(path: path, message: "cannot write: the transcript is closed") }
        let line = TranscriptLine(seq: nextSeq, time: TranscriptCodec.isoTimestamp(clock()), event: event)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        JSONWriter.write(TranscriptCodec.jsonObject(line), into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        // A failed write is cut back off, so a later line never joins a
        // fragment and the file stays readable for replay and resume.
        let offset = lseek(descriptor, 0, SEEK_END)
        if let code = SystemFile.writeAll(descriptor, bytes) {
            if offset >= 0 { _ = ftruncate(descriptor, offset) }
            throw .system(path, "write", errno: code)
        }
        nextSeq += 1
        if let code = SystemFile.sync(descriptor) { throw .system(path, "sync", errno: code) }
        return line
    }

    /// Closes and removes a transcript nothing was written to (the call
    /// could not start), so no empty call is left behind.
    public func discard() {
        let empty = nextSeq == 0
        close()
        if empty {
            unlink(path)
            // The day's folder too, if the writer made it and it is empty.
            rmdir((path as NSString).deletingLastPathComponent)
        }
    }

    /// Closes the file; later appends fail. Closing twice is harmless.
    public func close() {
        if descriptor >= 0 {
            SystemFile.closeDescriptor(descriptor)
            descriptor = -1
        }
    }

    /// Truncates an unterminated last line, left by a process killed while
    /// writing, so the file ends at a line boundary.
    private func cutTornTail() throws(TranscriptFileError) {
        var status = stat()
        if fstat(descriptor, &status) != 0 { throw .system(path, "stat", errno: errno) }
        var end = Int(status.st_size)
        guard end > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        var lastByteChecked = false
        while end > 0 {
            let start = max(0, end - chunk.count)
            let wanted = end - start
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(start)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(path, "read", errno: errno)
            }
            guard count == wanted else { throw TranscriptFileError(path: path, message: "cannot read: the file changed while resuming") }
            if !lastByteChecked {
                if chunk[wanted - 1] == UInt8(ascii: "\n") { return }
                lastByteChecked = true
            }
            if let newline = chunk[0..<wanted].lastIndex(of: UInt8(ascii: "\n")) {
                end = start + newline + 1
                break
            }
            end = start
        }
        // A last line that is whole but lacks its newline (the process died
        // between the two) is kept: the reader accepts it, so it is finished.
        let size = Int(status.st_size)
        if size > end {
            var tail = [UInt8](repeating: 0, count: size - end)
            let count = tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, size - end, off_t(end)) }
            if count == size - end, (try? TranscriptCodec.decode(tail, lineNumber: 0)) != nil {
                if let code = SystemFile.writeAll(descriptor, [UInt8(ascii: "\n")]) { throw .system(path, "write", errno: code) }
                if let code = SystemFile.sync(descriptor) { throw .system(path, "sync", errno: code) }
                return
            }
        }
        if ftruncate(descriptor, off_t(end)) != 0 { throw .system(path, "truncate the torn last line of", errno: errno) }
        if let code = SystemFile.sync(descriptor) { throw .system(path, "sync", errno: code) }
    }
}
