import CPostgres
import Foundation

extension PostgresConnection {
    /// Runs a query and hands its rows to `body` one at a time as they
    /// arrive (libpq's single-row mode), so a listing of a million calls
    /// holds one row in memory, not all of them. If `body` throws, the
    /// query is cancelled and the error passed on; the session stays usable.
    func forEachRow(_ sql: String, _ values: [SQLValue] = [], _ body: (SQLRow) throws -> Void) throws {
        let parameters = try PostgresParameters(values, location: location)
        let sent = parameters.withCValues { pointers in
            PQsendQueryParams(handle, numbered(sql), Int32(values.count), nil, pointers, nil, nil, 0)
        }
        guard sent == 1 else { throw PostgresResult.failure(nil, connection: self) }
        PQsetSingleRowMode(handle)
        var firstError: Error?
        // Every result must be read, even after an error, before the
        // session takes another statement.
        while let result = PQgetResult(handle) {
            guard firstError == nil else {
                PQclear(result)
                continue
            }
            do {
                for row in try PostgresResult(result, connection: self).rows() { try body(row) }
            } catch {
                firstError = error
                cancelRunningStatement()
            }
        }
        if let firstError { throw firstError }
    }

    /// Asks the server to stop the statement this session is running.
    private func cancelRunningStatement() {
        guard let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var message = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &message, Int32(message.count))
    }
}
