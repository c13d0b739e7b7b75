import Foundation
import XCTest

/// `callguide db status | migrate` on a workspace's SQLite file, through the
/// real binary (the PostgreSQL side is in PostgresCommandTests).
final class DbCommandTests: XCTestCase {
    func testStatusAndMigrateOfTheWorkspacesFile() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let missing = try workspace.callguide(["db", "status", "--db", workspace.database])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "callguide: \(workspace.database): no database here yet (no call has been stored in this workspace); give --db or $CALLGUIDE_DB, or run a call first\n")
        let migrated = try workspace.callguide(["db", "migrate", "--db", workspace.database])
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        XCTAssertTrue(migrated.stdout.hasPrefix("\(workspace.database): schema none -> "), migrated.stdout)
        XCTAssertEqual(try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers()).status, 0)
        let status = try workspace.callguide(["db", "status", "--db", workspace.database])
        XCTAssertEqual(status.status, 0, status.stderr)
        let lines = status.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "store: SQLite \(workspace.database)")
        XCTAssertTrue(lines.contains("cards: 1") && lines.contains("calls: 1") && lines.last == "writable: yes", status.stdout)
        XCTAssertTrue(lines[1].hasSuffix("(up to date)"), status.stdout)
    }

    func testDatabaseInCallguideYamlIsRelativeToTheWorkspace() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let configuration = workspace.root + "/callguide.yaml"
        try (try String(contentsOfFile: configuration, encoding: .utf8) + "\ndatabase: data/centre.db\n")
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: workspace.root + "/data", withIntermediateDirectories: true)
        let migrated = try workspace.callguide(["db", "migrate"], environment: ["CALLGUIDE_DB": nil])
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.root + "/data/centre.db"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.database))
    }

    func testUsageErrors() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let none = try workspace.callguide(["db"])
        XCTAssertEqual(none.status, 2)
        XCTAssertEqual(none.stderr, "callguide db: expected one of status, migrate, copy, config; see 'callguide db --help'\n")
        let typo = try workspace.callguide(["db", "stauts"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("unknown action 'stauts'") && typo.stderr.contains("status"), typo.stderr)
        XCTAssertEqual(try workspace.callguide(["db", "copy", "a.db"]).status, 2)
    }
}
