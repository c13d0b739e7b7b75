import CallGuide
import CallGuideStore
import Foundation

/// The reports' results as HTML sections: a renderer over the same value
/// types the table, CSV and JSON formats print (`ReportRow`, `TaskReport`,
/// ...), so the page can never say other numbers than the terminal. Each
/// chart is drawn next to the table holding its numbers.
enum ReportHTML {
    /// Short, as in the terminal's table, so thirteen columns fit an A4
    /// page; `abbreviations` spells them out under the table.
    static let overviewHeaders = ["calls", "mean dur.", "conv.", "conv. %", "offers", "acc.", "acc. %",
                                  "NPS n", "prom.", "pass.", "detr.", "NPS"]
    static let abbreviations = "dur.: duration (talking time); conv.: conversions, calls whose outcome is a sale; offers: offers made; acc.: offers accepted; NPS n: NPS answers; prom., pass., detr.: promoters (9-10), passives (7-8), detractors (0-6); NPS = % promoters − % detractors."

    /// The `report` table (one row per group).
    static func overviewTable(_ rows: [ReportRow], keyName: String, id: String) -> HTMLTable {
        var table = HTMLTable(headers: [keyName] + overviewHeaders, numeric: Set(1...12), id: id)
        table.rows = rows.map { row in
            [row.key ?? "all", "\(row.calls)", ReportCommand.seconds(row.meanDurationSeconds), "\(row.conversions)",
             ReportCommand.percent(row.conversionRate), "\(row.offersMade)", "\(row.offersAccepted)", ReportCommand.percent(row.acceptanceRate),
             "\(row.npsAnswers)", "\(row.promoters)", "\(row.passives)", "\(row.detractors)", row.nps.map(ReportCommand.npsText) ?? "-"]
        }
        return table
    }

    /// Conversion and acceptance per group (operator, script, version) as bars.
    static func conversionChart(_ rows: [ReportRow], id: String, groupName: String) -> String {
        let keys = rows.map { $0.key ?? "all" }
        let conversion = rows.map { row in
            row.conversionRate.map { ChartBar(value: $0 * 100, title: "\(row.key ?? "all"): conversion \(ReportCommand.percent($0)) (\(row.conversions) of \(row.calls) calls)") }
        }
        let acceptance = rows.map { row in
            row.acceptanceRate.map { ChartBar(value: $0 * 100, title: "\(row.key ?? "all"): acceptance \(ReportCommand.percent($0)) (\(row.offersAccepted) of \(row.offersMade) offers)") }
        }
        let chart = GroupedBarChart(id: id, label: "Conversion and offer acceptance by \(groupName)", groups: keys,
                                    series: [("conversion (calls converted)", conversion), ("acceptance (offers accepted)", acceptance)])
        return HTMLPage.figure(chart.render(), caption: "Conversion and offer acceptance by \(groupName), in percent; the counts are in the table.")
    }

    /// The NPS table of a trend: answers and the three groups per period.
    static func npsTable(_ rows: [ReportRow], keyName: String, id: String) -> HTMLTable {
        var table = HTMLTable(headers: [keyName, "NPS answers", "promoters", "passives", "detractors", "NPS"], numeric: Set(1...5), id: id)
        table.rows = rows.map { row in
            [row.key ?? "all", "\(row.npsAnswers)", "\(row.promoters)", "\(row.passives)", "\(row.detractors)", row.nps.map(ReportCommand.npsText) ?? "-"]
        }
        return table
    }

    static func npsChart(_ rows: [ReportRow], id: String, periodName: String) -> String {
        let chart = NPSTrendChart(id: id, label: "NPS by \(periodName)", rows: rows)
        return HTMLPage.figure(chart.render(), caption: "NPS by \(periodName): the line (right axis, -100 to +100) over the shares of promoters, passives and detractors (left axis).")
    }

    /// `report --format html`: the table, and the chart that fits the grouping.
    static func overviewPage(_ rows: [ReportRow], grouping: ReportGrouping, notes: [String], empty: String?) -> String {
        let keyName = grouping == .none ? "" : grouping.rawValue
        var body: [String] = []
        if let empty {
            body.append(HTMLPage.paragraph(empty))
        } else {
            body.append(overviewTable(rows, keyName: keyName, id: "overview-table").render())
            body.append(HTMLPage.paragraph(abbreviations, className: "key"))
            switch grouping {
            case .none, .outcome: break  // an outcome converts or not: its bars would say 0 % or 100 %
            case .day, .week, .month: body.append(npsChart(rows, id: "nps-chart", periodName: grouping.rawValue))
            case .operator, .script, .version: body.append(conversionChart(rows, id: "conversion-chart", groupName: grouping.rawValue))
            }
        }
        let heading = grouping == .none ? "All calls" : "By \(grouping.rawValue)"
        return HTMLPage(title: "Calls report", notes: notes, sections: [.init(heading: heading, id: "overview", body: body)]).render()
    }

    /// The `report tasks` figures and the overdue list.
    static func taskSection(_ report: TaskReport, keyName: String, directory: CentreDirectory, limit: Int? = nil) -> [String] {
        var figures = HTMLTable(headers: [keyName, "made", "done", "done on time", "overdue now", "cancelled", "mean attempts"], numeric: Set(1...6), id: "tasks-table")
        figures.rows = report.rows.map { row in
            [row.key ?? "all"] + TaskReportCommand.figures(row).map { $0.map(canonicalNumberText) ?? "-" }
        }
        var body = [figures.render()]
        if report.overdue.isEmpty {
            body.append(HTMLPage.paragraph("No task is overdue."))
        } else {
            var late = HTMLTable(caption: "Overdue now (\(report.overdue.count))", headers: ["task", "who", "card", "client", "due", "late", "attempts", ""],
                                 numeric: [6], id: "overdue-table")
            let shown = limit.map { Array(report.overdue.prefix($0)) } ?? report.overdue
            late.rows = shown.map { item in
                [item.task.id, TaskListing.owner(item.task), item.task.cardID, item.task.clientName ?? item.task.clientPhone ?? "",
                 directory.due(item.task).replacingOccurrences(of: "T", with: " "), CentreDirectory.lateness(item.lateSeconds),
                 "\(item.task.attempts)", item.notCalledBack ? "not called back" : ""]
            }
            body.append(late.render())
            if shown.count < report.overdue.count {
                body.append(HTMLPage.paragraph("… and \(report.overdue.count - shown.count) more: see callguide report tasks."))
            }
        }
        return body
    }

    /// `report faq`: the totals, the typical questions looked up most (a
    /// chart of their lookups beside the table) and the queries that found
    /// nothing.
    static func faqSection(_ report: FAQReport) -> [String] {
        guard report.lookups > 0 else { return [HTMLPage.paragraph("No faq lookups in this period.")] }
        func share(_ count: Int) -> String { ReportCommand.percent(report.share(count)) }
        var body = [HTMLPage.paragraph("\(report.lookups) lookups in \(report.calls) calls; \(report.nothingFound) found nothing (\(share(report.nothingFound))).")]
        if !report.questions.isEmpty {
            let chart = HorizontalBarChart(id: "faq-chart", label: "Typical questions looked up most", bars: report.questions.map { question in
                (question.question, ChartBar(value: Double(question.lookups), title: "\(question.question): \(question.lookups) of \(report.lookups) lookups (\(share(question.lookups)))"))
            })
            body.append(HTMLPage.figure(chart.render(), caption: "Typical questions looked up most: lookups that showed each."))
            var questions = HTMLTable(caption: "Typical questions looked up most", headers: ["question", "script", "entry", "lookups", "share", "first", "calls"],
                                      numeric: Set(3...6), id: "faq-table")
            questions.rows = report.questions.map { question in
                [question.question, question.script, question.entry, "\(question.lookups)", share(question.lookups), "\(question.first)", "\(question.calls)"]
            }
            body.append(questions.render())
        }
        if report.notFound.isEmpty {
            body.append(HTMLPage.paragraph("Every lookup found a typical question."))
        } else {
            var missing = HTMLTable(caption: "Queries that found nothing (what the FAQ is missing)", headers: ["query", "lookups", "share", "calls"],
                                    numeric: Set(1...3), id: "faq-missing-table")
            missing.rows = report.notFound.map { [$0.query, "\($0.lookups)", share($0.lookups), "\($0.calls)"] }
            body.append(missing.render())
        }
        return body
    }
}
