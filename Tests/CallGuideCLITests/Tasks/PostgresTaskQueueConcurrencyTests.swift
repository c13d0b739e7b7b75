import Foundation
import PostgresTestServer
import XCTest

/// The same drain as `TaskQueueConcurrencyTests` on a PostgreSQL store
/// (the tests' own server), as on two machines sharing one database:
/// eight operators' `next` processes, every task worked exactly once.
final class PostgresTaskQueueConcurrencyTests: XCTestCase {
    func testEightOperatorsDrainAQueueOnPostgreSQLEachTaskWorkedExactlyOnce() throws {
        let cluster = try TestPostgresCluster.shared()
        let database = try cluster.makeDatabase()
        defer { cluster.dropDatabase(database) }
        try drainTaskQueue(tasks: 500, database: cluster.tcpURI(database: database))
    }
}
