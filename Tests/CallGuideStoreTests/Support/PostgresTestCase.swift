@testable import CallGuideStore
import XCTest

/// A test against the real PostgreSQL server of `TestPostgresCluster`: each
/// test gets a new empty database, owned by the app user and dropped
/// afterwards, and a connection to it as a centre's operator would make it
/// (TCP, password). Without the server binaries the test fails, saying to
/// run Scripts/setup.
class PostgresTestCase: XCTestCase {
    var cluster: TestPostgresCluster!
    var database: String!
    /// The app user's URI for this test's database (with the password).
    var location: String!

    override func setUpWithError() throws {
        cluster = try TestPostgresCluster.shared()
        database = try cluster.makeDatabase()
        location = cluster.tcpURI(database: database)
    }

    override func tearDownWithError() throws {
        if let database { cluster?.dropDatabase(database) }
    }

    func connect() throws -> PostgresConnection {
        try PostgresConnection(location: location)
    }

    func assertPostgresError(
        _ expected: PostgresError, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
    ) {
        do {
            try body()
            XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
        } catch let error as PostgresError {
            XCTAssertEqual(error, expected, file: file, line: line)
        } catch {
            XCTFail("expected \(expected), got \(error)", file: file, line: line)
        }
    }

    /// The error `body` throws, failing the test when it throws none.
    func postgresError(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> PostgresError? {
        do {
            try body()
            XCTFail("expected a PostgresError, nothing was thrown", file: file, line: line)
        } catch let error as PostgresError {
            return error
        } catch {
            XCTFail("expected a PostgresError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
