import CallGuide
import Foundation
import XCTest

/// `callguide report faq` through the real binary: calls of the workspace's
/// example script with `?WORDS` lookups, then the report in every format,
/// with the common filters, and an empty period.
final class ReportFAQEndToEndTests: XCTestCase {
    private var workspace: WorkspaceFixture!

    override func setUpWithError() throws {
        workspace = try WorkspaceFixture.make()
        // Two calls of the example script, each cut off at its first
        // question (stored as abandoned) after three lookups. Counted by
        // hand: 6 lookups in 2 calls, 2 found nothing ("teleport" twice);
        // warranty shown twice (first both times), delivery_time and
        // payment once each; the entries are the shared objections
        // module's, so their ids are objections.ID.
        for (name, lines) in [("anna", ["?how long delivery", "?WARRANTY", "?teleport"]),
                              ("boris", ["?warranty repair", "?Teleport!", "?pay card"])] {
            let run = try workspace.callguide(
                ["run", workspace.root + "/scripts/inbound-order.yaml", "--operator", name, "--db", workspace.database],
                input: lines.joined(separator: "\n") + "\n")
            XCTAssertEqual(run.status, 0, run.stderr)
        }
    }

    override func tearDown() {
        workspace.remove()
        workspace = nil
    }

    private func report(_ options: [String]) throws -> ProcessResult {
        try workspace.callguide(["report", "faq", "--db", workspace.database] + options)
    }

    func testJSONHasTheHandCountedFigures() throws {
        let json = try workspace.json(["report", "faq", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(json["lookups"]?.number, 6)
        XCTAssertEqual(json["nothing_found"]?.number, 2)
        XCTAssertEqual(json["nothing_found_percent"]?.number, Decimal(string: "33.3"))
        XCTAssertEqual(json["calls"]?.number, 2)
        let questions = json["questions"]?.elements ?? []
        XCTAssertEqual(questions.compactMap { $0["entry"]?.string }, ["objections.warranty", "objections.delivery_time", "objections.payment"])
        XCTAssertEqual(questions.compactMap { $0["lookups"]?.number }, [2, 1, 1])
        XCTAssertEqual(questions.compactMap { $0["first"]?.number }, [2, 1, 1])
        XCTAssertEqual(questions.first?["question"]?.string, "Is there a warranty?")
        XCTAssertEqual(questions.first?["script"]?.string, "inbound_order")
        XCTAssertEqual(questions.first?["share_percent"]?.number, Decimal(string: "33.3"))
        let missing = json["not_found"]?.elements ?? []
        XCTAssertEqual(missing.compactMap { $0["query"]?.string }, ["Teleport!"])
        XCTAssertEqual(missing.first?["lookups"]?.number, 2)
        XCTAssertEqual(missing.first?["calls"]?.number, 2)
    }

    func testTableAndCSV() throws {
        let table = try report([])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("6 lookups in 2 calls; 2 found nothing (33%)."), table.stdout)
        XCTAssertTrue(table.stdout.contains("Typical questions looked up most:"), table.stdout)
        XCTAssertTrue(table.stdout.contains("inbound_order  objections.warranty       Is there a warranty?"), table.stdout)
        XCTAssertTrue(table.stdout.contains("Queries that found nothing (what the FAQ is missing):\nquery      lookups  share  calls"), table.stdout)
        XCTAssertTrue(table.stdout.contains("Teleport!        2    33%      2"), table.stdout)

        let csv = try report(["--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        XCTAssertEqual(lines.first, "list,script,entry,text,lookups,share_percent,first,calls")
        XCTAssertEqual(lines.dropFirst().first, "question,inbound_order,objections.warranty,Is there a warranty?,2,33.3,2,2")
        XCTAssertEqual(lines.last, "not_found,,,Teleport!,2,33.3,,2")
    }

    func testFiltersTopAndAnEmptyPeriod() throws {
        let anna = try workspace.json(["report", "faq", "--operator", "anna", "--since", "today", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(anna["lookups"]?.number, 3)
        XCTAssertEqual(anna["calls"]?.number, 1)
        let top = try workspace.json(["report", "faq", "--top", "1", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(top["questions"]?.elements.count, 1)
        let otherScript = try workspace.json(["report", "faq", "--script", "proposal_follow_up", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(otherScript["lookups"]?.number, 0)

        let empty = try report(["--until", "yesterday"])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertEqual(empty.stdout, "No faq lookups in this period.\n")
        let emptyJSON = try workspace.json(["report", "faq", "--until", "yesterday", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(emptyJSON["lookups"]?.number, 0)
        XCTAssertEqual(emptyJSON["nothing_found_percent"], .null)

        let badTop = try report(["--top", "0"])
        XCTAssertEqual(badTop.status, 2)
        XCTAssertTrue(badTop.stderr.contains("'--top' takes a whole number from 1, not '0'"), badTop.stderr)
        let reversed = try report(["--since", "today", "--until", "yesterday"])
        XCTAssertEqual(reversed.status, 2)
        let help = try report(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("Usage: callguide report faq"), help.stdout)
    }
}
