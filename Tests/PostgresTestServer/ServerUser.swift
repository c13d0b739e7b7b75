import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The unprivileged user the test server runs as when the tests run as
/// root: PostgreSQL refuses to run as root, and Debian's server package
/// makes a `postgres` user for it. Run as anyone else, the server runs as
/// that user and this is nil.
public struct ServerUser {
    let name: String
    let uid: uid_t
    let gid: gid_t

    public static func forCurrentProcess() throws -> ServerUser? {
        guard geteuid() == 0 else { return nil }
        guard let entry = getpwnam("postgres") else {
            throw Missing()
        }
        return ServerUser(name: "postgres", uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "the tests run as root and there is no 'postgres' user to run the test server as; run Scripts/setup (the postgresql package makes it)"
        }
    }

    /// `setpriv` switches to this user, and its groups, before running the server.
    var setprivArguments: [String] {
        ["--reuid=\(uid)", "--regid=\(gid)", "--init-groups"]
    }

    /// Hands folders the server writes in to this user.
    public func own(_ paths: String...) throws {
        for path in paths where chown(path, uid, gid) != 0 {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
