import Foundation

/// What the card store needs of a database: the same few calls on SQLite
/// (`Database`) and PostgreSQL (`PostgresConnection`), so `CardStore` is
/// written once. SQL is written with `?` placeholders and portable
/// syntax; what differs between the two (schema scripts, card search) is
/// asked of `dialect`, and nothing above the store sees either.
protocol StoreConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// The location as errors print it (a password masked).
    var shownLocation: String { get }
    func run(_ sql: String, _ values: [SQLValue]) throws
    func query(_ sql: String, _ values: [SQLValue]) throws -> [SQLRow]
    func scalar(_ sql: String, _ values: [SQLValue]) throws -> SQLValue
    /// Schema SQL without parameters, several statements allowed.
    func executeScript(_ sql: String) throws
    /// All of `body` is stored, or none; one writer at a time per store,
    /// so a read-modify-write inside (a card's revision, the next id) is
    /// never interleaved with another's. Nested calls join the outer one.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T
    /// Runs `body` on one consistent snapshot of the store (`db copy`
    /// reads every table as of one moment while calls go on).
    func readSnapshot<T>(_ body: () throws -> T) throws -> T
    /// The rows handed over one at a time (long listings in flat memory).
    func forEachRow(_ sql: String, _ values: [SQLValue], _ body: (SQLRow) throws -> Void) throws
}

extension StoreConnection {
    func run(_ sql: String) throws { try run(sql, []) }
    func query(_ sql: String) throws -> [SQLRow] { try query(sql, []) }
    func scalar(_ sql: String) throws -> SQLValue { try scalar(sql, []) }
}
