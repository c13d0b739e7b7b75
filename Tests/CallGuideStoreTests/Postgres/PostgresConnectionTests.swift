@testable import CallGuideStore
import XCTest

/// The libpq layer against a real server: schema, parameters, values,
/// transactions, pg_trgm, and the row locks `callguide next` will use.
final class PostgresConnectionTests: PostgresTestCase {
    private func makeTable(_ connection: PostgresConnection) throws {
        try connection.executeScript(
            """
            CREATE SCHEMA callguide;
            CREATE TABLE callguide.cards (
                id bigserial PRIMARY KEY, name text, phone text, balance numeric,
                visits integer, score double precision, active boolean);
            """)
    }

    func testCreatesTheCallguideSchemaAndATableInIt() throws {
        let connection = try connect()
        try makeTable(connection)
        let tables = try connection.query(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = $1", [.text("callguide")])
        XCTAssertEqual(tables.map(\.values), [[.text("callguide"), .text("cards")]])
    }

    func testInsertsAndSelectsWithParameters() throws {
        let connection = try connect()
        try makeTable(connection)
        let id = try connection.scalar(
            "INSERT INTO callguide.cards (name, phone, visits, score, active) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            [.text("Olena"), .text("+380501112233"), .integer(3), .real(4.5), .integer(1)])
        XCTAssertEqual(id, .integer(1))
        let rows = try connection.query(
            "SELECT name, phone, visits, score, active FROM callguide.cards WHERE phone = $1", [.text("+380501112233")])
        XCTAssertEqual(rows.map(\.values), [[.text("Olena"), .text("+380501112233"), .integer(3), .real(4.5), .integer(1)]])
        // A value never changes the query: quotes and SQL are just text.
        let hostile = "x'); DROP TABLE callguide.cards; --"
        try connection.run("INSERT INTO callguide.cards (name) VALUES ($1)", [.text(hostile)])
        XCTAssertEqual(try connection.scalar("SELECT name FROM callguide.cards WHERE id = 2"), .text(hostile))
    }

    func testUnicodeRoundTripsExactly() throws {
        let connection = try connect()
        try makeTable(connection)
        let names = ["Олена Ковальчук", "Zoë 👩🏽‍💻", "e\u{301}", "é", "ẞ straße", "\u{202E}evil", "日本語", "tab\tline\nend"]
        for name in names {
            try connection.run("INSERT INTO callguide.cards (name) VALUES ($1)", [.text(name)])
        }
        let stored = try connection.query("SELECT name, char_length(name) FROM callguide.cards ORDER BY id")
        XCTAssertEqual(stored.map { $0[0] }, names.map { .text($0) })
        // The server counts code points: nothing was re-encoded on the way.
        XCTAssertEqual(stored.map { $0[1] }, names.map { .integer(Int64($0.unicodeScalars.count)) })
        // Canonically equivalent spellings stay different (code point compare).
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM callguide.cards WHERE name = $1", [.text("é")]), .integer(1))
    }

    func testTheSessionIsUTF8WhateverTheLocationAsksAndWaitsBoundedForLocks() throws {
        let connection = try PostgresConnection(location: location + "?client_encoding=LATIN1")
        XCTAssertEqual(try connection.scalar("SHOW client_encoding"), .text("UTF8"))
        XCTAssertEqual(try connection.scalar("SELECT $1::text", [.text("Олена 👩🏽‍💻")]), .text("Олена 👩🏽‍💻"))
        XCTAssertEqual(try connection.scalar("SHOW lock_timeout"), .text("5s"))
        XCTAssertEqual(try PostgresConnection(location: location, lockTimeout: 0.25).scalar("SHOW lock_timeout"), .text("250ms"))
    }

    func testNullsRoundTripInEveryType() throws {
        let connection = try connect()
        try makeTable(connection)
        try connection.run(
            "INSERT INTO callguide.cards (name, phone, balance, visits, score, active) VALUES ($1, $2, $3, $4, $5, $6)",
            Array(repeating: .null, count: 6))
        let row = try XCTUnwrap(try connection.query("SELECT name, phone, balance, visits, score, active FROM callguide.cards").first)
        XCTAssertEqual(row.values, Array(repeating: .null, count: 6))
        XCTAssertEqual(try connection.scalar("SELECT $1::text IS NULL", [.null]), .integer(1))
        // The empty text is not NULL.
        XCTAssertEqual(try connection.scalar("SELECT $1::text IS NULL", [.text("")]), .integer(0))
    }

    func testBigDecimalsKeepEveryDigit() throws {
        let connection = try connect()
        try makeTable(connection)
        let amounts = ["12345678901234567890.123456789012345678", "-0.000000000000000000001", "0.1", "100"]
        for amount in amounts {
            try connection.run("INSERT INTO callguide.cards (balance) VALUES ($1)", [.text(amount)])
        }
        XCTAssertEqual(try connection.query("SELECT balance FROM callguide.cards ORDER BY id").map { $0[0] }, amounts.map { .text($0) })
        XCTAssertEqual(
            try connection.scalar("SELECT sum(balance) FROM callguide.cards"), .text("12345678901234567990.223456789012345677999"))
    }

    func testNumbersAtTheirLimits() throws {
        let connection = try connect()
        for number in [Int64.max, Int64.min, 0, -1] {
            XCTAssertEqual(try connection.scalar("SELECT $1::bigint", [.integer(number)]), .integer(number))
        }
        for number in [0.1, -2.5e-300, 1.7976931348623157e308, Double.infinity, -Double.infinity] {
            XCTAssertEqual(try connection.scalar("SELECT $1::double precision", [.real(number)]), .real(number))
        }
        guard case .real(let nan) = try connection.scalar("SELECT $1::float8", [.real(.nan)]) else { return XCTFail("NaN is not a double") }
        XCTAssertTrue(nan.isNaN)
        // Without a cast a value takes the type its place calls for.
        XCTAssertEqual(try connection.scalar("SELECT $1 + 1", [.integer(41)]), .integer(42))
        XCTAssertEqual(try connection.scalar("SELECT $1", [.integer(41)]), .text("41"))
    }

    func testTextWithANulCharacterIsRefusedNotCut() throws {
        let connection = try connect()
        try makeTable(connection)
        let redacted = PostgresLocation.redacted(location)
        assertPostgresError(.invalidParameter(location: redacted, position: 2, reason: "text cannot hold a NUL character")) {
            try connection.run("INSERT INTO callguide.cards (name, phone) VALUES ($1, $2)", [.text("Olena"), .text("050\u{0}111")])
        }
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM callguide.cards"), .integer(0))
    }

    func testATransactionThatFailsStoresNothing() throws {
        struct Interrupted: Error {}
        let connection = try connect()
        try makeTable(connection)
        XCTAssertThrowsError(
            try connection.writeTransaction {
                try connection.run("INSERT INTO callguide.cards (name) VALUES ($1)", [.text("first")])
                // A nested transaction joins the outer one: its rows go too.
                try connection.writeTransaction {
                    try connection.run("INSERT INTO callguide.cards (name) VALUES ($1)", [.text("second")])
                }
                throw Interrupted()
            })
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM callguide.cards"), .integer(0))
        // A failing statement rolls back too, and the session is usable after.
        XCTAssertThrowsError(
            try connection.writeTransaction {
                try connection.run("INSERT INTO callguide.cards (name) VALUES ($1)", [.text("first")])
                try connection.run("INSERT INTO callguide.cards (id) VALUES (1), (1)")
            })
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM callguide.cards"), .integer(0))
        let kept = try connection.writeTransaction {
            try connection.scalar("INSERT INTO callguide.cards (name) VALUES ($1) RETURNING name", [.text("kept")])
        }
        XCTAssertEqual(kept, .text("kept"))
        XCTAssertEqual(try connect().scalar("SELECT count(*) FROM callguide.cards"), .integer(1))
    }

    func testAFailedStatementNamesItsCodeAndTheLocationWithoutPassword() throws {
        let connection = try connect()
        let error = postgresError { try connection.run("SELECT * FROM callguide.nowhere") }
        guard case .server(let where_, let code, let message) = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(code, "42P01")
        XCTAssertEqual(message, "relation \"callguide.nowhere\" does not exist")
        XCTAssertEqual(where_, cluster.tcpURI(database: database, password: "***"))
        XCTAssertFalse(String(describing: error!).contains(TestPostgresCluster.appPassword))
    }

    func testTheTrigramExtensionIsAvailableToTheDatabaseOwner() throws {
        let connection = try connect()
        try makeTable(connection)
        // pg_trgm is a trusted extension: the database's owner may create it
        // without being a superuser.
        try connection.run("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA callguide")
        try connection.run("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA callguide")
        try connection.run("CREATE INDEX cards_name_trgm ON callguide.cards USING gin (name callguide.gin_trgm_ops)")
        for name in ["Olena Kovalchuk", "Oleh Petrenko", "Iryna Kovalenko"] {
            try connection.run("INSERT INTO callguide.cards (name) VALUES ($1)", [.text(name)])
        }
        let found = try connection.query(
            "SELECT name FROM callguide.cards WHERE name ILIKE '%' || $1 || '%' ORDER BY name, id", [.text("koval")])
        XCTAssertEqual(found.map { $0[0] }, [.text("Iryna Kovalenko"), .text("Olena Kovalchuk")])
        guard case .real(let similarity) = try connection.scalar(
            "SELECT callguide.similarity($1, $2)", [.text("Kovalchuk"), .text("Kovalchuk O")])
        else { return XCTFail("similarity is not a number") }
        XCTAssertGreaterThan(similarity, 0.5)
    }

    func testAPasswordFileWorksAsForPsql() throws {
        // libpq's own parameters reach libpq: here `passfile`, the
        // ~/.pgpass format, so no password is on the command line.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "127.0.0.1:\(cluster.port):*:\(TestPostgresCluster.appUser):\(TestPostgresCluster.appPassword)\n"
            .write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let uri = cluster.tcpURI(database: database, password: nil) + "?passfile=\(file.path)"
        XCTAssertEqual(try PostgresConnection(location: uri).scalar("SELECT current_user"), .text(TestPostgresCluster.appUser))
    }

    // MARK: Taking work without two operators taking the same

    private func makeQueue(_ connection: PostgresConnection, rows: Int) throws {
        try connection.executeScript("CREATE SCHEMA callguide; CREATE TABLE callguide.queue (id integer PRIMARY KEY, taken_by text)")
        try connection.run("INSERT INTO callguide.queue (id) SELECT g FROM generate_series(1, $1::integer) AS g", [.integer(Int64(rows))])
    }

    private static let takeOne = """
        SELECT id FROM callguide.queue WHERE taken_by IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
        """

    func testTwoSessionsSkipEachOthersLockedRows() throws {
        let first = try connect()
        let second = try connect()
        try makeQueue(first, rows: 3)
        try first.executeScript("BEGIN")
        try second.executeScript("BEGIN")
        XCTAssertEqual(try first.scalar(Self.takeOne), .integer(1))
        XCTAssertEqual(try second.scalar(Self.takeOne), .integer(2))
        // Once the first lets go of its row without taking it, it is free again.
        try first.executeScript("ROLLBACK")
        XCTAssertEqual(try connect().scalar("SELECT count(*) FROM callguide.queue WHERE id = 1"), .integer(1))
        try first.executeScript("BEGIN")
        XCTAssertEqual(try first.scalar(Self.takeOne), .integer(1))
        try first.executeScript("COMMIT")
        try second.executeScript("COMMIT")
    }

    func testOperatorsTakingWorkAtOnceNeverTakeTheSameRow() throws {
        let rows = 60
        try makeQueue(try connect(), rows: rows)
        let location = self.location!
        let workers = 2
        let group = DispatchGroup()
        let failures = LockedList()
        for worker in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let connection = try PostgresConnection(location: location)
                    while true {
                        let taken = try connection.writeTransaction { () -> Bool in
                            guard case .integer(let id) = try connection.scalar(Self.takeOne) else { return false }
                            try connection.run(
                                "UPDATE callguide.queue SET taken_by = coalesce(taken_by, '') || $1 WHERE id = $2",
                                [.text("w\(worker);"), .integer(id)])
                            return true
                        }
                        if !taken { break }
                    }
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(failures.items, [])
        let connection = try connect()
        // Every row was taken, and each by exactly one worker.
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM callguide.queue WHERE taken_by IS NULL"), .integer(0))
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM callguide.queue WHERE taken_by NOT IN ('w0;', 'w1;')"), .integer(0))
    }
}

/// Strings appended from several threads.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ item: String) { lock.withLock { storage.append(item) } }
    var items: [String] { lock.withLock { storage } }
}
