@testable import CallGuideCLI
import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// The HTML pages' charts are right, not decorative: each test renders a
/// page from hand-made figures, parses it as XML, and checks every bar and
/// point against the numbers printed in the page's own table.
final class ReportHTMLTests: XCTestCase {
    static let hostile = "<script>alert(\"x\")</script> & 'Ltd' \u{1B}[31m"

    func row(_ key: String?, calls: Int, conversions: Int = 0, offers: Int = 0, accepted: Int = 0,
             promoters: Int = 0, passives: Int = 0, detractors: Int = 0) -> ReportRow {
        ReportRow(key: key, calls: calls, meanDurationSeconds: 60, conversions: conversions, offersMade: offers, offersAccepted: accepted,
                  npsAnswers: promoters + passives + detractors, promoters: promoters, passives: passives, detractors: detractors)
    }

    /// The plot rectangle of the chart with this id.
    func plot(_ chart: XMLElementNode) throws -> (y: Double, height: Double, x: Double, width: Double) {
        let rect = try XCTUnwrap(chart.all { $0.name == "rect" && $0.classes.contains("plot") }.first)
        return (rect.number("y"), rect.number("height"), rect.number("x"), rect.number("width"))
    }

    func testConversionAndAcceptanceBarsHaveTheHeightsOfTheTablesPercentages() throws {
        let rows = [row("anna", calls: 4, conversions: 3, offers: 2, accepted: 1),
                    row("boris", calls: 5, conversions: 1),  // nothing offered: no acceptance bar
                    row(Self.hostile, calls: 2, offers: 4, accepted: 4)]
        let page = try XMLTree.parse(ReportHTML.overviewPage(rows, grouping: .operator, notes: [], empty: nil))
        let table = try XCTUnwrap(page.element(id: "overview-table")).tableRows
        XCTAssertEqual(table.map { $0[0] }, ["anna", "boris", Self.hostile.replacingOccurrences(of: "\u{1B}", with: "\u{FFFD}")])
        let chart = try XCTUnwrap(page.element(id: "conversion-chart"))
        let area = try plot(chart)
        let bars = chart.all { $0.name == "rect" && $0.classes.contains("bar") }
        let conversion = bars.filter { $0.classes.contains("series-0") }
        let acceptance = bars.filter { $0.classes.contains("series-1") }
        // From the table: calls (1), conversions (3), offers made (5), accepted (6).
        let expectedConversion = table.map { Double($0[3])! / Double($0[1])! }
        let expectedAcceptance = table.filter { $0[5] != "0" }.map { Double($0[6])! / Double($0[5])! }
        XCTAssertEqual(expectedConversion, [0.75, 0.2, 0], "hand-computed")
        XCTAssertEqual(expectedAcceptance, [0.5, 1], "hand-computed")
        XCTAssertEqual(conversion.count, 3)
        XCTAssertEqual(acceptance.count, 2)
        for (bar, share) in zip(conversion + acceptance, expectedConversion + expectedAcceptance) {
            XCTAssertEqual(bar.number("height"), share * area.height, accuracy: 0.01)
            XCTAssertEqual(bar.number("y") + bar.number("height"), area.y + area.height, accuracy: 0.01, "bars stand on the baseline")
        }
        XCTAssertEqual(chart.all { $0.classes.contains("missing") }.count, 1, "boris's acceptance is n/a, not 0")
        // Bars of one series share one fill, the two series differ, and the
        // second is a pattern, not another colour.
        XCTAssertEqual(Set(conversion.compactMap { $0.attributes["fill"] }).count, 1)
        XCTAssertTrue(acceptance.allSatisfy { $0.attributes["fill"]?.hasPrefix("url(#conversion-chart-") == true })
        XCTAssertTrue(conversion.first?.allText.contains("anna: conversion 75% (3 of 4 calls)") == true)
    }

    func testNPSTrendPointsAndStacksMatchTheTable() throws {
        let weeks = [row("2026-W10", calls: 12, promoters: 5, passives: 3, detractors: 2),
                     row("2026-W11", calls: 3),
                     row("2026-W12", calls: 6, promoters: 1, detractors: 3),
                     row("2026-W13", calls: 5, promoters: 5)]
        let html = "<div>" + ReportHTML.npsChart(weeks, id: "nps-chart", periodName: "week")
            + ReportHTML.npsTable(weeks, keyName: "week", id: "nps-table").render() + "</div>"
        let page = try XMLTree.parse(html)
        let table = try XCTUnwrap(page.element(id: "nps-table")).tableRows
        XCTAssertEqual(table.map { $0[5] }, ["+30", "-", "-50", "+100"], "NPS = %promoters - %detractors, by hand")
        let chart = try XCTUnwrap(page.element(id: "nps-chart"))
        let area = try plot(chart)
        let answered = table.filter { $0[1] != "0" }
        let points = chart.all { $0.name == "circle" && $0.classes.contains("nps-point") }
        XCTAssertEqual(points.count, answered.count)
        for (point, line) in zip(points, answered) {
            let (n, promoters, detractors) = (Double(line[1])!, Double(line[2])!, Double(line[4])!)
            let nps = (promoters - detractors) / n * 100
            XCTAssertEqual(Double(line[5].replacingOccurrences(of: "+", with: "")), nps, "the table says the NPS its counts give")
            XCTAssertEqual(point.number("cy"), area.y + area.height * (100 - nps) / 200, accuracy: 0.01, line[0])
        }
        // The week without answers breaks the line: W10 stands alone, W12-W13 are joined.
        let lines = chart.all { $0.name == "polyline" && $0.classes.contains("nps-line") }
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(lines.first?.attributes["points"], points.dropFirst().map { "\($0.attributes["cx"]!),\($0.attributes["cy"]!)" }.joined(separator: " "))
        // Stacks: detractors from the baseline, passives on them, promoters on top, each its share of the answers.
        for kind in [("promoters", 2), ("passives", 3), ("detractors", 4)] {
            let bars = chart.all { $0.name == "rect" && $0.classes.contains(kind.0) }
            XCTAssertEqual(bars.count, answered.count, kind.0)
            for (bar, line) in zip(bars, answered) {
                XCTAssertEqual(bar.number("height"), Double(line[kind.1])! / Double(line[1])! * area.height, accuracy: 0.01, "\(kind.0) \(line[0])")
            }
        }
        let first = { (kind: String) in chart.all { $0.name == "rect" && $0.classes.contains(kind) }[0] }
        XCTAssertEqual(first("detractors").number("y") + first("detractors").number("height"), area.y + area.height, accuracy: 0.01)
        XCTAssertEqual(first("passives").number("y") + first("passives").number("height"), first("detractors").number("y"), accuracy: 0.01)
        XCTAssertEqual(first("promoters").number("y"), area.y, accuracy: 0.01, "the three make 100 %")
        XCTAssertEqual(Set(["promoters", "passives", "detractors"].map { first($0).attributes["fill"] ?? "" }).count, 3)
    }

    func testDataCannotInjectMarkup() throws {
        let text = ReportHTML.overviewPage([row(Self.hostile, calls: 1, conversions: 1)], grouping: .operator, notes: [Self.hostile], empty: nil)
        let page = try XMLTree.parse(text)
        XCTAssertTrue(page.all(named: "script").isEmpty)
        XCTAssertFalse(text.contains("<script>"))
        XCTAssertFalse(text.contains("\u{1B}"), "no control characters reach the page")
        XCTAssertTrue(page.all(named: "th").contains { $0.allText.hasPrefix("<script>alert(\"x\")</script> & 'Ltd'") })
        XCTAssertTrue(page.all(named: "title").contains { $0.allText.contains("<script>") }, "the bar's title holds the name as text")
    }
}
