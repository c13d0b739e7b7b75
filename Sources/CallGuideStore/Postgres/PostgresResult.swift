import CPostgres
import Foundation

/// One PGresult read into `SQLRow`s, so code above sees the same values
/// from both stores: integers (int2/int4/int8) as `.integer`, floats as
/// `.real`, booleans as `.integer` 1 or 0 (SQLite has no boolean), SQL
/// NULL as `.null`, and everything else, `numeric` included, as the
/// server's text (a decimal keeps every digit; callguide formats it).
struct PostgresResult {
    /// OIDs from PostgreSQL's pg_type catalog.
    private static let bool: UInt32 = 16
    private static let integers: Set<UInt32> = [20, 21, 23, 26]
    private static let floats: Set<UInt32> = [700, 701]

    private let result: OpaquePointer?
    private unowned let connection: PostgresConnection

    init(_ result: OpaquePointer?, connection: PostgresConnection) {
        self.result = result
        self.connection = connection
    }

    /// The rows, or the statement's error; frees the result either way.
    func rows() throws -> [SQLRow] {
        defer { PQclear(result) }
        guard let result else { throw Self.failure(nil, connection: connection) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE: return read(result)
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY: return []
        default: throw Self.failure(result, connection: connection)
        }
    }

    private func read(_ result: OpaquePointer) -> [SQLRow] {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        let types = (0..<columnCount).map { PQftype(result, $0) }
        var rows: [SQLRow] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(.null)
                } else {
                    values.append(Self.value(String(cString: PQgetvalue(result, row, column)), type: types[Int(column)]))
                }
            }
            rows.append(SQLRow(values: values))
        }
        return rows
    }

    static func value(_ text: String, type: UInt32) -> SQLValue {
        if integers.contains(type), let number = Int64(text) { return .integer(number) }
        if floats.contains(type), let number = Double(text) { return .real(number) }
        if type == bool { return .integer(text == "t" ? 1 : 0) }
        return .text(text)
    }

    /// The error for a failed statement (`result` nil when libpq could not
    /// even send it): the session lost (PostgreSQL stopped, or ended the
    /// session: SQLSTATE class 08 and 57P01-57P03), a lock waited for beyond
    /// the lock timeout (55P03), or the server's SQLSTATE and primary message.
    static func failure(_ result: OpaquePointer?, connection: PostgresConnection) -> PostgresError {
        let code = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) } ?? ""
        if !connection.isConnected || code.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(code) {
            return .connectionLost(location: connection.location)
        }
        if code == "55P03" { return .locked(location: connection.location, seconds: connection.lockTimeout) }
        let primary = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map { String(cString: $0) }
        let message = primary ?? ConnectionFailure.reason(connection.lastMessage)
        return .server(location: connection.location, code: code.isEmpty ? "?" : code, message: message)
    }
}
