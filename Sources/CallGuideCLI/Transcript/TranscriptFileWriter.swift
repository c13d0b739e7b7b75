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
///
/// A line that cannot be written (the disk is full) is held, stamped with
/// its `seq` and time, and written again, in order, before any later line:
/// later events queue behind it, so the transcript never has a hole (a
/// skipped event would make replay report a script change and `resume`
/// refuse the call). The file itself is reached through a `TranscriptSink`,
/// so tests can make writes fail at will.
public final class TranscriptFileWriter {
    /// How the file is opened.
    public enum Mode: Sendable, Equatable {
        /// A new call: the file must not exist yet (never overwrite a call).
        case create
        /// Continue an interrupted call's existing transcript; the next
        /// event gets `nextSeq`. A torn last line is cut off first, so the
        /// new lines do not glue onto it. The first line written carries
        /// the moment of the resume (`TranscriptLine.resumed`).
        case resume(nextSeq: Int)
    }

    public let path: String
    /// Whether each line is synced to disk as it is written (a live call),
    /// or the file once, by `finish` (`cases`, which writes whole calls it
    /// can make again: a sync per line cost it seconds).
    public var syncsEachLine = true
    /// The `seq` the next appended event gets.
    public private(set) var nextSeq: Int
    /// Lines stamped but not yet in the file, oldest first: each `append`
    /// writes them before its own line.
    public private(set) var held: [TranscriptLine] = []
    private let sink: TranscriptSink
    private let clock: () -> Date
    /// When a resume took the call up again: talking time restarts here.
    public let resumedAt: Date?
    /// Stamped on the next line (the first a resume writes).
    private var resumedStamp: String?

    /// Opens (or creates) the transcript at `path`. `createsFolders`: create
    /// missing parent directories (mode 0700), for callguide's own
    /// transcripts folder; a path the user named must have its folder
    /// already (a typo never leaves folders behind). `clock` gives each
    /// event's time; tests pass a fixed one.
    /// `permissions`: the owner's alone (0600, folders 0700) unless the
    /// workspace shares client files with a group (store.md 6).
    public convenience init(path: String, mode: Mode = .create, permissions: FilePermissions = .ownerOnly, createsFolders: Bool = true,
                            clock: @escaping () -> Date = Date.init) throws(TranscriptFileError) {
        let directory = SystemFile.directory(of: path)
        let sink: TranscriptFileSink
        switch mode {
        case .create:
            if createsFolders {
                try SystemFile.createDirectories(directory, for: path, permissions: permissions)
            } else if let problem = SystemFile.missingFolder(directory) {
                throw TranscriptFileError(path: path, message: "cannot create: \(problem)")
            }
            let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_APPEND | O_CLOEXEC, permissions.fileMode)
            if descriptor < 0 { throw .system(path, "create", errno: errno) }
            if let code = permissions.apply(toDescriptor: descriptor) {
                SystemFile.closeDescriptor(descriptor)
                unlink(path)
                throw .system(path, "set the permissions of", errno: code)
            }
            sink = TranscriptFileSink(descriptor: descriptor)
            SystemFile.syncDirectory(directory)
            self.init(path: path, sink: sink, nextSeq: 0, resumed: nil, clock: clock)
        case .resume(let seq):
            let descriptor = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            if descriptor < 0 { throw .system(path, "open", errno: errno) }
            sink = TranscriptFileSink(descriptor: descriptor)
            do {
                try Self.cutTornTail(descriptor, path: path)
            } catch {
                sink.close()
                throw error
            }
            self.init(path: path, sink: sink, nextSeq: seq, resumed: clock(), clock: clock)
        }
    }

    /// A writer onto any sink: what tests use to make writes fail.
    /// `resumed`, when given, is stamped on the first line.
    init(path: String, sink: TranscriptSink, nextSeq: Int, resumed: Date?, clock: @escaping () -> Date) {
        self.path = path
        self.sink = sink
        self.nextSeq = nextSeq
        self.resumedAt = resumed
        self.resumedStamp = resumed.map(TranscriptCodec.isoTimestamp)
        self.clock = clock
    }

    deinit {
        close()
    }

    /// Stamps `event` as the next line (its `seq` and the time now), then
    /// writes every held line and this one, in order, each synced to disk.
    /// On failure the unwritten lines stay held (`held`) and are written
    /// first by the next `append` or `flush`; the error says why.
    /// Returns the line as stamped.
    @discardableResult
    public func append(_ event: CallEvent) throws(TranscriptFileError) -> TranscriptLine {
        guard sink.isOpen else { throw TranscriptFileError(path: path, message: "cannot write: the transcript is closed") }
        let line = TranscriptLine(seq: nextSeq, time: TranscriptCodec.isoTimestamp(clock()), event: event, resumed: resumedStamp)
        resumedStamp = nil
        nextSeq += 1
        held.append(line)
        try flush()
        return line
    }

    /// Writes the held lines in order, stopping at the first that fails
    /// (it stays first in line). A line the sink took but could not sync
    /// is in the file: it is not written twice, but the error is reported.
    public func flush() throws(TranscriptFileError) {
        guard sink.isOpen else {
            if held.isEmpty { return }
            throw TranscriptFileError(path: path, message: "cannot write: the transcript is closed")
        }
        while let line = held.first {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(256)
            JSONWriter.write(TranscriptCodec.jsonObject(line), into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
            if let code = sink.appendLine(bytes) { throw .system(path, "write", errno: code) }
            held.removeFirst()
            if syncsEachLine, let code = sink.sync() { throw .system(path, "sync", errno: code) }
        }
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

    /// Writes what is held, syncs the file once and closes it: the end of
    /// a writer that does not sync each line.
    public func finish() throws(TranscriptFileError) {
        defer { close() }
        try flush()
        if sink.isOpen, let code = sink.sync() { throw .system(path, "sync", errno: code) }
    }

    /// Closes the file; later appends fail. Closing twice is harmless.
    /// Lines still held are not written: `held` says which.
    public func close() {
        sink.close()
    }

    /// Truncates an unterminated last line, left by a process killed while
    /// writing, so the file ends at a line boundary.
    private static func cutTornTail(_ descriptor: Int32, path: String) throws(TranscriptFileError) {
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

/// Where a transcript's lines go. Each `appendLine` adds one whole line or
/// nothing: a failed write leaves the sink as it was, so a retry cannot
/// glue onto a fragment.
protocol TranscriptSink: AnyObject {
    var isOpen: Bool { get }
    /// Appends `bytes`; nil on success, else the `errno`.
    func appendLine(_ bytes: [UInt8]) -> Int32?
    /// Makes the lines durable; nil on success, else the `errno`.
    func sync() -> Int32?
    func close()
}

/// The transcript file, opened for appending.
final class TranscriptFileSink: TranscriptSink {
    private var descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close()
    }

    var isOpen: Bool { descriptor >= 0 }

    func appendLine(_ bytes: [UInt8]) -> Int32? {
        guard descriptor >= 0 else { return EBADF }
        // A write cut short (the disk filled up mid-line) is cut back off.
        let offset = lseek(descriptor, 0, SEEK_END)
        guard let code = SystemFile.writeAll(descriptor, bytes) else { return nil }
        if offset >= 0 { _ = ftruncate(descriptor, offset) }
        return code
    }

    func sync() -> Int32? {
        guard descriptor >= 0 else { return EBADF }
        return SystemFile.sync(descriptor)
    }

    func close() {
        if descriptor >= 0 {
            SystemFile.closeDescriptor(descriptor)
            descriptor = -1
        }
    }
}
