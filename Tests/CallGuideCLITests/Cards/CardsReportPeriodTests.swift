import CallGuide
import Foundation
import XCTest

/// `--since`/`--until` words through the real binary, for `calls`, `report`
/// and `report tasks` alike.
final class CardsReportPeriodTests: XCTestCase {
    func testNamedPeriodsSelectTodaysCallAndSinceAfterUntilExitsTwo() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: nil, answers: WorkspaceFixture.answers()).status, 0)

        for since in ["today", "7d", "30d", "this-month"] {
            XCTAssertEqual(try workspace.calls(["--since", since]).count, 1, since)
            let rows = try workspace.json(["report", "--since", since, "--until", "today", "--format", "json", "--db", workspace.database]).elements
            XCTAssertEqual(rows.first?["calls"]?.number, 1, "\(since): \(rows)")
        }
        XCTAssertEqual(try workspace.calls(["--since", "yesterday", "--until", "yesterday"]).count, 0)
        XCTAssertEqual(try workspace.calls(["--until", "yesterday"]).count, 0)

        for command in [["calls"], ["report"], ["report", "tasks"]] {
            let reversed = try workspace.callguide(command + ["--since", "today", "--until", "yesterday", "--db", workspace.database])
            XCTAssertEqual(reversed.status, 2, "\(command): \(reversed.stderr)")
            XCTAssertTrue(reversed.stderr.contains("is after '--until yesterday'"), reversed.stderr)
            let unknown = try workspace.callguide(command + ["--since", "last-week", "--db", workspace.database])
            XCTAssertEqual(unknown.status, 2, "\(command): \(unknown.stderr)")
            XCTAssertTrue(unknown.stderr.contains("'last-week'"), unknown.stderr)
        }
    }
}
