@testable import CallGuideStore
import XCTest

/// Rows read one at a time (a listing of a million calls in flat memory),
/// and a wait for another session's lock that gives up with a sentence.
final class PostgresStreamAndLockTests: PostgresTestCase {
    func testStreamsEveryRowInOrder() throws {
        let connection = try connect()
        var count = 0
        var sum: Int64 = 0
        var last: Int64 = 0
        try connection.forEachRow("SELECT g, 'row ' || g FROM generate_series(1, $1::integer) AS g ORDER BY g", [.integer(50_000)]) { row in
            guard case .integer(let number) = row[0] else { return XCTFail("not an integer: \(row[0])") }
            XCTAssertEqual(number, last + 1)
            last = number
            count += 1
            sum += number
            if number == 7 { XCTAssertEqual(row[1], .text("row 7")) }
        }
        XCTAssertEqual(count, 50_000)
        XCTAssertEqual(sum, 50_000 * 50_001 / 2)
    }

    func testAQueryWithoutRowsCallsNothing() throws {
        let connection = try connect()
        try connection.forEachRow("SELECT 1 WHERE false") { row in XCTFail("unexpected row \(row.values)") }
        XCTAssertEqual(try connection.scalar("SELECT 2::integer"), .integer(2))
    }

    func testStoppingEarlyCancelsTheQueryAndKeepsTheSession() throws {
        struct Enough: Error {}
        let connection = try connect()
        var seen = 0
        XCTAssertThrowsError(
            // A target-list generate_series streams (one in FROM is computed whole first).
            try connection.forEachRow("SELECT generate_series(1, 100000000)") { _ in
                seen += 1
                if seen == 3 { throw Enough() }
            }
        ) { error in XCTAssertTrue(error is Enough, "\(error)") }
        XCTAssertEqual(seen, 3)
        XCTAssertEqual(try connection.scalar("SELECT 'still here'::text"), .text("still here"))
    }

    func testAnErrorAfterSomeRowsIsThrownAndKeepsTheSession() throws {
        let connection = try connect()
        var seen: [SQLValue] = []
        let error = postgresError {
            try connection.forEachRow("SELECT 10 / (3 - g) FROM generate_series(1, 5) AS g") { seen.append($0[0]) }
        }
        XCTAssertEqual(seen, [.integer(5), .integer(10)])
        guard case .server(_, let code, let message) = error else { return XCTFail(String(describing: error)) }
        XCTAssertEqual(code, "22012")
        XCTAssertEqual(message, "division by zero")
        XCTAssertEqual(try connection.scalar("SELECT 3::integer"), .integer(3))
    }

    func testWaitingForAnotherSessionsRowGivesUpAfterTheLockTimeout() throws {
        let holder = try connect()
        try holder.executeScript("CREATE SCHEMA callguide; CREATE TABLE callguide.cards (id integer PRIMARY KEY, visits integer)")
        try holder.run("INSERT INTO callguide.cards VALUES (1, 0), (2, 0)")
        try holder.executeScript("BEGIN")
        try holder.run("SELECT visits FROM callguide.cards WHERE id = 1 FOR UPDATE")
        let waiter = try PostgresConnection(location: location, lockTimeout: 0.2)
        let error = postgresError { try waiter.run("UPDATE callguide.cards SET visits = visits + 1 WHERE id = 1") }
        XCTAssertEqual(error, .locked(location: PostgresLocation.redacted(location), seconds: 0.2))
        XCTAssertEqual(
            error?.description,
            "the PostgreSQL store at \(cluster.tcpURI(database: database, password: "***")) is locked by another session (gave up after 0.2 s)")
        // Other rows are not held up, and the row is free once let go.
        try waiter.run("UPDATE callguide.cards SET visits = visits + 1 WHERE id = 2")
        try holder.executeScript("COMMIT")
        try waiter.run("UPDATE callguide.cards SET visits = visits + 1 WHERE id = 1")
        XCTAssertEqual(try waiter.query("SELECT visits FROM callguide.cards ORDER BY id").map { $0[0] }, [.integer(1), .integer(1)])
    }
}
