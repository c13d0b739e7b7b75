@testable import CallGuideStore
import XCTest

/// libpq's messages for a failed connection, as libpq 15 writes them,
/// turned into one-sentence errors (the live cases are in
/// PostgresConnectionErrorTests; these pin the wording that is hard to
/// provoke on this machine: timeouts, routes, a server starting up).
final class ConnectionFailureTests: XCTestCase {
    private let location = "postgresql://olga:***@db.example.com/centre"

    func testTakesTheReasonFromTheFirstLineWithoutPreambleOrSeverity() {
        XCTAssertEqual(
            ConnectionFailure.reason(
                "connection to server at \"10.0.0.7\", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n"),
            "Connection refused")
        XCTAssertEqual(
            ConnectionFailure.reason("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  database \"x\" does not exist\n"),
            "database \"x\" does not exist")
        XCTAssertEqual(ConnectionFailure.reason(""), "no reason given")
    }

    func testSortsMessagesIntoCases() {
        let cases: [(String, PostgresError)] = [
            ("connection to server at \"db\" (10.0.0.7), port 5432 failed: timeout expired\n",
             .unreachable(location: location, reason: "timeout expired")),
            ("connection to server at \"db\" (10.0.0.7), port 5432 failed: No route to host\n\tIs the server running?",
             .unreachable(location: location, reason: "No route to host")),
            ("connection to server at \"db\" (10.0.0.7), port 5432 failed: FATAL:  the database system is starting up\n",
             .unreachable(location: location, reason: "the database system is starting up")),
            ("connection to server at \"db\" (10.0.0.7), port 5432 failed: fe_sendauth: no password supplied\n",
             .authenticationFailed(location: location, reason: "fe_sendauth: no password supplied")),
            ("connection to server at \"db\" (10.0.0.7), port 5432 failed: FATAL:  role \"olga\" does not exist\n",
             .unknownUser(location: location, user: "olga")),
            ("connection to server at \"db\" (10.0.0.7), port 5432 failed: server does not support SSL, but SSL was required\n",
             .cannotConnect(location: location, reason: "server does not support SSL, but SSL was required")),
            ("invalid sslmode value: \"sometimes\"\n", .cannotConnect(location: location, reason: "invalid sslmode value: \"sometimes\"")),
        ]
        for (message, expected) in cases {
            XCTAssertEqual(ConnectionFailure.error(message: message, location: location), expected, message)
        }
    }
}
