@testable import CallGuideStore
import XCTest

/// What an operator reads when the store cannot be used: one sentence per
/// situation, naming the location, never the password. Against the real
/// server, since the wording comes from libpq and PostgreSQL.
final class PostgresConnectionErrorTests: PostgresTestCase {
    private func assertNoPassword(_ error: PostgresError?, _ secret: String, file: StaticString = #filePath, line: UInt = #line) {
        let text = String(describing: error)
        XCTAssertFalse(text.contains(secret), text, file: file, line: line)
        XCTAssertFalse(text.contains("\n"), "one sentence: \(text)", file: file, line: line)
    }

    func testAWrongPasswordSaysSoWithoutPrintingIt() throws {
        let uri = cluster.tcpURI(database: database, password: "wrong-secret")
        let error = postgresError { _ = try PostgresConnection(location: uri) }
        XCTAssertEqual(
            error,
            .authenticationFailed(
                location: cluster.tcpURI(database: database, password: "***"),
                reason: "password authentication failed for user \"\(TestPostgresCluster.appUser)\""))
        assertNoPassword(error, "wrong-secret")
        XCTAssertEqual(
            error?.description,
            "the PostgreSQL server at postgresql://callguide_app:***@127.0.0.1:\(cluster.port)/\(database!) refused the login "
                + "(password authentication failed for user \"callguide_app\"); check the password in ~/.pgpass, PGPASSWORD or the URI")
    }

    func testNoPasswordAtAllIsAFailedLogin() throws {
        // An empty passfile: libpq finds no password anywhere.
        let uri = cluster.tcpURI(database: database, password: nil) + "?passfile=/nonexistent/pgpass"
        let error = postgresError { _ = try PostgresConnection(location: uri, environment: [:]) }
        guard case .authenticationFailed(_, let reason) = error else { return XCTFail(String(describing: error)) }
        XCTAssertTrue(reason.contains("no password supplied"), reason)
    }

    func testAnUnreachablePortSaysTheServerCannotBeReached() throws {
        let closedPort = try FreePort.onLoopback()
        let uri = "postgresql://\(TestPostgresCluster.appUser):right-secret@127.0.0.1:\(closedPort)/\(database!)"
        let error = postgresError { _ = try PostgresConnection(location: uri) }
        guard case .unreachable(let where_, let reason) = error else { return XCTFail(String(describing: error)) }
        XCTAssertEqual(where_, "postgresql://\(TestPostgresCluster.appUser):***@127.0.0.1:\(closedPort)/\(database!)")
        XCTAssertEqual(reason, "Connection refused")
        assertNoPassword(error, "right-secret")
    }

    func testAMissingSocketSaysTheServerCannotBeReached() throws {
        let uri = "postgresql:///\(database!)?host=/nonexistent/socket/folder"
        let error = postgresError { _ = try PostgresConnection(location: uri) }
        guard case .unreachable(_, let reason) = error else { return XCTFail(String(describing: error)) }
        XCTAssertEqual(reason, "No such file or directory")
    }

    func testAnUnknownHostNameSaysTheServerCannotBeReached() throws {
        let error = postgresError { _ = try PostgresConnection(location: "postgresql://db.callguide.invalid/centre?sslmode=disable") }
        guard case .unreachable(let where_, let reason) = error else { return XCTFail(String(describing: error)) }
        XCTAssertEqual(where_, "postgresql://db.callguide.invalid/centre?sslmode=disable")
        XCTAssertTrue(reason.contains("could not translate host name \"db.callguide.invalid\""), reason)
    }

    func testADatabaseThatDoesNotExistIsNamed() throws {
        let uri = cluster.tcpURI(database: "no_such_centre")
        let error = postgresError { _ = try PostgresConnection(location: uri) }
        XCTAssertEqual(error, .noSuchDatabase(location: cluster.tcpURI(database: "no_such_centre", password: "***"), database: "no_such_centre"))
        XCTAssertEqual(
            error?.description,
            "the PostgreSQL server at postgresql://callguide_app:***@127.0.0.1:\(cluster.port)/no_such_centre has no database named 'no_such_centre'")
    }

    func testAUserThatDoesNotExistIsNamed() throws {
        // Over the socket logins are trusted, so the server says which
        // role is missing (with passwords it says the password is wrong).
        let uri = "postgresql:///\(database!)?host=\(cluster.socketFolder)&port=\(cluster.port)&user=nobody_here"
        let error = postgresError { _ = try PostgresConnection(location: uri) }
        XCTAssertEqual(error, .unknownUser(location: uri, user: "nobody_here"))
    }

    func testTheServerStoppingMidSessionIsALostConnection() throws {
        let connection = try connect()
        XCTAssertEqual(try connection.scalar("SELECT 1::integer"), .integer(1))
        cluster.stopServer()
        defer { XCTAssertNoThrow(try cluster.start()) }
        let error = postgresError { try connection.run("SELECT 1") }
        XCTAssertEqual(error, .connectionLost(location: cluster.tcpURI(database: database, password: "***")))
        XCTAssertEqual(
            error?.description,
            "the connection to the PostgreSQL server at postgresql://callguide_app:***@127.0.0.1:\(cluster.port)/\(database!) "
                + "was lost (the server stopped or the network failed)")
        XCTAssertFalse(connection.isConnected)
        // Still lost on the next try, not a crash or a hang.
        XCTAssertEqual(postgresError { try connection.run("SELECT 1") }, error)
        // While it is down, a new connection cannot reach it.
        guard case .unreachable = postgresError({ _ = try connect() }) else { return XCTFail("reached a stopped server") }
    }

    func testAStoppedServerStartedAgainServesNewSessions() throws {
        cluster.stopServer()
        try cluster.start()
        XCTAssertEqual(try connect().scalar("SELECT current_database()"), .text(database))
    }

    func testASessionEndedByAnAdministratorIsALostConnection() throws {
        let connection = try connect()
        let admin = try cluster.adminConnection()
        XCTAssertEqual(
            try admin.scalar("SELECT pg_terminate_backend($1::integer)", [.integer(Int64(connection.serverProcessID))]), .integer(1))
        let error = postgresError { try connection.run("SELECT 1") }
        XCTAssertEqual(error, .connectionLost(location: cluster.tcpURI(database: database, password: "***")))
    }
}
