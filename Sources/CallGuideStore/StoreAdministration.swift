import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What `callguide db status` tells the person who runs the store
/// (store.md section 3).
public struct StoreStatus: Equatable, Sendable {
    /// "SQLite" or "PostgreSQL".
    public var kind: String
    /// The location with any password masked.
    public var location: String
    /// The store's schema version; 0 when there is no callguide store yet.
    public var schemaVersion: Int
    /// The version this callguide reads and writes.
    public var currentVersion: Int
    /// Rows per table, for the tables the schema has (cards, calls, tasks).
    public var counts: [TableCount]
    /// Whether this login could write (file modes, privileges, a read-only
    /// replica).
    public var writable: Bool

    public struct TableCount: Equatable, Sendable {
        public var table: String
        public var rows: Int
    }
}

/// `db status` and `db migrate`: reading and changing a store's schema
/// without opening it as the commands do (which refuses an old schema on
/// PostgreSQL).
public enum StoreAdministration {
    /// The tables `db status` counts, when the schema has them.
    static let countedTables = ["cards", "calls", "tasks"]

    /// The store's state. A SQLite file must exist (nothing is created).
    public static func status(location: String) throws -> StoreStatus {
        if PostgresLocation.isPostgres(location) { return try postgresStatus(location) }
        let database = try Database(path: location, readOnly: true, busyTimeout: 5)
        let row = try database.query(
            "SELECT (SELECT application_id FROM pragma_application_id()), (SELECT user_version FROM pragma_user_version()), (SELECT count(*) FROM sqlite_master)"
        ).first
        let applicationID = row?[0].int ?? 0
        let version = row?[1].int ?? 0
        if applicationID != Int(Schema.applicationID), applicationID != 0 || version != 0 || (row?[2].int ?? 0) > 0 {
            throw StoreError.notCallguideDatabase(file: location)
        }
        var counts: [StoreStatus.TableCount] = []
        for table in countedTables
        where try database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)]).int == 1 {
            counts.append(.init(table: table, rows: try database.scalar("SELECT count(*) FROM \(table)").int ?? 0))
        }
        let folder = (location as NSString).deletingLastPathComponent
        let writable = access(location, W_OK) == 0 && access(folder.isEmpty ? "." : folder, W_OK) == 0
        return StoreStatus(
            kind: SQLDialect.sqlite.displayName, location: location, schemaVersion: version, currentVersion: Schema.version,
            counts: counts, writable: writable)
    }

    private static func postgresStatus(_ location: String) throws -> StoreStatus {
        let connection = try PostgresConnection(location: location)
        let version: Int
        switch try PostgresSchema.state(connection) {
        case .absent, .empty: version = 0
        case .foreign: throw StoreError.notCallguideDatabase(file: connection.location)
        case .version(let found): version = found
        }
        var counts: [StoreStatus.TableCount] = []
        for table in countedTables
        where try connection.scalar(
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'callguide' AND tablename = ?", [.text(table)]).int == 1 {
            counts.append(.init(table: table, rows: try connection.scalar("SELECT count(*) FROM callguide.\(table)").int ?? 0))
        }
        let writable = try connection.scalar(
            """
            SELECT NOT pg_catalog.pg_is_in_recovery() AND pg_catalog.current_setting('transaction_read_only') = 'off'
                AND CASE WHEN NOT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'callguide' AND tablename = 'cards')
                    THEN pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CREATE')
                    ELSE pg_catalog.has_table_privilege('callguide.cards', 'INSERT, UPDATE') END
            """
        ).int == 1
        return StoreStatus(
            kind: SQLDialect.postgres.displayName, location: connection.location, schemaVersion: version,
            currentVersion: PostgresSchema.migrations.count, counts: counts, writable: writable)
    }

    /// Brings the store's schema up to date: the version before and after.
    /// A SQLite file is made if missing (as every command does).
    @discardableResult
    public static func migrate(location: String, permissions: FilePermissions = .ownerOnly) throws -> (from: Int, to: Int) {
        if PostgresLocation.isPostgres(location) {
            let connection = try PostgresConnection(location: location)
            let before = try PostgresSchema.migrate(connection)
            return (before, max(before, PostgresSchema.migrations.count))
        }
        var before = 0
        if FileManager.default.fileExists(atPath: location) {
            let database = try Database(path: location, readOnly: true, busyTimeout: 5)
            before = try database.scalar("PRAGMA user_version").int ?? 0
        }
        _ = try CardStore(path: location, permissions: permissions)
        return (before, Schema.version)
    }
}
