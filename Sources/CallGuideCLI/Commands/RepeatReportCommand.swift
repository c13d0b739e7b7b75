import CallGuide
import CallGuideStore
import Foundation

/// `callguide report repeat`: do clients have to call again (reports.md 2)?
enum RepeatReportCommand {
    static let help = """
        Usage: callguide report repeat [--days N] [--since DATE] [--until DATE] [--script ID] [--operator NAME]
                                       [--format table|csv|json|html] [--output FILE] [--db LOCATION]

        The share of the period's calls that were followed by another call of
        the same card within N days (default 7; N x 24 hours after the call
        started; the later call may fall after the period). A call made for a
        task (a planned callback, taken with 'next' or 'run --task') is not a
        repeat. Calls with no card cannot be followed and are counted apart; the
        share is of the calls with a card. A centre that solves things at the
        first contact has few repeats. A period with no calls says so.

        \(ReportPeriod.namesHelp)
        """

    static let columns = ["days", "calls", "calls_without_card", "calls_with_card", "repeated", "repeat_share"]

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let options = try ReportOptions(arguments, report: "repeat", valued: ["days"])
        let daysText = options.parsed.value("days") ?? "7"
        guard let days = Int(daysText), (1...3650).contains(days) else {
            throw .usage(command: "report repeat", message: "'--days' takes a whole number of days from 1 to 3650, not '\(TerminalText.sanitize(daysText))'")
        }
        return try CardCommand.attempt(options.path) {
            let report = try options.store.repeatReport(options.filter, days: days)
            let share = ReportOptions.percent(report.repeated, of: report.withCard)
            let figures: [Decimal?] = [Decimal(report.days), Decimal(report.calls), Decimal(report.withoutCard), Decimal(report.withCard),
                                       Decimal(report.repeated), share]
            let text: String
            switch options.format {
            case "json":
                text = JSONWriter.serialize(.object(zip(columns, figures).map { ($0, $1.map(JSONValue.number) ?? .null) })) + "\n"
            case "html":
                text = options.page("Repeat calls report", heading: "Repeat calls", id: "repeat", body: ReportHTML.repeatSection(report, empty: options.nothing()))
            case "csv":
                text = CSV.write([columns, figures.map { $0.map(canonicalNumberText) ?? "" }])
            default:
                guard report.calls > 0 else { text = options.nothing() + "\n"; break }
                var table = TextTable(headers: ["calls", "no card", "with card", "repeated in \(days)d", "share"])
                table.rows = [["\(report.calls)", "\(report.withoutCard)", "\(report.withCard)", "\(report.repeated)", ReportOptions.percentText(share)]]
                table.rightAligned = Set(0...4)
                text = table.render() + "\n"
            }
            try options.emit(text)
            return 0
        }
    }
}
