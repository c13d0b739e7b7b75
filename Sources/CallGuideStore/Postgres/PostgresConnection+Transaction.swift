import CPostgres
import Foundation

extension PostgresConnection {
    /// Runs `body` in a transaction: all of it is stored, or none. Any error
    /// rolls back (when the session is still there to hear it); a
    /// transaction inside another joins it, as with SQLite's
    /// `writeTransaction`, so a store method can call another.
    ///
    /// For a card store (`serializesWrites`), the transaction first takes
    /// the store's writer lock, a transaction-scoped advisory lock, as
    /// SQLite's BEGIN IMMEDIATE takes its write lock: the store's
    /// read-modify-writes (revisions, the conflict rule, `MAX(seq) + 1`)
    /// then mean the same on both stores. The wait is bounded by the lock
    /// timeout (`PostgresError.locked`).
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        if PQtransactionStatus(handle) != PQTRANS_IDLE { return try body() }
        if refusesWrites { throw StoreError.readOnly(file: location) }
        try executeScript("BEGIN")
        do {
            if serializesWrites { try executeScript("SELECT pg_advisory_xact_lock(\(Self.writerLockKey))") }
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

    /// A read-only transaction at REPEATABLE READ: every statement in it
    /// sees the database as of its first.
    func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        try executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
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

    /// The advisory lock key of the store's writer lock ("CGDB"); advisory
    /// locks are per database, so stores in other databases do not share it.
    static let writerLockKey: Int64 = 0x4347_4442
}
