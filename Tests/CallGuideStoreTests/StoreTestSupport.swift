import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// Which store a test runs on.
enum StoreBackend {
    case sqlite
    case postgres
}

/// A fresh folder per test, removed afterwards, and a fresh store: a
/// SQLite file in the folder, or (in the `Postgres…` subclasses, which run
/// every test of their parent again) a new database on the tests' own
/// PostgreSQL server, migrated, dropped afterwards. Tests open stores with
/// `makeStore`/`openStore`, so the same test runs on both.
class StoreTestCase: XCTestCase {
    var folder: URL!
    /// The PostgreSQL databases this test made, by store name.
    private var databases: [String: String] = [:]

    /// Overridden by the PostgreSQL subclasses.
    var backend: StoreBackend { .sqlite }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("callguide-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        if !databases.isEmpty, let cluster = try? TestPostgresCluster.shared() {
            for database in databases.values { cluster.dropDatabase(database) }
        }
        databases = [:]
    }

    func dbPath(_ name: String = "callguide.db") -> String {
        folder.appendingPathComponent(name).path
    }

    /// Where the store called `name` is: a file in the test's folder, or a
    /// database of its own on the test server (made and migrated on first
    /// use, as `callguide db migrate` would).
    func storeLocation(_ name: String = "callguide.db") throws -> String {
        switch backend {
        case .sqlite:
            return dbPath(name)
        case .postgres:
            let cluster = try TestPostgresCluster.shared()
            if let database = databases[name] { return cluster.tcpURI(database: database) }
            let database = try cluster.makeDatabase()
            databases[name] = database
            let location = cluster.tcpURI(database: database)
            try StoreAdministration.migrate(location: location)
            return location
        }
    }

    func makeStore(_ schema: CardSchema = CardSchema()) throws -> CardStore {
        try openStore(schema: schema)
    }

    func openStore(
        _ name: String = "callguide.db", schema: CardSchema = CardSchema(), readOnly: Bool = false, busyTimeout: Double = 5,
        timeZone: TimeZone = .current
    ) throws -> CardStore {
        try CardStore(path: storeLocation(name), schema: schema, readOnly: readOnly, busyTimeout: busyTimeout, timeZone: timeZone)
    }

    /// For the few tests about SQLite files themselves (modes, side files).
    func skipUnlessSQLite() throws {
        try XCTSkipIf(backend != .sqlite, "about SQLite files")
    }


    func record(
        _ id: String, card: String?, operator op: String = "olga", script: String = "order", start: Date = Date(timeIntervalSince1970: 1_714_550_400),
        seconds: Double = 60, outcome: String = "sale", converted: Bool = false, nps: Int? = nil, offers: [Bool] = []
    ) -> CallRecord {
        CallRecord(
            id: id, cardId: card, operator: op, scriptId: script, scriptVersion: "1", startedAt: start,
            endedAt: start.addingTimeInterval(seconds), outcome: outcome, converted: converted,
            answers: [.init(node: "name", value: .string("Ivan"))], notes: ["called back"], npsScore: nps,
            offers: offers.enumerated().map { .init(node: "upsell\($0.offset)", item: [ItemEntry(key: "sku", value: .string("X1"))], accepted: $0.element) })
    }
}

extension XCTestCase {
    /// Fails unless `body` throws exactly `expected` (store tests on either database).
    func assertStoreError(_ expected: StoreError, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertEqual(error, expected, file: file, line: line)
        } catch {
            XCTFail("expected \(expected), got \(error)", file: file, line: line)
        }
    }
}

extension CardFieldDeclaration {
    static func field(_ name: String, _ type: AnswerType, _ options: [String] = []) -> CardFieldDeclaration {
        CardFieldDeclaration(name: name, type: type, options: options, location: .unknown)
    }
}
