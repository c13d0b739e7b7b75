import Foundation
import PostgresTestServer
import XCTest

/// The eight-operator increment race (store.md section 5) on the tests' own
/// PostgreSQL server: every lost increment is a recorded conflict there too.
final class PostgresIncrementConflictTests: XCTestCase {
    func testEightOperatorsIncrementingOneCardLoseNoIncrementSilently() throws {
        let cluster = try TestPostgresCluster.shared()
        let database = try cluster.makeDatabase()
        defer { cluster.dropDatabase(database) }
        let workspace = try WorkspaceFixture.make(database: cluster.tcpURI(database: database))
        defer { workspace.remove() }
        let migrated = try workspace.callguide(["db", "migrate", "--db", workspace.database])
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        try IncrementRace.run(in: workspace)
    }
}
