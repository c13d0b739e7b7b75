import Foundation
import PostgresTestServer
import XCTest

/// Sixteen operators' processes, a hundred real calls each, on one
/// PostgreSQL store (issue 11; the run is `OperatorsAtOnce`).
final class PostgresOperatorsAtOnceTests: XCTestCase {
    func testSixteenOperatorsAHundredCallsEachOnOneServer() throws {
        let cluster = try TestPostgresCluster.shared()
        let database = try cluster.makeDatabase()
        defer { cluster.dropDatabase(database) }
        let workspace = try WorkspaceFixture.make(database: cluster.tcpURI(database: database))
        defer { workspace.remove() }
        let migrated = try workspace.callguide(["db", "migrate", "--db", workspace.database])
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        try OperatorsAtOnce.run(operators: 16, in: workspace)
    }
}
