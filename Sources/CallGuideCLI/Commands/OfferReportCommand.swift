import CallGuide
import CallGuideStore
import Foundation

/// `callguide report offers`: which offers sell (reports.md 2).
enum OfferReportCommand {
    static let help = """
        Usage: callguide report offers [--since DATE] [--until DATE] [--script ID] [--operator NAME]
                                       [--format table|csv|json|html] [--output FILE] [--db LOCATION]

        For the offers made in the stored calls, one line per offer node and
        item.sku: offers made, accepted, the acceptance rate (accepted / made,
        with both counts), and the revenue accepted: the sum of item.price over
        the accepted offers, added up exactly as decimals. An offer whose item
        has no sku is on a line with an empty sku; revenue is empty when none of
        the line's offers has a price. A period with no offers says so.

        \(ReportPeriod.namesHelp)
        """

    static let columns = ["node", "sku", "made", "accepted", "acceptance_rate", "accepted_revenue"]

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let options = try ReportOptions(arguments, report: "offers")
        return try CardCommand.attempt(options.path) {
            let rows = try options.store.offerReport(options.filter)
            let text: String
            switch options.format {
            case "json":
                text = JSONWriter.serialize(.array(rows.map { row in
                    .object([("node", .string(row.node)), ("sku", row.sku.map(JSONValue.string) ?? .null)]
                        + zip(columns.dropFirst(2), figures(row)).map { ($0, $1.map(JSONValue.number) ?? .null) })
                })) + "\n"
            case "html":
                text = options.page("Offers report", heading: "Offers", id: "offers", body: ReportHTML.offerSection(rows, empty: options.nothing("offers made")))
            case "csv":
                text = CSV.write([columns] + rows.map { [$0.node, $0.sku ?? ""] + figures($0).map { $0.map(canonicalNumberText) ?? "" } })
            default:
                guard !rows.isEmpty else { text = options.nothing("offers made") + "\n"; break }
                var table = TextTable(headers: ["offer", "sku", "made", "accepted", "acc %", "revenue"])
                table.rows = rows.map { row in
                    [TerminalText.sanitize(row.node), TerminalText.sanitize(row.sku ?? ""), "\(row.made)", "\(row.accepted)",
                     ReportOptions.percentText(ReportOptions.percent(row.accepted, of: row.made)),
                     row.acceptedRevenue.map(canonicalNumberText) ?? "-"]
                }
                table.rightAligned = [2, 3, 4, 5]
                text = table.render() + "\n"
            }
            try options.emit(text)
            return 0
        }
    }

    /// made, accepted, acceptance % (one decimal), revenue.
    static func figures(_ row: OfferReportRow) -> [Decimal?] {
        [Decimal(row.made), Decimal(row.accepted), ReportOptions.percent(row.accepted, of: row.made), row.acceptedRevenue]
    }
}
