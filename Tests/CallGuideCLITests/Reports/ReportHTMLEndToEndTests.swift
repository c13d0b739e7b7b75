import CallGuide
import Foundation
import XCTest

/// `--format html` and `report dashboard` through the real binary: one
/// well-formed, self-contained page, written 0600, whose data cannot
/// inject markup.
final class ReportHTMLEndToEndTests: XCTestCase {
    static let hostile = "<img src=x onerror=alert(1)><script>alert('pwned')</script>"

    func testTheDashboardIsOneSafeSelfContainedPage() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let answers = WorkspaceFixture.answers(name: Self.hostile, company: "\"Acme\" & <b>Sons</b>", score: "10")
        XCTAssertEqual(try workspace.runCall(card: "+7 900 123-45-67", operator: "anna</td><td>", answers: answers).status, 0)
        XCTAssertEqual(try workspace.runCall(card: nil, operator: "boris", answers: WorkspaceFixture.answers(offer: "no", buy: "no", score: "3")).status, 0)
        let task = try workspace.callguide(["task", "add", "+7 900 123-45-67", "--due", "2020-01-01", "--to", "anna", "--db", workspace.database])
        XCTAssertEqual(task.status, 0, task.stderr)

        let made = try workspace.callguide(["report", "dashboard", "--since", "2019-12-01", "--output", "out/dashboard.html", "--db", workspace.database])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertEqual(made.stdout, "")
        let file = workspace.root + "/out/dashboard.html"
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        XCTAssertEqual(((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777, 0o600)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let page = try XMLTree.parse(text)

        XCTAssertTrue(page.all(named: "script").isEmpty && page.all(named: "img").isEmpty && page.all(named: "b").isEmpty)
        XCTAssertFalse(text.contains("<script") || text.contains("<img") || text.contains("onerror=alert(1)>"))
        XCTAssertTrue(page.all(named: "td").contains { $0.allText == Self.hostile }, "the client's name is shown as text in the overdue list")
        XCTAssertTrue(page.all(named: "th").contains { $0.allText == "anna</td><td>" }, "an operator's name too")
        // Self-contained: nothing fetched, nothing run.
        let links = page.all { $0.attributes["href"] != nil || $0.attributes["src"] != nil || $0.name == "link" || $0.name == "iframe" }
        XCTAssertTrue(links.isEmpty, "\(links.map(\.name))")
        XCTAssertFalse(text.contains("url(http") || text.contains("@import"))
        XCTAssertTrue(text.contains("@media print") && text.contains("table-header-group") && text.contains("break-inside: avoid"))
        for id in ["overview-table", "nps-chart", "nps-table", "conversion-chart", "operators-table", "funnel-chart", "funnel-table", "offers-table", "tasks-table", "overdue-table", "faq"] {
            XCTAssertNotNil(page.element(id: id), id)
        }
        // The operators' table is the terminal's report by operator.
        let table = try XCTUnwrap(page.element(id: "operators-table")).tableRows
        let json = try workspace.json(["report", "--by", "operator", "--since", "2019-12-01", "--format", "json", "--db", workspace.database]).elements
        XCTAssertEqual(table.map { $0[0] }, json.map { $0["operator"]?.string ?? "" })
        XCTAssertEqual(table.map { $0[1] }, json.map { "\($0["calls"]?.number ?? -1)" })

        let help = try workspace.callguide(["report", "dashboard", "--help"])
        XCTAssertTrue(help.stdout.hasPrefix("Usage: callguide report dashboard --output FILE.html"), help.stdout)
        let missing = try workspace.callguide(["report", "dashboard", "--db", workspace.database])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("--output FILE.html"), missing.stderr)
    }

    func testEveryReportHasAnHTMLFormat() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: nil, operator: "anna", answers: WorkspaceFixture.answers()).status, 0)
        for command in [["report"], ["report", "--by", "operator"], ["report", "--by", "day"], ["report", "tasks"], ["report", "faq"]] {
            let result = try workspace.callguide(command + ["--format", "html", "--db", workspace.database])
            XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
            let page = try XMLTree.parse(result.stdout)
            XCTAssertEqual(page.all(named: "h1").count, 1, "\(command)")
            XCTAssertFalse(page.all(named: "section").isEmpty, "\(command)")
            XCTAssertTrue(command == ["report", "faq"] || !page.all(named: "table").isEmpty, "\(command)")
        }
        let empty = try workspace.callguide(["report", "--since", "2001-01-01", "--until", "2001-01-31", "--format", "html", "--db", workspace.database])
        XCTAssertTrue(try XMLTree.parse(empty.stdout).allText.contains("No calls from 2001-01-01 to 2001-01-31."), empty.stdout)
    }
}
