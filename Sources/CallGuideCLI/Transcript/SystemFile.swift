import CallGuideStore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations transcripts need, with `EINTR` and partial
/// transfers handled once, here, rather than at every call site.
enum SystemFile {
    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// Writes all of `bytes`, retrying on `EINTR` and continuing after
    /// partial writes. Returns the `errno` of a failure, nil on success.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    /// `close(2)`; named apart so types with a `close()` method can call it.
    static func closeDescriptor(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    /// `fsync`, retrying on `EINTR`. Returns the `errno` of a failure.
    static func sync(_ descriptor: Int32) -> Int32? {
        while fsync(descriptor) != 0 {
            if errno != EINTR { return errno }
        }
        return nil
    }

    /// Reads a whole regular file (a FIFO or device is refused, never
    /// waited on). Returns the bytes, or why the file cannot be read.
    static func readAll(path: String) -> Result<[UInt8], TranscriptFileError> {
        RegularFile.read(path).mapError { TranscriptFileError(path: path, message: $0.reason) }
    }

    /// Creates `directory` and any missing parents, each readable by its
    /// owner only (0700, or 0770 for a group), since transcripts hold
    /// clients' data.
    static func createDirectories(_ directory: String, for path: String, permissions: FilePermissions = .ownerOnly) throws(TranscriptFileError) {
        guard !directory.isEmpty else { return }
        var prefix = directory.hasPrefix("/") ? "/" : ""
        for component in directory.split(separator: "/") {
            prefix += component
            if mkdir(prefix, permissions.folderMode) == 0 {
                if let code = permissions.apply(toFolder: prefix) {
                    throw TranscriptFileError(path: path, message: "cannot set the permissions of directory \(prefix): \(describe(errno: code))")
                }
            } else if errno != EEXIST {
                throw TranscriptFileError(path: path, message: "cannot create directory \(prefix): \(describe(errno: errno))")
            }
            prefix += "/"
        }
    }

    /// nil when `directory` is an existing folder, else why a file cannot
    /// be made in it (`the folder /x does not exist`).
    static func missingFolder(_ directory: String) -> String? {
        var status = stat()
        let folder = directory.isEmpty ? "." : directory
        guard stat(folder, &status) == 0 else { return "the folder \(folder) does not exist" }
        return (status.st_mode & S_IFMT) == S_IFDIR ? nil : "\(folder) is not a folder"
    }

    /// Makes a new directory entry durable. Best effort: some file systems
    /// refuse to sync directories, and the file's own data is synced anyway.
    static func syncDirectory(_ directory: String) {
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = sync(descriptor)
        _ = close(descriptor)
    }

    /// The directory part of `path` (`""` for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
