import CallGuide
import CallGuideStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long listing written a piece at a time (a million calls in flat
/// memory): to standard output, or to `--output FILE` the way
/// `ClientFiles.writeOutput` writes a whole text (a new file with the
/// permissions' mode beside the path, synced, renamed over it at `finish`,
/// so a reader never sees half of it). Pieces are gathered to 64 KiB
/// before each write.
final class StreamedOutput {
    private let path: String?
    private let temporary: String?
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var pending = ""
    private var failure: Int32?

    init(output path: String?, configuration: WorkspaceConfiguration?) throws(CommandError) {
        self.path = path
        guard let path else {
            temporary = nil
            descriptor = 1
            return
        }
        let permissions = try ClientFiles.permissions(configuration)
        var existing = stat()
        if lstat(path, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG {
            throw .unusableInput("\(path): is not a regular file; give --output a file name")
        }
        try ClientFiles.createFolders(SystemFile.directory(of: path), permissions: permissions)
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, permissions.fileMode)
        guard descriptor >= 0 else {
            throw .unusableInput("\(path): cannot be written (\(SystemFile.describe(errno: errno)))")
        }
        self.temporary = temporary
        self.descriptor = descriptor
        failure = permissions.apply(toDescriptor: descriptor)
    }

    func write(_ text: String) {
        if path == nil {
            pending += text
            if pending.utf8.count >= 65_536 { flush() }
        } else {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 65_536 { flush() }
        }
    }

    private func flush() {
        if path == nil {
            StandardOutput.write(pending)
            pending = ""
        } else {
            if failure == nil { failure = SystemFile.writeAll(descriptor, buffer) }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is left; for a file, syncs it and puts it in place.
    func finish() throws(CommandError) {
        flush()
        guard let path, let temporary else { return }
        try ClientFiles.putInPlace(descriptor, temporary: temporary, at: path, failure: failure)
    }

    /// A listing stopped by an error leaves no file behind.
    func abandon() {
        guard let temporary else { return }
        SystemFile.closeDescriptor(descriptor)
        unlink(temporary)
    }
}
