import Foundation

/// What can go wrong talking to a PostgreSQL store. Every case names the
/// location with its password masked (`PostgresLocation.redacted`) and
/// reads as one sentence, so a front-end prints it as is: the person at the
/// phone is not expected to read libpq's multi-line messages.
public enum PostgresError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server refused the password, or none was found (URI, `~/.pgpass`,
    /// `PGPASSWORD`).
    case authenticationFailed(location: String, reason: String)
    /// The server has no such role (it says so only for `trust` and peer
    /// logins; with passwords it says the password is wrong).
    case unknownUser(location: String, user: String)
    /// The host, port or socket did not answer (refused, no such host,
    /// no socket file, timed out, server starting up or shutting down).
    case unreachable(location: String, reason: String)
    case noSuchDatabase(location: String, database: String)
    /// Any other refusal while connecting, with libpq's reason.
    case cannotConnect(location: String, reason: String)
    /// The server went away during the session (stopped, restarted, the
    /// network failed, an administrator ended the session).
    case connectionLost(location: String)
    /// Another session held a row or table beyond the lock timeout.
    case locked(location: String, seconds: Double)
    /// A statement failed: PostgreSQL's SQLSTATE and its message.
    case server(location: String, code: String, message: String)
    /// A value that cannot reach the server intact (a NUL character in
    /// text: PostgreSQL text cannot hold one, and libpq would cut it there).
    case invalidParameter(location: String, position: Int, reason: String)

    public var description: String {
        switch self {
        case .authenticationFailed(let location, let reason):
            return "the PostgreSQL server at \(location) refused the login (\(reason)); check the password in ~/.pgpass, PGPASSWORD or the URI"
        case .unknownUser(let location, let user):
            return "the PostgreSQL server at \(location) has no user named '\(user)'"
        case .unreachable(let location, let reason):
            return "the PostgreSQL server at \(location) cannot be reached (\(reason))"
        case .noSuchDatabase(let location, let database):
            return "the PostgreSQL server at \(location) has no database named '\(database)'"
        case .cannotConnect(let location, let reason):
            return "cannot connect to the PostgreSQL server at \(location): \(reason)"
        case .connectionLost(let location):
            return "the connection to the PostgreSQL server at \(location) was lost (the server stopped or the network failed)"
        case .locked(let location, let seconds):
            let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return "the PostgreSQL store at \(location) is locked by another session (gave up after \(shown) s)"
        case .server(let location, let code, let message):
            return "\(location): database error \(code): \(message)"
        case .invalidParameter(let location, let position, let reason):
            return "\(location): value \(position) cannot be stored: \(reason)"
        }
    }
}
