import CSQLite
import Foundation

/// One connection to a SQLite file. Not shared between threads: each
/// thread or process opens its own, and SQLite's locking (WAL, a busy
/// timeout, BEGIN IMMEDIATE) serialises the writers.
final class Database: StoreConnection {
    /// The path as the user gave it: errors name it this way.
    let path: String
    let handle: OpaquePointer
    let busyTimeout: Double
    private var statements: [String: Statement] = [:]
    private var inTransaction = false

    init(path: String, readOnly: Bool, busyTimeout: Double, permissions: FilePermissions = .ownerOnly) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        // Made before SQLite opens it, with the mode client data need:
        // SQLite would create it 0644 under the usual umask.
        if !readOnly { try permissions.createIfMissing(path) }
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            if rc == SQLITE_READONLY { throw StoreError.readOnly(file: path) }
            if rc == SQLITE_NOTADB { throw StoreError.notADatabase(file: path) }
            throw StoreError.cannotOpen(file: path, reason: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        // Waiting for another writer polls every 2 ms (SQLite's own
        // timeout backs off to 100 ms between tries, so a writer that
        // commits and begins again, as an import's batches do, can keep
        // a waiting call out for seconds).
        let tries = max(1, Int(max(0, busyTimeout) * 1000 / Double(Self.busyPollMilliseconds)))
        sqlite3_busy_handler(db, { limit, count in
            guard Int(count) < Int(bitPattern: limit) else { return 0 }
            usleep(UInt32(Database.busyPollMilliseconds * 1000))
            return 1
        }, UnsafeMutableRawPointer(bitPattern: tries))
    }

    /// How often a writer waiting for the lock tries again.
    static let busyPollMilliseconds = 2

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    var dialect: SQLDialect { .sqlite }
    var shownLocation: String { path }

    var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// Maps a SQLite result code to the store's one-sentence errors.
    func error(_ rc: Int32) -> StoreError {
        switch rc & 0xff {
        case SQLITE_NOTADB: return .notADatabase(file: path)
        case SQLITE_READONLY: return .readOnly(file: path)
        case SQLITE_BUSY, SQLITE_LOCKED: return .locked(file: path, seconds: busyTimeout)
        case SQLITE_CANTOPEN: return .cannotOpen(file: path, reason: String(cString: sqlite3_errmsg(handle)))
        default: return .sqlite(file: path, code: rc, message: String(cString: sqlite3_errmsg(handle)))
        }
    }

    /// A cached prepared statement for `sql`.
    func prepare(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc) }
        let statement = Statement(handle: stmt, database: self)
        statements[sql] = statement
        return statement
    }

    /// Runs a statement that returns no rows.
    func run(_ sql: String, _ values: [SQLValue] = []) throws {
        let statement = try prepare(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// Runs a query and collects its rows.
    func query(_ sql: String, _ values: [SQLValue] = []) throws -> [SQLRow] {
        let statement = try prepare(sql)
        try statement.bind(values)
        defer { statement.reset() }
        var rows: [SQLRow] = []
        while try statement.step() { rows.append(statement.row()) }
        return rows
    }

    func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue {
        try query(sql, values).first?[0] ?? .null
    }

    /// Runs a query and hands its rows to `body` one at a time.
    func forEachRow(_ sql: String, _ values: [SQLValue] = [], _ body: (SQLRow) throws -> Void) throws {
        let statement = try prepare(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() { try body(statement.row()) }
    }

    /// Runs schema SQL with no parameters (several statements allowed).
    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? ""
            sqlite3_free(message)
            if rc & 0xff == SQLITE_ERROR { throw StoreError.sqlite(file: path, code: rc, message: text) }
            throw error(rc)
        }
    }

    /// Runs `body` in a write transaction: all of it is stored, or none.
    /// BEGIN IMMEDIATE takes the write lock up front (so two writers cannot
    /// deadlock upgrading read locks), retried on SQLITE_BUSY until the busy
    /// timeout; any error rolls back.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        if inTransaction { return try body() }
        if isReadOnly { throw StoreError.readOnly(file: path) }
        try retryingWhileBusy { try executeScript("BEGIN IMMEDIATE") }
        inTransaction = true
        defer { inTransaction = false }
        do {
            let result = try body()
            try retryingWhileBusy { try executeScript("COMMIT") }
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }

    /// A read transaction: in WAL mode its first read fixes the snapshot.
    func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        try executeScript("BEGIN")
        do {
            let result = try body()
            try executeScript("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }

    /// Retries `action` while SQLite reports the file busy, until the busy
    /// timeout has passed; then gives up with `StoreError.locked`.
    func retryingWhileBusy<T>(_ action: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(busyTimeout)
        var pause = 0.001
        while true {
            do {
                return try action()
            } catch StoreError.locked(let file, let seconds) {
                if Date() >= deadline { throw StoreError.locked(file: file, seconds: seconds) }
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.05)
            }
        }
    }
}
