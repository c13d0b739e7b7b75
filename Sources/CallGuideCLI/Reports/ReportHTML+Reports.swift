import CallGuide
import CallGuideStore
import Foundation

/// HTML for `report offers`, `report funnel`, `report answers` and
/// `report repeat`: the same tables as the terminal, with a chart where a
/// manager would rather look than read.
extension ReportHTML {
    /// A share as whole percent, rounded once from the exact share (as
    /// the charts' labels), so a table and its chart never differ by one.
    static func percentText(_ part: Int, of whole: Int) -> String {
        ReportCommand.percent(whole == 0 ? nil : Double(part) / Double(whole))
    }

    /// Per offer and sku: made, accepted, rate, revenue; acceptance as bars.
    static func offerSection(_ rows: [OfferReportRow], empty: String) -> [String] {
        guard !rows.isEmpty else { return [HTMLPage.paragraph(empty)] }
        let names = rows.map { row in row.sku.map { "\(row.node) (\($0))" } ?? row.node }
        let bars = zip(rows, names).map { row, name in
            row.acceptanceRate.map { ChartBar(value: $0 * 100, title: "\(name): accepted \(percentText(row.accepted, of: row.made)) (\(row.accepted) of \(row.made))") }
        }
        let chart = GroupedBarChart(id: "offers-chart", label: "Acceptance per offer", groups: names, series: [("acceptance (offers accepted)", bars)])
        var table = HTMLTable(headers: ["offer", "sku", "made", "accepted", "acceptance %", "revenue accepted"], numeric: [2, 3, 4, 5], id: "offers-table")
        table.rows = rows.map { row in
            [row.node, row.sku ?? "", "\(row.made)", "\(row.accepted)", percentText(row.accepted, of: row.made),
             row.acceptedRevenue.map(canonicalNumberText) ?? "-"]
        }
        return [HTMLPage.figure(chart.render(), caption: "Acceptance per offer (and item sku), in percent; the counts are in the table."), table.render()]
    }

    /// Cards per status now (bars), the period's stages and status changes.
    static func funnelSection(_ report: FunnelReport, timestamp: (Date) -> String, noChanges: String) -> [String] {
        guard let start = report.historyStart else { return [HTMLPage.paragraph("No card and no status change recorded yet.")] }
        let lines = FunnelReportCommand.merged(report)
        let total = lines.reduce(0) { $0 + $1.now }
        var body = [HTMLPage.paragraph("Status history from \(timestamp(start)); earlier changes were not recorded.")]
        if total > 0 {
            let chart = HorizontalBarChart(id: "funnel-chart", label: "Cards per status now", bars: lines.map { line in
                (line.status, ChartBar(value: Double(line.now), title: "\(line.status): \(line.now) of \(total) cards now (\(percentText(line.now, of: total)))"))
            })
            body.append(HTMLPage.figure(chart.render(), caption: "Cards per status now (\(total) cards)."))
        }
        var table = HTMLTable(headers: ["status", "cards now", "in period", "moved on", "moved on %"], numeric: [1, 2, 3, 4], id: "funnel-table")
        table.rows = lines.map { line in
            [line.status, "\(line.now)", "\(line.stage?.cards ?? 0)", "\(line.stage?.movedOn ?? 0)",
             line.stage.map { percentText($0.movedOn, of: $0.cards) } ?? "-"]
        }
        body.append(table.render())
        if report.changes.isEmpty {
            body.append(HTMLPage.paragraph(noChanges))
        } else {
            var changes = HTMLTable(caption: "Status changes in the period", headers: ["from", "to", "changes"], numeric: [2], id: "funnel-changes-table")
            changes.rows = report.changes.map { [$0.from ?? "(new card)", $0.to, "\($0.count)"] }
            body.append(changes.render())
        }
        return body
    }

    /// One question's answers, per group: options as bars (their counts,
    /// shares of the answered calls), numbers as a row of quartiles, texts
    /// as the most frequent.
    static func answerSection(_ report: AnswerReport, empty: String) -> [String] {
        var body = [HTMLPage.paragraph("'\(report.node)' (\(report.type.rawValue)) in \(report.scripts.joined(separator: ", ")).")]
        let groups = report.groups.filter { $0.calls > 0 }
        guard !groups.isEmpty else { return body + [HTMLPage.paragraph(empty)] }
        for (index, group) in groups.enumerated() {
            let name = group.key.map { $0 + ": " } ?? ""
            body.append("<h3>\(HTMLText.escape(name + "\(group.calls) calls, \(group.answered) answered, \(group.skipped) skipped, \(group.unanswered) never asked"))</h3>\n")
            if !report.options.isEmpty {
                var items = group.options.map { (label: $0.label.isEmpty ? $0.key : $0.label, count: $0.count) }
                if group.otherAnswers > 0 { items.append(("(other)", group.otherAnswers)) }
                let chart = HorizontalBarChart(id: "answers-chart-\(index + 1)", label: "Answers to \(report.node)", bars: items.map { item in
                    (item.label, ChartBar(value: Double(item.count), title: "\(item.label): \(item.count) of \(group.answered) answered (\(percentText(item.count, of: group.answered)))"))
                })
                body.append(HTMLPage.figure(chart.render(), caption: "\(name)answers per option (\(group.answered) answered calls)."))
                var table = HTMLTable(headers: ["option", "label", "answers", "share"], numeric: [2, 3], id: "answers-table-\(index + 1)")
                table.rows = group.options.map { [$0.key, $0.label, "\($0.count)", percentText($0.count, of: group.answered)] }
                if group.otherAnswers > 0 { table.rows.append(["(other)", "", "\(group.otherAnswers)", percentText(group.otherAnswers, of: group.answered)]) }
                body.append(table.render())
            } else if let numbers = group.numbers {
                var table = HTMLTable(headers: ["n", "min", "lower quartile", "median", "upper quartile", "max", "mean"], numeric: Set(0...6), id: "answers-table-\(index + 1)")
                table.rows = [AnswerReportCommand.numberFields(numbers).map { canonicalNumberText($0.1) }]
                // The first cell is a row header; the count reads as one.
                body.append(table.render())
            } else if !group.texts.isEmpty {
                var table = HTMLTable(headers: ["#", "answer", "count", "share"], numeric: [0, 2, 3], id: "answers-table-\(index + 1)")
                table.rows = group.texts.enumerated().map { ["\($0.offset + 1)", $0.element.text, "\($0.element.count)", percentText($0.element.count, of: group.answered)] }
                body.append(table.render())
            }
        }
        return body
    }

    /// `report repeat`: one line of figures.
    static func repeatSection(_ report: RepeatReport, empty: String) -> [String] {
        guard report.calls > 0 else { return [HTMLPage.paragraph(empty)] }
        var table = HTMLTable(headers: ["calls", "without a card", "with a card", "repeated within \(report.days) days", "share"], numeric: Set(0...4), id: "repeat-table")
        table.rows = [["\(report.calls)", "\(report.withoutCard)", "\(report.withCard)", "\(report.repeated)", percentText(report.repeated, of: report.withCard)]]
        return [table.render(), HTMLPage.paragraph("A call is repeated when another call of the same card follows within \(report.days) days; calls made for a task (a planned callback) are not counted as repeats.")]
    }
}

extension ReportOptions {
    /// A report's page: its title, the period and filters, and its section.
    func page(_ title: String, heading: String, id: String, body: [String]) -> String {
        HTMLPage(title: title, notes: DashboardCommand.notes(parsed, filter: filter, configuration: configuration, period: period),
                 sections: [.init(heading: heading, id: id, body: body)]).render()
    }
}
