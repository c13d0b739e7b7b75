import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a report file a command was asked for (`replay --junit FILE`) the
/// way compilers and test runners write their output files: into a regular
/// file at FILE, created or truncated in place, never by replacing whatever
/// stands at FILE. A symbolic link, a FIFO, a device, a socket, a folder or
/// a read-only file is refused, and every write error is reported, so a
/// report that was not written never passes for one that was (`/dev/full`).
///
/// Reports quote what operators typed, client data, so the file is made
/// readable by its owner only (0600, store.md section 6), also when it was
/// there before with a wider mode.
struct ReportFile {
    let path: String
    /// What the file is, for messages: `the JUnit report`.
    let role: String

    /// Why FILE cannot take the report, checked before the (possibly long)
    /// work that produces it, and again when writing.
    func refusal() -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT {
                var folder = stat()
                let directory = SystemFile.directory(of: path)
                if stat(directory.isEmpty ? "." : directory, &folder) != 0 || (folder.st_mode & S_IFMT) != S_IFDIR {
                    return "its folder \(directory) does not exist"
                }
                return nil
            }
            return SystemFile.describe(errno: errno)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return (status.st_mode & S_IWUSR) == 0 ? "it is read-only" : nil
        case S_IFLNK: return "it is a symbolic link; name the file itself"
        case S_IFDIR: return "it is a folder"
        case S_IFIFO: return "it is a FIFO, not a regular file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a regular file"
        case S_IFSOCK: return "it is a socket, not a regular file"
        default: return "it is not a regular file"
        }
    }

    /// Writes `bytes` as the whole file, synced to disk.
    func write(_ bytes: [UInt8]) throws(CommandError) {
        if let refusal = refusal() { throw failure(refusal) }
        var existing = stat()
        let created = lstat(path, &existing) != 0
        // O_NOFOLLOW: a symlink put there since the check is refused, not
        // followed; O_NONBLOCK: a FIFO cannot make open wait for a reader.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            let code = errno
            throw failure(code == ELOOP ? "it is a symbolic link; name the file itself" : SystemFile.describe(errno: code))
        }
        var written = false
        defer {
            SystemFile.closeDescriptor(descriptor)
            if !written && created { unlink(path) }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw failure("it is not a regular file")
        }
        if fchmod(descriptor, 0o600) != 0 { throw failure("cannot make it readable by its owner only: \(SystemFile.describe(errno: errno))") }
        if ftruncate(descriptor, 0) != 0 { throw failure(SystemFile.describe(errno: errno)) }
        if let code = SystemFile.writeAll(descriptor, bytes) ?? SystemFile.sync(descriptor) {
            _ = ftruncate(descriptor, 0)  // half a report must not pass for a whole one
            throw failure(SystemFile.describe(errno: code))
        }
        written = true
    }

    private func failure(_ reason: String) -> CommandError {
        .unusableInput("\(path): cannot write \(role): \(reason)")
    }
}
