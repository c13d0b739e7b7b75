import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// Issue 15, one day one clock, through the real binary: a call taken on a
/// machine 14 hours east of UTC, looked at from one 12 hours west (always
/// another day there), is on the day it was taken in `calls` (table, CSV,
/// JSON), `card show`, `report --by day` and `--since`.
final class CardsCallClockTests: XCTestCase {
    func testACallTakenInAnotherZoneIsOnItsOwnDayEverywhere() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let east: [String: String?] = ["TZ": "Etc/GMT-14"]  // POSIX signs: UTC+14
        let west: [String: String?] = ["TZ": "Etc/GMT+12"]  // UTC-12
        let run = try workspace.callguide(["run", workspace.script, "--operator", "anna", "--card", "+7 900 123-45-67", "--db", workspace.database],
                                          input: WorkspaceFixture.answers().joined(separator: "\n") + "\n", environment: east)
        XCTAssertEqual(run.status, 0, run.stderr)
        let there = try workspace.callguide(["calls", "--format", "json", "--db", workspace.database], environment: east)
        let takenDay = try XCTUnwrap(try JSONParser.parse(there.stdout).elements.first?["day"]?.string, there.stdout)

        let listed = try workspace.callguide(["calls", "--format", "json", "--db", workspace.database], environment: west)
        let call = try XCTUnwrap(try JSONParser.parse(listed.stdout).elements.first)
        XCTAssertEqual(call["day"]?.string, takenDay)
        XCTAssertTrue(call["started"]?.string?.hasPrefix(takenDay + "T") == true, "\(call)")
        XCTAssertTrue(call["started"]?.string?.hasSuffix("+14:00") == true, "\(call)")

        let byDay = try workspace.callguide(["report", "--by", "day", "--format", "json", "--db", workspace.database], environment: west)
        XCTAssertEqual(try JSONParser.parse(byDay.stdout).elements.map { $0["day"]?.string }, [takenDay], byDay.stdout)

        let table = try workspace.callguide(["calls", "--db", workspace.database], environment: west)
        let row = try XCTUnwrap(table.stdout.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(row.hasPrefix(takenDay + " "), table.stdout)
        XCTAssertTrue(row.contains("+14:00"), "another zone than the centre's is named: \(table.stdout)")
        let shown = try workspace.callguide(["card", "show", "+7 900 123-45-67", "--db", workspace.database], environment: west)
        XCTAssertTrue(shown.stdout.contains("\n" + takenDay + " ") && shown.stdout.contains("+14:00"), shown.stdout)

        let csv = try workspace.callguide(["calls", "--format", "csv", "--db", workspace.database], environment: west)
        let records = try CSV.read(csv.stdout)
        XCTAssertEqual(records.first?.fields.first, "started")
        XCTAssertEqual(records.first?.fields[6], "duration_s")
        let started = try XCTUnwrap(records.last?.fields.first)
        XCTAssertNotNil(started.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+14:00$"#, options: .regularExpression), started)
        XCTAssertTrue(started.hasPrefix(takenDay), started)
        XCTAssertNotNil(Int(records.last?.fields[6] ?? ""), "a duration is a number of seconds: \(csv.stdout)")

        let since = try workspace.callguide(["calls", "--since", takenDay, "--until", takenDay, "--format", "json", "--db", workspace.database], environment: west)
        XCTAssertEqual(try JSONParser.parse(since.stdout).elements.count, 1, since.stdout)
    }

    /// A call made while the store was away, taken 14 hours east of UTC and
    /// synced from a machine 12 hours west: sync reads the call's clock from
    /// its start line, so its day is the day it was taken.
    func testSyncKeepsTheClockTheCallWasTakenOn() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        var away = workspace
        away.database = "postgresql://nobody@127.0.0.1:1/centre"
        let run = try away.callguide(["run", away.script, "--operator", "anna", "--db", away.database],
                                     input: WorkspaceFixture.answers().joined(separator: "\n") + "\n", environment: ["TZ": "Etc/GMT-14"])
        XCTAssertEqual(run.status, 2, run.stderr)
        let transcript = try XCTUnwrap(workspace.transcripts.first)
        let takenDay = try XCTUnwrap(transcriptEvents(transcript).first?["today"]?.string)
        let synced = try workspace.callguide(["sync", "--db", workspace.database], environment: ["TZ": "Etc/GMT+12"])
        XCTAssertEqual(synced.status, 0, synced.stdout + synced.stderr)
        let listed = try workspace.callguide(["calls", "--format", "json", "--db", workspace.database], environment: ["TZ": "Etc/GMT+12"])
        let call = try XCTUnwrap(try JSONParser.parse(listed.stdout).elements.first)
        XCTAssertEqual(call["day"]?.string, takenDay)
        XCTAssertTrue(call["started"]?.string?.hasSuffix("+14:00") == true, "\(call)")
        let byDay = try workspace.callguide(["report", "--by", "day", "--format", "json", "--db", workspace.database], environment: ["TZ": "Etc/GMT+12"])
        XCTAssertEqual(try JSONParser.parse(byDay.stdout).elements.map { $0["day"]?.string }, [takenDay])
    }
}
