import CallGuide
import CallGuideStore
import Foundation
import PostgresTestServer
import XCTest

/// store.md 2 with a real server: the server stopped in the middle of a
/// call and started again (the call finishes, `sync` stores it), a server
/// down when a call starts (the call goes on without its card), and two
/// `sync` processes at once. Each test has a cluster of its own, since it
/// stops the server.
final class PostgresStoreAwayTests: XCTestCase {
    var cluster: TestPostgresCluster!
    var uri = ""
    let phone = "+7 900 123-45-67"

    override func setUpWithError() throws {
        cluster = try TestPostgresCluster()
        uri = cluster.tcpURI(database: try cluster.makeDatabase())
    }

    override func tearDown() {
        cluster?.destroy()
    }

    func migratedWorkspace() throws -> WorkspaceFixture {
        let workspace = try WorkspaceFixture.make(database: uri)
        let migrated = try workspace.callguide(["db", "migrate", "--db", uri])
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        return workspace
    }

    var shown: String { PostgresLocation.redacted(uri) }

    func testTheServerStoppedInTheMiddleOfACallThenSyncStoresIt() throws {
        let workspace = try migratedWorkspace()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: phone, answers: WorkspaceFixture.answers()).status, 0)

        let call = try LiveCallguide(["run", workspace.script, "--operator", "lena", "--db", uri, "--card", phone], in: workspace.root)
        call.type(["Olga K", "Acme"])
        XCTAssertTrue(LiveCallguide.wait { call.output.contains("Budget?") }, call.output)
        cluster.stopServer()
        call.type(["500", "potential", "yes", "yes", "9"])
        XCTAssertEqual(call.finish(timeout: 60), 2, call.output)
        XCTAssertTrue(call.output.contains("callguide: the call could not be stored ("), call.output)
        XCTAssertTrue(call.output.contains("nothing is lost: its transcript holds every answer, and 'callguide sync'"), call.output)
        XCTAssertFalse(call.output.contains(TestPostgresCluster.appPassword), call.output)
        let transcript = try workspace.transcript(of: "lena")
        XCTAssertEqual(transcriptEvents(transcript).last?["event"]?.string, "end", "the call finished")

        let whileDown = try workspace.callguide(["sync", "--db", uri])
        XCTAssertEqual(whileDown.status, 2, whileDown.stdout)
        XCTAssertFalse(whileDown.stdout.contains(TestPostgresCluster.appPassword), whileDown.stdout)

        try cluster.start()
        let synced = try workspace.callguide(["sync", "--db", uri])
        XCTAssertEqual(synced.status, 0, synced.stdout + synced.stderr)
        XCTAssertEqual(synced.stdout, "Stored 1 call in \(shown); 1 already stored.\n")
        let calls = try workspace.calls()
        XCTAssertEqual(calls.map { $0["operator"]?.string }, ["anna", "lena"])
        let card = try workspace.card("C000001")
        XCTAssertEqual(card["name"]?.string, "Olga K", "the call saw the card: a field only it changed is written")
        XCTAssertEqual(card["fields"]?["budget"]?.number, 500)

        let again = try workspace.callguide(["sync", "--db", uri])
        XCTAssertEqual(again.stdout, "Stored 0 calls in \(shown); 2 already stored.\n")
        XCTAssertEqual(try workspace.calls().count, 2)
    }

    func testAServerDownAtTheStartRunsTheCallWithoutTheCardAndSyncFindsIt() throws {
        let workspace = try migratedWorkspace()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: phone, answers: WorkspaceFixture.answers()).status, 0)
        cluster.stopServer()

        let known = try workspace.runCall(card: phone, operator: "lena", answers: WorkspaceFixture.answers(name: "Olga K", budget: "500"))
        XCTAssertEqual(known.status, 2, known.stderr)
        let notice = known.stderr.split(separator: "\n").filter { $0.contains("the card cannot be read now") }
        XCTAssertEqual(notice, ["callguide: the card cannot be read now (the PostgreSQL server at \(shown) cannot be reached (Connection refused)); the call goes on without it, and is stored with the card later (callguide sync)"])
        XCTAssertTrue(known.stdout.contains("Name?"), "the call ran: \(known.stdout)")
        XCTAssertFalse((known.stdout + known.stderr).contains(TestPostgresCluster.appPassword))
        let start = try XCTUnwrap(transcriptEvents(try workspace.transcript(of: "lena")).first)
        XCTAssertEqual(start["card"], .null)
        XCTAssertEqual(start["card_key"]?.string, phone)
        XCTAssertEqual(start["card_available"], .bool(false))

        let newCaller = try workspace.runCall(card: "+7 900 555-00-01", operator: "ira", answers: WorkspaceFixture.answers(name: "Petr"))
        XCTAssertEqual(newCaller.status, 2, newCaller.stderr)

        try cluster.start()
        let synced = try workspace.callguide(["sync", "--db", uri])
        XCTAssertEqual(synced.status, 0, synced.stdout + synced.stderr)
        XCTAssertEqual(synced.stdout, "Stored 2 calls in \(shown); 1 already stored.\n")

        // The call never saw the card: every field the card has is a
        // conflict, even one it would set to the same value.
        let card = try workspace.card("C000001")
        XCTAssertEqual(card["name"]?.string, "Olga")
        XCTAssertEqual(card["fields"]?["budget"]?.number, 450)
        let lena = try XCTUnwrap(try workspace.calls().first { $0["operator"]?.string == "lena" })
        XCTAssertEqual(lena["card"]?.string, "C000001")
        let conflicts = lena["card_changes_not_applied"]?.elements.compactMap { $0["field"]?.string } ?? []
        XCTAssertEqual(conflicts, ["budget", "company", "name", "status"], "\(lena)")

        // A new caller's card is made when the call is stored.
        let petr = try workspace.card("+7 900 555-00-01")
        XCTAssertEqual(petr["id"]?.string, "C000002")
        XCTAssertEqual(petr["name"]?.string, "Petr")
        XCTAssertEqual(petr["calls"]?.elements.count, 1)
    }

    func testTwoSyncsAtOnceStoreEachCallOnce() throws {
        let workspace = try migratedWorkspace()
        defer { workspace.remove() }
        var away = workspace
        away.database = "postgresql://\(TestPostgresCluster.appUser)@127.0.0.1:\(try FreePort.onLoopback())/centre"
        for index in 0..<12 {
            let result = try away.runCall(card: index.isMultiple(of: 2) ? "+7 900 777-00-01" : nil, operator: "op\(index)",
                                          answers: WorkspaceFixture.answers(name: "Client \(index)"))
            XCTAssertEqual(result.status, 2, result.stderr)
        }
        try assertTwoSyncsStoreEachCallOnce(workspace, calls: 12)
        let withCard = try workspace.calls().filter { $0["card"] != .null }
        XCTAssertEqual(withCard.count, 6)
        XCTAssertEqual(Set(withCard.compactMap { $0["card"]?.string }), ["C000001"], "one card for the new caller, made once")
    }
}
