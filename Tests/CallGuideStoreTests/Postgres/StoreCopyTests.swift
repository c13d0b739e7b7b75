import CSQLite
import CallGuide
@testable import CallGuideStore
import XCTest

/// `db copy` between the two stores (store.md 3): ids, revisions and
/// history kept, counts checked, a non-empty target refused, a failed copy
/// leaves the target as it was, new ids continue after the copied ones.
final class StoreCopyTests: PostgresTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("callguide-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Three cards (one changed twice), two calls (one with a conflict).
    func fillSQLite(_ file: String) throws -> CardStore {
        let store = try CardStore(path: file, schema: CardSchema(fields: [.field("visits", .integer)]))
        let ivan = try store.createCard(["name": .string("Ivan"), "phone": .string("+7 900 111 22 33")])
        _ = try store.createCard(["name": .string("Олена"), "visits": .number(2)])
        _ = try store.createCard(["name": .string("Zed")])
        try store.setFields(ivan.id, ["region": .string("Kyiv")])
        let start = Date(timeIntervalSince1970: 1_714_550_400.25)
        let call = CallRecord(id: "call-1", cardId: ivan.id, operator: "olga", scriptId: "order", startedAt: start,
                              endedAt: start.addingTimeInterval(61.5), outcome: "sale", npsScore: 9, utcOffsetSeconds: 36_000)
        try store.storeCall(call, cardChanges: ["visits": .number(1)], cardRevisionAtStart: ivan.revision, transitions: nil)
        var second = call
        second.id = "call-2"
        try store.storeCall(second, cardChanges: ["region": .string("Lviv")], cardRevisionAtStart: ivan.revision, transitions: nil)
        return store
    }

    func testSQLiteToPostgreSQLAndBackKeepsEverything() throws {
        let source = try fillSQLite(path("source.db"))
        try source.pushCentreSettings(yaml: "timezone: \"Europe/Kyiv\"\n", by: "olga")
        let counts = try StoreAdministration.copy(from: path("source.db"), to: location)
        // Every table of the schema, parents first; tasks (from schema 2) are
        // empty here, and the reports' tables (schema 4) hold no answer or
        // offer but one status change per card made; the centre settings
        // pushed (schema 5) go too.
        XCTAssertEqual(counts.map(\.table), ["cards", "calls", "faq_lookups", "tasks", "task_calls", "call_answers", "call_offers", "script_questions", "status_changes",
                                              "centre_settings"])
        XCTAssertEqual(counts.map(\.rows), [3, 2, 0, 0, 0, 0, 0, 0, 3, 1])
        let copied = try CardStore(path: location, schema: source.schema)
        XCTAssertEqual(try copied.exportCards(), try source.exportCards())
        XCTAssertEqual(try copied.calls(CallFilter()), try source.calls(CallFilter()))
        XCTAssertEqual(try copied.calls(CallFilter()).map(\.utcOffsetSeconds), [36_000, 36_000], "each call keeps its own clock")
        XCTAssertEqual(try copied.fieldRevisions(of: "C000001"), try source.fieldRevisions(of: "C000001"))
        XCTAssertEqual(try copied.report(groupBy: .operator), try source.report(groupBy: .operator))
        // New ids continue after the copied ones.
        XCTAssertEqual(try copied.createCard([:]).id, "C000004")

        let back = try StoreAdministration.copy(from: location, to: path("back.db"))
        XCTAssertEqual(back.map(\.rows), [4, 2, 0, 0, 0, 0, 0, 0, 4, 1])
        XCTAssertEqual(try CardStore(path: path("back.db")).centreSettings()?.yaml, "timezone: \"Europe/Kyiv\"\n")
        let round = try CardStore(path: path("back.db"), schema: source.schema)
        XCTAssertEqual(try round.exportCards(), try copied.exportCards())
        XCTAssertEqual(try round.calls(CallFilter()), try source.calls(CallFilter()))
    }

    func testANonEmptyTargetIsRefusedAndLeftAlone() throws {
        _ = try fillSQLite(path("source.db"))
        try StoreAdministration.migrate(location: location)
        _ = try CardStore(path: location).createCard(["name": .string("Already here")])
        XCTAssertThrowsError(try StoreAdministration.copy(from: path("source.db"), to: location)) { error in
            XCTAssertEqual(error as? StoreError, .copyTargetNotEmpty(location: PostgresLocation.redacted(location), counts: "1 card, 1 status change"))
        }
        XCTAssertEqual(try CardStore(path: location).exportCards().map(\.name), ["Already here"])
    }

    func testAFailedCopyLeavesTheTargetAsItWas() throws {
        _ = try fillSQLite(path("source.db"))
        // A call naming a card the source does not have (foreign keys off):
        // PostgreSQL refuses it half-way through the copy.
        var db: OpaquePointer?
        XCTAssertEqual(sqlite3_open(path("source.db"), &db), SQLITE_OK)
        XCTAssertEqual(sqlite3_exec(db, "UPDATE calls SET card_id = 'C999999' WHERE id = 'call-2'", nil, nil, nil), SQLITE_OK)
        sqlite3_close(db)
        XCTAssertThrowsError(try StoreAdministration.copy(from: path("source.db"), to: location))
        let connection = try connect()
        XCTAssertEqual(try connection.scalar("SELECT pg_catalog.to_regnamespace('callguide') IS NULL").int, 1, "not even the schema is left")
    }
}
