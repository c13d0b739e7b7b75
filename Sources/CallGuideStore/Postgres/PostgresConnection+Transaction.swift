import CPostgres
import Foundation

extension PostgresConnection {
    /// Runs `body` in a transaction: all of it is stored, or none. Any error
    /// rolls back (when the session is still there to hear it); a
    /// transaction inside another joins it, as with SQLite's
    /// `writeTransaction`, so a store method can call another.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        if PQtransactionStatus(handle) != PQTRANS_IDLE { return try body() }
        try executeScript("BEGIN")
        do {
            let result = try body()
            try executeScript("COMMIT")
            return result
        } catch {
            if isConnected, PQtransactionStatus(handle) != PQTRANS_IDLE {
                PQclear(PQexec(handle, "ROLLBACK"))
            }
            throw error
        }
    }
}
