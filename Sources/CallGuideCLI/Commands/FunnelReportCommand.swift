import CallGuide
import CallGuideStore
import Foundation

/// `callguide report funnel`: where clients stand and where they stall
/// (reports.md 2).
enum FunnelReportCommand {
    static let help = """
        Usage: callguide report funnel [--since DATE] [--until DATE] [--script ID] [--operator NAME]
                                       [--format table|csv|json|html] [--output FILE] [--db LOCATION]

        Cards per status now; the status changes made in the period, from -> to,
        with counts ('(new card)' for cards made in a status); and for each
        status, the cards that were in it during the period (at its start or by
        a change into it) and the share of them that moved on to another status
        in the period. The store records every status change (by a call, card
        set, card import or a new card) from the schema that added this report;
        the report says from when its history starts, and changes before then
        are not known. --script and --operator keep the changes made by calls
        of that script or operator. CSV has one line per status (cards now,
        cards in the period, moved on, share); JSON has everything.

        \(ReportPeriod.namesHelp)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let options = try ReportOptions(arguments, report: "funnel")
        return try CardCommand.attempt(options.path) {
            let report = try options.store.funnelReport(options.filter)
            let statuses = merged(report)
            let text: String
            switch options.format {
            case "json":
                text = JSONWriter.serialize(.object([
                    ("history_start", report.historyStart.map { .string(options.timestamp($0)) } ?? .null),
                    ("now", .array(report.now.map { .object([("status", .string($0.status)), ("cards", .number(Decimal($0.cards)))]) })),
                    ("changes", .array(report.changes.map {
                        .object([("from", $0.from.map(JSONValue.string) ?? .null), ("to", .string($0.to)), ("count", .number(Decimal($0.count)))])
                    })),
                    ("stages", .array(report.stages.map { stage in
                        .object([("status", .string(stage.status)), ("cards", .number(Decimal(stage.cards))), ("moved_on", .number(Decimal(stage.movedOn))),
                                 ("moved_on_share", ReportOptions.percent(stage.movedOn, of: stage.cards).map(JSONValue.number) ?? .null)])
                    })),
                ])) + "\n"
            case "html":
                text = options.page("Funnel report", heading: "Funnel", id: "funnel",
                                    body: ReportHTML.funnelSection(report, timestamp: options.timestamp, noChanges: options.nothing("status changes")))
            case "csv":
                text = CSV.write([["status", "cards_now", "cards_in_period", "moved_on", "moved_on_share"]] + statuses.map { line in
                    [line.status, "\(line.now)", "\(line.stage?.cards ?? 0)", "\(line.stage?.movedOn ?? 0)",
                     line.stage.flatMap { ReportOptions.percent($0.movedOn, of: $0.cards) }.map(canonicalNumberText) ?? ""]
                })
            default:
                text = table(report, statuses, options)
            }
            try options.emit(text)
            return 0
        }
    }

    /// Each status with its count now and its stage in the period.
    static func merged(_ report: FunnelReport) -> [(status: String, now: Int, stage: FunnelReport.Stage?)] {
        report.statuses.map { name in
            (name, report.now.first { $0.status == name }?.cards ?? 0, report.stages.first { $0.status == name })
        }
    }

    static func table(_ report: FunnelReport, _ statuses: [(status: String, now: Int, stage: FunnelReport.Stage?)], _ options: ReportOptions) -> String {
        guard let start = report.historyStart else { return "No card and no status change recorded yet.\n" }
        var lines = ["Status history from \(options.timestamp(start)); earlier changes were not recorded."]
        var now = TextTable(headers: ["status", "cards now", "in period", "moved on", "share"])
        now.rows = statuses.map { line in
            [TerminalText.sanitize(line.status), "\(line.now)", "\(line.stage?.cards ?? 0)", "\(line.stage?.movedOn ?? 0)",
             ReportOptions.percentText(line.stage.flatMap { ReportOptions.percent($0.movedOn, of: $0.cards) })]
        }
        now.rightAligned = [1, 2, 3, 4]
        lines.append("\n" + now.render())
        if report.changes.isEmpty {
            lines.append("\n" + options.nothing("status changes"))
        } else {
            var changes = TextTable(headers: ["from", "to", "changes"])
            changes.rows = report.changes.map { [TerminalText.sanitize($0.from ?? "(new card)"), TerminalText.sanitize($0.to), "\($0.count)"] }
            changes.rightAligned = [2]
            lines.append("\nStatus changes:\n" + changes.render())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
