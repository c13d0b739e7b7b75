import CPostgres
import Foundation

/// One session with a PostgreSQL server, the counterpart of `Database` for
/// SQLite. Not shared between threads: each thread or process opens its
/// own, and the server's row locks serialise the writers.
///
/// The location is handed to libpq as the user wrote it (plus the defaults
/// of `PostgresLocation.connectionString`), so every libpq parameter,
/// `~/.pgpass` and the `PG*` variables work as they do for `psql`.
final class PostgresConnection {
    /// The location with its password masked: what every error names.
    let location: String
    let handle: OpaquePointer
    /// How long a statement waits for a row or table another session
    /// holds before it gives up with `PostgresError.locked` (store.md
    /// section 2: waiting for a lock is bounded); SQLite's busy timeout.
    let lockTimeout: Double
    private let connectionString: ConnectionString
    /// Statements with `?` already numbered `$n` (see `numbered`).
    var numberedStatements: [String: String] = [:]
    /// Set when the connection serves a card store: every write
    /// transaction first takes the store's writer lock (see
    /// `writeTransaction`), so writers take turns as on SQLite.
    var serializesWrites = false
    /// Set for a store opened only to read: a write is refused at once.
    var refusesWrites = false

    init(
        location: String, lockTimeout: Double = 5,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        self.lockTimeout = lockTimeout
        let given = ConnectionString(location)
        self.location = given.redacted
        connectionString = given
        let effective = given.withDefaults(environment: environment)
        guard let handle = PQconnectdb(effective) else {
            throw PostgresError.cannotConnect(location: self.location, reason: "out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = given.scrubbed(String(cString: PQerrorMessage(handle)))
            PQfinish(handle)
            throw ConnectionFailure.error(message: message, location: self.location)
        }
        // One round trip sets the session up: Swift strings are UTF-8,
        // whatever the server's or PGCLIENTENCODING's choice, and a wait
        // for a lock is bounded. libpq learns the encoding from the server's
        // reply. Done before `handle` is stored so a failure finishes it here.
        let milliseconds = Int((max(0.001, lockTimeout) * 1000).rounded())
        let setup = PQexec(handle, "SET client_encoding = 'UTF8'; SET lock_timeout = '\(milliseconds)ms'")
        let ready = setup.map { PQresultStatus($0) == PGRES_COMMAND_OK } ?? false
        PQclear(setup)
        guard ready else {
            let message = given.scrubbed(String(cString: PQerrorMessage(handle)))
            let lost = PQstatus(handle) != CONNECTION_OK
            PQfinish(handle)
            if lost { throw PostgresError.connectionLost(location: self.location) }
            throw PostgresError.cannotConnect(location: self.location, reason: ConnectionFailure.reason(message))
        }
        // Notices ("already exists, skipping") are not for the operator's terminal.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        self.handle = handle
    }

    deinit { PQfinish(handle) }

    /// True while the session is usable (false once the server went away).
    var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// libpq's last message for this session, passwords masked.
    var lastMessage: String { connectionString.scrubbed(String(cString: PQerrorMessage(handle))) }

    /// The server process serving this session (for tests and diagnostics).
    var serverProcessID: Int32 { PQbackendPID(handle) }

    /// Whether a server answers at `location` at all, without logging in
    /// (libpq's PQping): used to wait for a server that is starting.
    static func isServerAnswering(_ location: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Bool
    {
        PQping(ConnectionString(location).withDefaults(environment: environment)) == PQPING_OK
    }
}
