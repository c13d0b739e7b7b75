import CallGuide
import Foundation
import XCTest

/// The dashboard of a sample-data workspace, through the real binary: every
/// chart on the page agrees with the table printed beside it.
final class DashboardChartsEndToEndTests: XCTestCase {
    func plot(_ chart: XMLElementNode) throws -> (y: Double, height: Double) {
        let rect = try XCTUnwrap(chart.all { $0.name == "rect" && $0.classes.contains("plot") }.first)
        return (rect.number("y"), rect.number("height"))
    }

    /// A table cell's number; NaN (failing every comparison) when it is not one.
    func value(_ cell: String) -> Double { Double(cell) ?? .nan }

    /// Horizontal bars: each as long as its count, relative to the longest.
    func assertBars(_ page: XMLElementNode, chart: String, table: String, column: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let bars = try XCTUnwrap(page.element(id: chart), chart, file: file, line: line).all { $0.classes.contains("hbar") }
        let counts = try XCTUnwrap(page.element(id: table), table, file: file, line: line).tableRows.map { value($0[column]) }
        XCTAssertEqual(bars.count, counts.count, chart, file: file, line: line)
        let widest = bars.map { $0.number("width") }.max() ?? 0
        for (bar, count) in zip(bars, counts) {
            XCTAssertEqual(bar.number("width"), widest * count / (counts.max() ?? 1), accuracy: 0.01, chart, file: file, line: line)
        }
    }

    func testEveryChartOfTheSampleDashboardMatchesItsTable() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let made = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["init", root, "--sample-data"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let workspace = WorkspaceFixture(root: root, database: root + "/callguide.db")
        let result = try workspace.callguide(["report", "dashboard", "--output", "d.html", "--db", workspace.database])
        XCTAssertEqual(result.status, 0, result.stderr)
        let page = try XMLTree.parse(try String(contentsOfFile: root + "/d.html", encoding: .utf8))

        // NPS by week: each point at its NPS, each stack its shares.
        let weeks = try XCTUnwrap(page.element(id: "nps-table")).tableRows
        XCTAssertGreaterThanOrEqual(weeks.count, 8)
        let trend = try XCTUnwrap(page.element(id: "nps-chart"))
        let area = try plot(trend)
        let points = trend.all { $0.classes.contains("nps-point") }
        let answered = weeks.filter { $0[1] != "0" }
        XCTAssertEqual(points.count, answered.count)
        for (point, week) in zip(points, answered) {
            let (n, promoters, detractors) = (value(week[1]), value(week[2]), value(week[4]))
            XCTAssertEqual(point.number("cy"), area.y + area.height * (100 - (promoters - detractors) / n * 100) / 200, accuracy: 0.01, week[0])
        }
        for (kind, column) in [("promoters", 2), ("passives", 3), ("detractors", 4)] {
            let bars = trend.all { $0.name == "rect" && $0.classes.contains(kind) }
            for (bar, week) in zip(bars, answered) {
                XCTAssertEqual(bar.number("height"), value(week[column]) / value(week[1]) * area.height, accuracy: 0.01, "\(kind) \(week[0])")
            }
        }

        // Conversion and acceptance by operator, and acceptance per offer.
        for (chartID, tableID, series) in [("conversion-chart", "operators-table", [(3, 1), (6, 5)]), ("offers-chart", "offers-table", [(3, 2)])] {
            let chart = try XCTUnwrap(page.element(id: chartID))
            let height = try plot(chart).height
            let rows = try XCTUnwrap(page.element(id: tableID)).tableRows
            for (index, (part, whole)) in series.enumerated() {
                let bars = chart.all { $0.name == "rect" && $0.classes.contains("series-\(index)") }
                XCTAssertEqual(bars.count, rows.count, chartID)
                for (bar, row) in zip(bars, rows) {
                    XCTAssertEqual(bar.number("height"), value(row[part]) / value(row[whole]) * height, accuracy: 0.01, "\(chartID) \(row[0])")
                }
            }
        }

        try assertBars(page, chart: "funnel-chart", table: "funnel-table", column: 1)
        try assertBars(page, chart: "faq-chart", table: "faq-table", column: 3)

        // A question's answers as bars, by option, from the stored questions.
        let answers = try workspace.callguide(["report", "answers", "reason", "--format", "html", "--db", workspace.database])
        XCTAssertEqual(answers.status, 0, answers.stderr)
        let answersPage = try XMLTree.parse(answers.stdout)
        XCTAssertEqual(try XCTUnwrap(answersPage.element(id: "answers-table-1")).tableRows.map { $0[0] }, ["order", "question", "complaint"])
        try assertBars(answersPage, chart: "answers-chart-1", table: "answers-table-1", column: 2)
        for report in [["offers"], ["funnel"], ["repeat"], ["answers", "budget"], ["answers", "what_matters"], ["--by", "week"], ["--by", "version"]] {
            let result = try workspace.callguide(["report"] + report + ["--format", "html", "--db", workspace.database])
            XCTAssertEqual(result.status, 0, "\(report): \(result.stderr)")
            XCTAssertFalse(try XMLTree.parse(result.stdout).all(named: "table").isEmpty, "\(report)")
        }
    }
}
