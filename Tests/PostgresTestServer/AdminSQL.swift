import CPostgres
import Foundation

/// The few statements the cluster itself runs (roles, databases) as its
/// superuser over the socket, through libpq directly: this target is shared
/// by the store and the command-line tests and cannot see the store's
/// internal `PostgresConnection`.
public enum AdminSQL {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `sql` (no parameters) at `location`; throws libpq's message.
    public static func execute(_ sql: String, at location: String) throws {
        guard let connection = PQconnectdb(location) else { throw Failure(description: "out of memory") }
        defer { PQfinish(connection) }
        guard PQstatus(connection) == CONNECTION_OK else {
            throw Failure(description: String(cString: PQerrorMessage(connection)))
        }
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw Failure(description: String(cString: PQerrorMessage(connection)))
        }
    }

    /// Whether a server answers at `location` (libpq's PQping).
    public static func isAnswering(_ location: String) -> Bool {
        PQping(location) == PQPING_OK
    }
}
