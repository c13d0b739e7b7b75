import CallGuide
import CallGuideStore
import Foundation
import PostgresTestServer
import XCTest

/// The commands on a PostgreSQL store, through the real binary, against the
/// tests' own server: `db status` and `db migrate`, a call with a card, `card
/// show`, `calls`, `report`, the same output as on SQLite, and the errors of
/// store.md (one sentence, exit 2, the password never printed).
final class PostgresCommandTests: XCTestCase {
    var cluster: TestPostgresCluster!
    var databases: [String] = []

    override func setUpWithError() throws {
        cluster = try TestPostgresCluster.shared()
    }

    override func tearDownWithError() throws {
        for database in databases { cluster.dropDatabase(database) }
    }

    /// A new empty database's URI (with the app user's password in it).
    func newDatabase() throws -> String {
        let database = try cluster.makeDatabase()
        databases.append(database)
        return cluster.tcpURI(database: database)
    }

    func assertOneSentenceWithoutPassword(_ result: ProcessResult, contains expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(expected), result.stderr, file: file, line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr, file: file, line: line)
        XCTAssertFalse((result.stdout + result.stderr).contains(TestPostgresCluster.appPassword), file: file, line: line)
    }

    func testStatusAndMigrateThenACallWithACardAndTheListings() throws {
        let uri = try newDatabase()
        let workspace = try WorkspaceFixture.make(database: uri)
        defer { workspace.remove() }
        let shown = uri.replacingOccurrences(of: TestPostgresCluster.appPassword, with: "***")

        let before = try workspace.callguide(["db", "status", "--db", uri])
        XCTAssertEqual(before.status, 0, before.stderr)
        XCTAssertEqual(before.stdout, "store: PostgreSQL \(shown)\nschema: none yet (run callguide db migrate)\nwritable: yes\n")
        // Only db migrate makes the schema: a call is refused before it starts.
        assertOneSentenceWithoutPassword(
            try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers()),
            contains: "\(shown) has no callguide store yet (no schema 'callguide'); the person who runs the database creates it with callguide db migrate")

        let migrated = try workspace.callguide(["db", "migrate", "--db", uri])
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        XCTAssertEqual(migrated.stdout, "\(shown): schema none -> \(CardStore.schemaVersion).\n")
        XCTAssertEqual(try workspace.callguide(["db", "migrate", "--db", uri]).stdout, "\(shown): schema \(CardStore.schemaVersion), already up to date.\n")

        let call = try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers(budget: "1250.50"))
        XCTAssertEqual(call.status, 0, call.stderr)
        XCTAssertTrue(call.stdout.contains("New caller: card C000001 created for +7 900 123-45-67."), call.stdout)
        let again = try workspace.runCall(card: "79001234567", operator: "lena", answers: WorkspaceFixture.answers(name: "Olga K"))
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("Card C000001: Olga, +7 900 123-45-67 [potential]"), again.stdout)

        let card = try workspace.card("C000001")
        XCTAssertEqual(card["name"]?.string, "Olga K")
        XCTAssertEqual(card["fields"]?["budget"]?.number, Decimal(string: "450"))
        XCTAssertEqual(card["calls"]?.elements.count, 2)
        let calls = try workspace.calls()
        XCTAssertEqual(calls.map { $0["operator"]?.string }, ["anna", "lena"])
        let report = try workspace.callguide(["report", "--by", "operator", "--db", uri, "--format", "csv"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertEqual(report.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") }, ["anna,1", "lena,1"])

        let status = try workspace.callguide(["db", "status", "--db", uri])
        XCTAssertEqual(status.stdout, "store: PostgreSQL \(shown)\nschema: \(CardStore.schemaVersion) (up to date)\ncards: 1\ncalls: 2\ntasks: 0\nwritable: yes\n")
    }

    func testTheSameCardsGiveTheSameListingsOnBothStores() throws {
        let uri = try newDatabase()
        let postgres = try WorkspaceFixture.make(database: uri)
        let sqlite = try WorkspaceFixture.make()
        defer { postgres.remove(); sqlite.remove() }
        XCTAssertEqual(try postgres.callguide(["db", "migrate", "--db", uri]).status, 0)
        // Code-point order, callguide's own case folding, ties by id.
        let csv = "name,phone,email,company\nÉmile Zola,+33 1 23 45 67 89,emile@example.com,Zeta\némile b,+33 1 23 45 67 80,,alpha\n"
            + "Ivan Petrov,+7 900 123 45 67,IVAN@EXAMPLE.COM,Ёлка\nОлена Коваленко,+380 44 555 12 34,,\nzed,,z@example.com,Émile & Co\n"
        for workspace in [sqlite, postgres] {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: workspace.root + "/cards.csv"))
            XCTAssertEqual(try workspace.callguide(["card", "import", "cards.csv", "--db", workspace.database]).status, 0)
        }
        for arguments in [["card", "find", "émile"], ["card", "find", "ÉMI"], ["card", "find", "123"], ["card", "find", "e"],
                          ["card", "find", "ёлк"], ["card", "export", "--format", "csv"], ["card", "show", "+380445551234"]] {
            let onSQLite = try sqlite.callguide(arguments + ["--db", sqlite.database])
            let onPostgres = try postgres.callguide(arguments + ["--db", uri])
            XCTAssertEqual(onSQLite.status, 0, onSQLite.stderr)
            XCTAssertEqual(onPostgres.stdout, onSQLite.stdout, arguments.joined(separator: " "))
            XCTAssertEqual(onPostgres.status, onSQLite.status)
        }
        XCTAssertEqual(try sqlite.callguide(["card", "find", "émile", "--db", sqlite.database]).stdout.split(separator: "\n").count > 2, true)
    }

    func testCopyFromSQLiteToPostgreSQLThenTheCommandsSeeTheSameData() throws {
        let uri = try newDatabase()
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers()).status, 0)
        XCTAssertEqual(try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers(name: "Olga K")).status, 0)
        let shown = uri.replacingOccurrences(of: TestPostgresCluster.appPassword, with: "***")
        let copied = try workspace.callguide(["db", "copy", workspace.database, uri])
        XCTAssertEqual(copied.status, 0, copied.stderr)
        // Tasks too, once the schema has them (none here).
        XCTAssertTrue(copied.stdout.hasPrefix("Copied \(workspace.database) to \(shown): 1 card, 2 calls"), copied.stdout)
        XCTAssertTrue(copied.stdout.hasSuffix("; the counts match \(workspace.database).\n"), copied.stdout)
        for arguments in [["card", "show", "C000001"], ["calls", "--format", "csv"], ["report", "--by", "operator"], ["report", "--by", "week"],
                          ["report", "offers", "--format", "json"], ["report", "funnel", "--format", "json"],
                          ["report", "answers", "budget", "--format", "json"], ["report", "answers", "buy", "--by", "operator"],
                          ["report", "repeat", "--format", "json"]] {
            let onSQLite = try workspace.callguide(arguments + ["--db", workspace.database])
            let onPostgres = try workspace.callguide(arguments + ["--db", uri])
            XCTAssertEqual(onSQLite.status, 0, arguments.joined(separator: " ") + ": " + onSQLite.stderr)
            XCTAssertFalse(onSQLite.stdout.isEmpty, arguments.joined(separator: " "))
            XCTAssertEqual(onPostgres.stdout, onSQLite.stdout, arguments.joined(separator: " "))
        }
        // Twice: the target is no longer empty.
        assertOneSentenceWithoutPassword(
            try workspace.callguide(["db", "copy", workspace.database, uri]),
            // 7 answers and 1 offer per call; 7 questions in the script; the
            // card made (1) and set to 'potential' by the first call (1).
            contains: "\(shown) already holds 1 card, 2 calls, 14 call answers, 2 call offers, 7 script questions, 2 status changes; db copy only fills an empty store, and nothing was copied")
    }

    /// Sixteen operators' processes on one PostgreSQL store, a hundred calls
    /// each, every one changing one shared card: none lost, none refused,
    /// the card created once.
    func testSixteenProcessesStoringAHundredCallsEachLoseNothing() throws {
        let uri = try newDatabase()
        let workspace = try WorkspaceFixture.make(database: uri)
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.callguide(["db", "migrate", "--db", uri]).status, 0)
        let writers = try (0..<16).map { index in
            try LiveCallguide(["__store-calls", "100", "--db", uri, "--operator", "w\(index)"], in: workspace.root)
        }
        for (index, writer) in writers.enumerated() {
            XCTAssertEqual(writer.finish(timeout: 120), 0, "writer \(index): \(writer.output)")
        }
        let calls = try workspace.calls()
        XCTAssertEqual(calls.count, 1600)
        XCTAssertEqual(Set(calls.compactMap { $0["id"]?.string }).count, 1600)
        for index in 0..<16 {
            XCTAssertEqual(calls.filter { $0["operator"]?.string == "w\(index)" }.count, 100, "writer \(index)")
        }
        XCTAssertEqual(Set(calls.compactMap { $0["card"]?.string }), ["C000001"], "all on one shared card, created once")
    }

    func testDatabaseInCallguideYamlNamesTheStore() throws {
        let uri = try newDatabase()
        let workspace = try WorkspaceFixture.make(database: uri)
        defer { workspace.remove() }
        let configuration = workspace.root + "/callguide.yaml"
        let text = try String(contentsOfFile: configuration, encoding: .utf8)
        try (text + "\ndatabase: \"\(uri)\"\n").write(toFile: configuration, atomically: true, encoding: .utf8)
        let status = try workspace.callguide(["db", "status"], environment: ["CALLGUIDE_DB": nil])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.hasPrefix("store: PostgreSQL postgresql://\(TestPostgresCluster.appUser):***@"), status.stdout)
        // $CALLGUIDE_DB comes before it, --db before both.
        let overridden = try workspace.callguide(["db", "status"], environment: ["CALLGUIDE_DB": workspace.root + "/none.db"])
        XCTAssertEqual(overridden.status, 2)
        XCTAssertTrue(overridden.stderr.contains("none.db: no database here yet"), overridden.stderr)
    }

    func testAWrongPasswordIsOneSentenceWithoutThePassword() throws {
        let database = try cluster.makeDatabase()
        databases.append(database)
        let uri = cluster.tcpURI(database: database, password: "wrong-secret")
        let workspace = try WorkspaceFixture.make(database: uri)
        defer { workspace.remove() }
        try FileManager.default.createDirectory(atPath: workspace.root + "/transcripts", withIntermediateDirectories: true)
        for arguments in [["db", "status"], ["db", "migrate"], ["calls"], ["card", "show", "C000001"], ["report"], ["sync"], ["db", "config", "push"], ["db", "config", "show"]] {
            let result = try workspace.callguide(arguments + ["--db", uri])
            assertOneSentenceWithoutPassword(result, contains: "refused the login (password authentication failed for user")
            XCTAssertFalse(result.stderr.contains("wrong-secret"), result.stderr)
        }
        assertOneSentenceWithoutPassword(try workspace.runCall(card: nil, answers: WorkspaceFixture.answers()), contains: "refused the login")
    }

    func testAnUnreachableHostIsOneSentence() throws {
        let closed = try FreePort.onLoopback()
        let uri = "postgresql://\(TestPostgresCluster.appUser):\(TestPostgresCluster.appPassword)@127.0.0.1:\(closed)/centre"
        let workspace = try WorkspaceFixture.make(database: uri)
        defer { workspace.remove() }
        try FileManager.default.createDirectory(atPath: workspace.root + "/transcripts", withIntermediateDirectories: true)
        for arguments in [["db", "status"], ["calls"], ["sync"], ["db", "config", "show"], ["tasks"]] {
            assertOneSentenceWithoutPassword(try workspace.callguide(arguments + ["--db", uri]), contains: "cannot be reached (Connection refused)")
        }
    }

    func testAnotherProgramsSchemaAndANewerSchemaAreRefused() throws {
        let foreign = try cluster.makeDatabase()
        databases.append(foreign)
        try cluster.adminExecute("CREATE SCHEMA callguide; CREATE TABLE callguide.invoices (n integer)", database: foreign)
        let foreignURI = cluster.tcpURI(database: foreign)
        let workspace = try WorkspaceFixture.make(database: foreignURI)
        defer { workspace.remove() }
        for arguments in [["db", "status"], ["db", "migrate"], ["calls"], ["db", "config", "push"]] {
            assertOneSentenceWithoutPassword(try workspace.callguide(arguments + ["--db", foreignURI]), contains: "is not a callguide database")
        }
        // A store set up wrong is refused before the call, not run without the card.
        assertOneSentenceWithoutPassword(try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers()), contains: "is not a callguide database")

        let newer = try newDatabase()
        XCTAssertEqual(try workspace.callguide(["db", "migrate", "--db", newer]).status, 0)
        let newerVersion = CardStore.schemaVersion + 1
        try cluster.adminExecute("UPDATE callguide.schema_version SET version = \(newerVersion)", database: databases.last!)
        var onNewer = workspace
        onNewer.database = newer
        assertOneSentenceWithoutPassword(try onNewer.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers()), contains: "was written by a newer callguide")
        assertOneSentenceWithoutPassword(
            try workspace.callguide(["calls", "--db", newer]), contains: "was written by a newer callguide (schema \(newerVersion), this one knows \(CardStore.schemaVersion)); use a callguide that knows schema \(newerVersion)")
        let status = try workspace.callguide(["db", "status", "--db", newer])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("schema: \(newerVersion), newer than this callguide's \(CardStore.schemaVersion) (use a callguide that knows schema \(newerVersion))"), status.stdout)
    }
}
