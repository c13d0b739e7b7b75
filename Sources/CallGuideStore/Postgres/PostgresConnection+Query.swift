import CPostgres
import Foundation

extension PostgresConnection {
    /// Runs a statement that returns no rows. Values are bound to `$1`,
    /// `$2`... or to `?` in order, as in SQLite (see `PlaceholderNumbering`),
    /// never spliced into the SQL text, in text format, typed by where they
    /// stand (see `PostgresParameters`).
    func run(_ sql: String, _ values: [SQLValue] = []) throws {
        _ = try query(sql, values)
    }

    /// Runs a query and collects its rows, read as `SQLValue`s the same way
    /// the SQLite layer reads them (see `PostgresResult`).
    func query(_ sql: String, _ values: [SQLValue] = []) throws -> [SQLRow] {
        let parameters = try PostgresParameters(values, location: location)
        let result = parameters.withCValues { pointers in
            PQexecParams(handle, numbered(sql), Int32(values.count), nil, pointers, nil, nil, 0)
        }
        return try PostgresResult(result, connection: self).rows()
    }

    /// `sql` with `?` numbered for PostgreSQL, remembered per statement.
    func numbered(_ sql: String) -> String {
        if let known = numberedStatements[sql] { return known }
        let text = PlaceholderNumbering.postgres(sql)
        numberedStatements[sql] = text
        return text
    }

    func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue {
        try query(sql, values).first?[0] ?? .null
    }

    /// Runs SQL without parameters, several statements allowed (schema
    /// scripts, migrations).
    func executeScript(_ sql: String) throws {
        _ = try PostgresResult(PQexec(handle, sql), connection: self).rows()
    }
}
