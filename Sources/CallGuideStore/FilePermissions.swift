import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who may read the files that hold client data (store.md 6): the owner
/// alone (0600, folders 0700), or the owner and one group (0660, folders
/// 0770, owned by that group) when `callguide.yaml` says `files: {group}`.
/// Modes are set explicitly, whatever the process umask.
public struct FilePermissions: Equatable, Sendable {
    /// The group the files belong to; nil: the owner's alone.
    public var group: gid_t?

    public init(group: gid_t? = nil) {
        self.group = group
    }

    /// Readable and writable by the owner only.
    public static let ownerOnly = FilePermissions()

    public var fileMode: mode_t { group == nil ? 0o600 : 0o660 }
    public var folderMode: mode_t { group == nil ? 0o700 : 0o770 }

    /// Gives an open file its mode and group. Returns the errno of a
    /// failure, nil on success.
    public func apply(toDescriptor descriptor: Int32) -> Int32? {
        if fchmod(descriptor, fileMode) != 0 { return errno }
        if let group, fchown(descriptor, uid_t.max, group) != 0 { return errno }
        return nil
    }

    /// Gives a folder just created its mode and group.
    public func apply(toFolder path: String) -> Int32? {
        if chmod(path, folderMode) != 0 { return errno }
        if let group, chown(path, uid_t.max, group) != 0 { return errno }
        return nil
    }

    /// Creates `path` empty with these permissions unless something is
    /// there already (then it is left alone). SQLite gives a database's
    /// `-wal`, `-shm` and `-journal` the mode of the database file, so
    /// creating the database this way first covers them too.
    func createIfMissing(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, fileMode)
        // Already there (EEXIST), or not creatable at all: SQLite opens it
        // or reports a missing or denied folder in its own words.
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        if let code = apply(toDescriptor: descriptor) {
            unlink(path)
            throw StoreError.cannotOpen(file: path, reason: "cannot set its permissions (\(String(cString: strerror(code))))")
        }
    }

    /// SQLite copies the database's mode to its side files but not its
    /// group (unless run as root): give the side files that exist the group
    /// of the database file.
    static func matchSideFiles(of path: String) {
        var database = stat()
        guard stat(path, &database) == 0 else { return }
        for suffix in ["-wal", "-shm", "-journal"] {
            var side = stat()
            let sidePath = path + suffix
            guard stat(sidePath, &side) == 0, side.st_uid == geteuid() else { continue }
            if side.st_gid != database.st_gid { _ = chown(sidePath, uid_t.max, database.st_gid) }
            if side.st_mode & 0o777 != database.st_mode & 0o777 { _ = chmod(sidePath, database.st_mode & 0o777) }
        }
    }
}
