import CallGuide
import Foundation
import XCTest

/// A database callguide cannot use is refused with one sentence naming the
/// file, exit 2, and nothing is written to it.
final class CardsDatabaseTests: XCTestCase {
    static let sqlite = "/usr/bin/sqlite3"

    func testFileThatIsNotADatabase() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let bytes = Data(String(repeating: "not a database at all\n", count: 300).utf8)
        try bytes.write(to: URL(fileURLWithPath: workspace.database))
        try assertRefused(workspace, reason: "not")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: workspace.database)), bytes, "nothing half-written")
    }

    func testSQLiteFileThatIsNotCallguides() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.sqlite), "no sqlite3 command")
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try sqlite(workspace.database, "CREATE TABLE invoices (n INTEGER); INSERT INTO invoices VALUES (1);"), "")
        try assertRefused(workspace, reason: "callguide")
        XCTAssertEqual(try sqlite(workspace.database, "SELECT group_concat(name) FROM sqlite_master;"), "invoices\n")
    }

    func testDatabaseFromANewerCallguide() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.sqlite), "no sqlite3 command")
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.callguide(["card", "set", "+7 900 123-45-67", "name=Olga", "--db", workspace.database]).status, 2,
                       "no such card yet")
        XCTAssertEqual(try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers()).status, 0)
        _ = try sqlite(workspace.database, "PRAGMA user_version = 999;")
        try assertRefused(workspace, reason: "newer")
        XCTAssertEqual(try sqlite(workspace.database, "SELECT count(*) FROM calls;"), "1\n", "nothing stored into it")
        XCTAssertEqual(try sqlite(workspace.database, "PRAGMA user_version;"), "999\n")
    }

    func testLockedDatabaseRefusesAWriterAfterTheBusyTimeout() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.sqlite), "no sqlite3 command")
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers()).status, 0)
        // A second process holds an exclusive lock with its standard input open.
        let holder = Process()
        let input = Pipe(), output = Pipe()
        holder.executableURL = URL(fileURLWithPath: Self.sqlite)
        holder.arguments = [workspace.database]
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        try input.fileHandleForWriting.write(contentsOf: Data("BEGIN EXCLUSIVE;\nSELECT 'held';\n".utf8))
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("held") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        // Readers are not blocked (WAL): the card can still be shown.
        let show = try workspace.callguide(["card", "show", "C000001", "--db", workspace.database])
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("Olga"), show.stdout)
        // A writer waits for the busy timeout, then gives up with one sentence.
        let started = Date()
        let result = try workspace.callguide(["card", "set", "C000001", "name=Changed", "--db", workspace.database])
        XCTAssertEqual(result.status, 2)
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
        XCTAssertEqual(result.stderr.split(whereSeparator: \.isNewline).count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains(workspace.database) && result.stderr.contains("locked"), result.stderr)
        XCTAssertEqual(result.stdout, "")
        try input.fileHandleForWriting.write(contentsOf: Data("ROLLBACK;\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        XCTAssertEqual(try workspace.card("C000001")["name"]?.string, "Olga", "nothing half-written")
    }

    /// `card show` and `run --card` both exit 2 with one sentence naming the file.
    private func assertRefused(_ workspace: WorkspaceFixture, reason: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let transcriptsBefore = Self.transcriptCount(workspace)
        let show = try workspace.callguide(["card", "show", "C000001", "--db", workspace.database])
        let run = try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers())
        for result in [show, run] {
            XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
            let lines = result.stderr.split(whereSeparator: \.isNewline)
            XCTAssertEqual(lines.count, 1, result.stderr, file: file, line: line)
            XCTAssertTrue(result.stderr.contains(workspace.database), result.stderr, file: file, line: line)
            XCTAssertTrue(result.stderr.contains(reason), result.stderr, file: file, line: line)
            XCTAssertFalse(result.stdout.contains("Name?"), "no call starts: \(result.stdout)", file: file, line: line)
        }
        XCTAssertEqual(Self.transcriptCount(workspace), transcriptsBefore, "no transcript started", file: file, line: line)
    }

    static func transcriptCount(_ workspace: WorkspaceFixture) -> Int {
        (FileManager.default.enumerator(atPath: workspace.root + "/transcripts")?.allObjects.count) ?? 0
    }

    private func sqlite(_ database: String, _ sql: String) throws -> String {
        let result = try ProcessRunner.run(Self.sqlite, arguments: [database, sql])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }
}
