import CallGuide
import CallGuideStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files that hold client data (store.md 6): the permissions the workspace
/// asks for, and writing `--output` files with them.
enum ClientFiles {
    /// The permissions of `files: {group: NAME}` in `callguide.yaml`, else
    /// the owner's alone. A group that does not exist is an error (exit 2):
    /// falling back to the owner's alone would lock the other operators out
    /// without saying why.
    static func permissions(_ configuration: WorkspaceConfiguration?) throws(CommandError) -> FilePermissions {
        guard let name = configuration?.fileGroup else { return .ownerOnly }
        guard let entry = getgrnam(name) else {
            throw .unusableInput("callguide.yaml: files: group '\(name)' does not exist on this machine; create it (groupadd \(name)) or remove the setting")
        }
        return FilePermissions(group: entry.pointee.gr_gid)
    }

    /// Creates the missing folders of `directory` with the permissions'
    /// folder mode (0700 or 0770), whatever the umask.
    static func createFolders(_ directory: String, permissions: FilePermissions) throws(CommandError) {
        guard !directory.isEmpty else { return }
        var prefix = directory.hasPrefix("/") ? "/" : ""
        for component in directory.split(separator: "/") {
            prefix += component
            if mkdir(prefix, permissions.folderMode) == 0 {
                if let code = permissions.apply(toFolder: prefix) {
                    throw .unusableInput("\(prefix): cannot set the folder's permissions (\(SystemFile.describe(errno: code)))")
                }
            } else if errno != EEXIST {
                throw .unusableInput("\(prefix): cannot create the folder (\(SystemFile.describe(errno: errno)))")
            }
            prefix += "/"
        }
    }

    /// Writes `text` to `path` (`--output`): into a new file next to it with
    /// the permissions' mode (0600 or 0660), synced, then renamed over the
    /// path, so a reader never sees half a report and the data are never
    /// readable by others, even for a moment. Only a regular file is
    /// replaced: a folder, device or FIFO at the path is refused.
    static func writeOutput(_ text: String, to path: String, permissions: FilePermissions) throws(CommandError) {
        var existing = stat()
        if lstat(path, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG {
            throw .unusableInput("\(path): is not a regular file; give --output a file name")
        }
        let directory = SystemFile.directory(of: path)
        try createFolders(directory, permissions: permissions)
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, permissions.fileMode)
        guard descriptor >= 0 else {
            throw .unusableInput("\(path): cannot be written (\(SystemFile.describe(errno: errno)))")
        }
        var failure = permissions.apply(toDescriptor: descriptor)
        if failure == nil { failure = SystemFile.writeAll(descriptor, Array(text.utf8)) }
        try putInPlace(descriptor, temporary: temporary, at: path, failure: failure)
    }

    /// The end of every `--output` write: syncs and closes the temporary
    /// file written through `descriptor` and renames it over `path`, then
    /// syncs the folder, so the new file survives a power cut whole. After
    /// a `failure` (an errno) in the writing, or in these steps, the
    /// temporary file is removed and the path left as it was.
    static func putInPlace(_ descriptor: Int32, temporary: String, at path: String, failure: Int32?) throws(CommandError) {
        var failure = failure
        if failure == nil { failure = SystemFile.sync(descriptor) }
        SystemFile.closeDescriptor(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw .unusableInput("\(path): cannot be written (\(SystemFile.describe(errno: failure)))")
        }
        SystemFile.syncDirectory(SystemFile.directory(of: path))
    }

    /// Prints `text`, or writes it to `--output FILE` when given.
    static func emit(_ text: String, output: String?, configuration: WorkspaceConfiguration?) throws(CommandError) {
        guard let output else {
            StandardOutput.write(text)
            return
        }
        try writeOutput(text, to: output, permissions: try permissions(configuration))
    }
}
