import CallGuide
import CallGuideStore
import Foundation
import PostgresTestServer
import XCTest

/// store.md 3 through the real binary on one PostgreSQL store shared by two
/// workspaces: until pushed each workspace's own settings apply; once
/// pushed the store's win, and a workspace that says otherwise is told.
final class PostgresCentreSettingsTests: XCTestCase {
    func testPushedSettingsWinOnEveryWorkspaceAndADisagreeingOneIsTold() throws {
        let cluster = try TestPostgresCluster.shared()
        let database = try cluster.makeDatabase()
        defer { cluster.dropDatabase(database) }
        let uri = cluster.tcpURI(database: database)
        let shown = PostgresLocation.redacted(uri)
        let centre = try WorkspaceFixture.make(database: uri)
        let other = try WorkspaceFixture.make(database: uri)
        defer { centre.remove(); other.remove() }
        let configuration = centre.root + "/callguide.yaml"
        let text = try String(contentsOfFile: configuration, encoding: .utf8)
        try (text + "\nphone: {country: 380, trunk: \"0\"}\ntimezone: Europe/Kyiv\n").write(toFile: configuration, atomically: true, encoding: .utf8)
        XCTAssertEqual(try centre.callguide(["db", "migrate", "--db", uri]).status, 0)

        let none = try other.callguide(["db", "config", "show", "--db", uri])
        XCTAssertEqual(none.stdout, "\(shown) has no centre settings yet: each workspace's own callguide.yaml applies (callguide db config push stores them).\n")
        try "name,phone\nOlga,050 111 22 33\n".write(toFile: other.root + "/before.csv", atomically: true, encoding: .utf8)
        let before = try other.callguide(["card", "import", "before.csv", "--db", uri])
        XCTAssertEqual(before.stderr, "", "nothing pushed, nothing told")
        XCTAssertEqual(try other.card("C000001")["phone"]?.string, "050 111 22 33", "until pushed, the workspace's own (no phone:) applies")

        let pushed = try centre.callguide(["db", "config", "push", "--db", uri])
        XCTAssertEqual(pushed.status, 0, pushed.stderr)
        XCTAssertTrue(pushed.stdout.hasPrefix("Pushed the centre settings of \(configuration) to \(shown); every workspace on this store now uses them:\nphone: {\"country\":\"380\",\"trunk\":\"0\"}\ntimezone: \"Europe/Kyiv\"\ncard: "), pushed.stdout)

        try "name,phone\nIvan,067 123 45 67\n".write(toFile: other.root + "/after.csv", atomically: true, encoding: .utf8)
        let after = try other.callguide(["card", "import", "after.csv", "--db", uri])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(after.stderr, "callguide: this workspace's callguide.yaml differs from the centre settings in \(shown) (phone, timezone); the store's settings apply (callguide db config show)\n")
        XCTAssertEqual(try other.card("C000002")["phone"]?.string, "+380671234567", "the store's phone: applies")
        XCTAssertEqual(try other.card("067 123 45 67")["id"]?.string, "C000002")
        let agreeing = try centre.callguide(["card", "show", "C000002", "--db", uri])
        XCTAssertEqual(agreeing.stderr, "", "a workspace that agrees is not told")

        let show = try other.callguide(["db", "config", "show", "--db", uri])
        XCTAssertEqual(show.status, 0, show.stderr)
        let lines = show.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("Centre settings in \(shown), pushed ") == true, show.stdout)
        XCTAssertEqual(lines.dropFirst().first, "phone: {\"country\":\"380\",\"trunk\":\"0\"}")
        XCTAssertEqual(lines.last, "This workspace's callguide.yaml differs in phone, timezone; the store's settings apply.")

        let usage = try other.callguide(["db", "config", "pull", "--db", uri])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("db config takes push or show"), usage.stderr)
    }
}
