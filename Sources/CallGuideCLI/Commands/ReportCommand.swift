import CallGuide
import CallGuideStore
import Foundation

/// `callguide report`: the managers' figures.
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "NPS, conversion and upsell per operator, script, version, outcome, day, week or month; offers, funnel, answers, repeat, tasks, faq"
    static let help = """
        Usage: callguide report [--since DATE] [--until DATE] [--script ID] [--operator NAME]
                                [--by operator|script|version|outcome|day|week|month]
                                [--format table|csv|json|html] [--output FILE] [--db LOCATION]
               callguide report offers ...      made, accepted, rate and revenue per offer and item.sku
               callguide report funnel ...      cards per status, status changes, who moved on
               callguide report answers NODE .. what customers answered one question
               callguide report repeat ...      calls followed by another call of the card within N days
               callguide report tasks ...       callbacks made, done, on time, overdue
               callguide report faq ...         typical questions looked up most, queries that found nothing
               callguide report dashboard ...   everything a manager looks at first on one HTML page
               (each has its own --help: 'callguide report offers --help')

        For the stored calls: number of calls, mean duration, conversion (calls
        whose outcome is marked converted: true), offers made / accepted and the
        acceptance rate, NPS answers, promoters (9-10), passives (7-8),
        detractors (0-6) and NPS = %promoters - %detractors (-100 to +100).
        Without --by, one line for everything. Both ends are included.
        --by version: one line per script version (script@version, script@- for
        a script with no version), in the order each version was first used,
        to compare which sells better. --by week: ISO weeks (2024-W18, Monday to
        Sunday, a week belongs to the year of its Thursday); --by month: 2024-05.
        A period with no calls says so.

        \(ReportPeriod.namesHelp)

        Options:
          --since DATE     calls started on or after DATE (see DATE above)
          --until DATE     calls started on or before DATE
          --script ID      only calls of this script
          --operator NAME  only calls of this operator
          --by KEY         one line per operator, script, version, outcome, day,
                           week or month
          --format FORMAT  table (default), csv, json or html (one self-contained
                           page: the table, and bars of conversion and acceptance,
                           or NPS by day, week or month, drawn in SVG; prints on
                           A4 and Letter)
          --output FILE    write to FILE (mode 0600, or 0660 with files: {group}
                           in callguide.yaml) instead of stdout
          --db LOCATION    the store: a SQLite file, or a postgresql:// URI (default:
                           $CALLGUIDE_DB, then database: in callguide.yaml, then
                           callguide.db in the workspace)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        if arguments.first == "tasks" { return try TaskReportCommand.run(Array(arguments.dropFirst())) }
        if arguments.first == "faq" { return try FAQReportCommand.run(Array(arguments.dropFirst())) }
        if arguments.first == "dashboard" { return try DashboardCommand.run(Array(arguments.dropFirst())) }
        if let report = arguments.first, let command = subcommand(report) {
            let rest = Array(arguments.dropFirst())
            if rest.contains("--help") || rest.contains("-h") {
                StandardOutput.print(command.help)
                return 0
            }
            return try command.run(rest)
        }
        let parsed = try ParsedArguments(arguments, command: name, valued: ["since", "until", "operator", "script", "by", "format", "db", "output"], flags: [])
        guard parsed.positionals.isEmpty else { throw .usage(command: name, message: "takes no arguments, only options") }
        let format = try parsed.choice("format", among: ["table", "csv", "json", "html"], default: "table")
        let grouping = ReportGrouping(rawValue: try parsed.choice("by", among: ["operator", "script", "version", "outcome", "day", "week", "month"], default: "none")) ?? .none
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        let configuration = try workspace.loadConfiguration().configuration
        let today = CentreDirectory(configuration, command: name).today()
        let period = try ReportPeriod.parse(since: parsed.value("since"), until: parsed.value("until"), today: today, command: name)
        let filter = CallFilter(sinceDay: period.sinceDay, untilDay: period.untilDay, operator: parsed.value("operator"), script: parsed.value("script"))
        let store = try StoreAccess.openExisting(path, configuration: configuration)
        return try CardCommand.attempt(path) {
            var text = ""
            let rows = try store.report(filter, groupBy: grouping)
            let headers = [grouping == .none ? "" : grouping.rawValue, "calls", "mean_duration_s", "conversions", "conversion_rate",
                           "offers_made", "offers_accepted", "acceptance_rate", "nps_answers", "promoters", "passives", "detractors", "nps"]
            switch format {
            case "json":
                text = JSONWriter.serialize(.array(rows.map { row in
                    .object(zip(headers.dropFirst(), numbers(row)).map { ($0, $1.map { .number($0) } ?? .null) } + [(grouping == .none ? "group" : grouping.rawValue, row.key.map(JSONValue.string) ?? .null)])
                })) + "\n"
            case "html":
                let empty = rows.reduce(0) { $0 + $1.calls } == 0 ? ReportOptions.nothing("calls", period: period, filter: filter) : nil
                text = ReportHTML.overviewPage(rows, grouping: grouping, notes: DashboardCommand.notes(parsed, filter: filter, configuration: configuration), empty: empty)
            case "csv":
                let body = rows.map { row in [row.key ?? "all"] + numbers(row).map { $0.map(canonicalNumberText) ?? "" } }
                text = (CSV.write([[grouping == .none ? "group" : grouping.rawValue] + Array(headers.dropFirst())] + body))
            default:
                var table = TextTable(headers: [grouping == .none ? "" : grouping.rawValue, "calls", "mean dur", "conv", "conv %", "offers", "accepted", "acc %", "NPS n", "prom", "pass", "detr", "NPS"])
                table.rows = rows.map { row in
                    [TerminalText.sanitize(row.key ?? "all"), "\(row.calls)", seconds(row.meanDurationSeconds), "\(row.conversions)", percent(row.conversionRate),
                     "\(row.offersMade)", "\(row.offersAccepted)", percent(row.acceptanceRate), "\(row.npsAnswers)",
                     "\(row.promoters)", "\(row.passives)", "\(row.detractors)", row.nps.map(npsText) ?? "-"]
                }
                table.rightAligned = Set(1...12)
                let total = rows.reduce(0) { $0 + $1.calls }
                text = (total == 0 ? ReportOptions.nothing("calls", period: period, filter: filter) : table.render()) + "\n"
            }
            try ClientFiles.emit(text, output: parsed.value("output"), configuration: configuration)
            return 0
        }
    }

    /// The reports below `report`, by name (`report tasks` has its own
    /// options and is dispatched above).
    /// Whether `report WORD --help` shows that report's own help.
    static func hasOwnHelp(_ word: String?) -> Bool {
        guard let word else { return false }
        return ["tasks", "faq", "dashboard"].contains(word) || subcommand(word) != nil
    }

    static func subcommand(_ name: String) -> (help: String, run: ([String]) throws(CommandError) -> Int32)? {
        switch name {
        case "offers": return (OfferReportCommand.help, OfferReportCommand.run)
        case "funnel": return (FunnelReportCommand.help, FunnelReportCommand.run)
        case "answers": return (AnswerReportCommand.help, AnswerReportCommand.run)
        case "repeat": return (RepeatReportCommand.help, RepeatReportCommand.run)
        default: return nil
        }
    }

    /// The figures of a row, in header order (nil where nothing to divide).
    static func numbers(_ row: ReportRow) -> [Decimal?] {
        func rounded(_ value: Double?, _ digits: Int = 1) -> Decimal? {
            value.map { Decimal(string: String(format: "%.\(digits)f", $0)) ?? 0 }
        }
        return [Decimal(row.calls), rounded(row.meanDurationSeconds), Decimal(row.conversions), rounded(row.conversionRate.map { $0 * 100 }),
                Decimal(row.offersMade), Decimal(row.offersAccepted), rounded(row.acceptanceRate.map { $0 * 100 }),
                Decimal(row.npsAnswers), Decimal(row.promoters), Decimal(row.passives), Decimal(row.detractors), rounded(row.nps)]
    }

    static func seconds(_ value: Double) -> String { "\(Int(value.rounded()))s" }

    /// NPS as people write it: `+40`, `-15`, and `0` with no sign (issue 16:
    /// `%+.0f` printed "+0", and "-0" for a score just below zero).
    static func npsText(_ value: Double) -> String {
        let whole = String(format: "%.0f", value)
        if whole == "0" || whole == "-0" { return "0" }
        return value > 0 ? "+" + whole : whole
    }
    static func percent(_ value: Double?) -> String { value.map { String(format: "%.0f%%", $0 * 100) } ?? "-" }

    /// `--since`, `--until` (dates or names, `ReportPeriod`, read against
    /// the centre's `today`), `--operator`, `--script`.
    static func filter(_ parsed: ParsedArguments, command: String, today: CalendarDate) throws(CommandError) -> CallFilter {
        let period = try ReportPeriod.parse(since: parsed.value("since"), until: parsed.value("until"), today: today, command: command)
        return CallFilter(sinceDay: period.sinceDay, untilDay: period.untilDay, operator: parsed.value("operator"), script: parsed.value("script"))
    }
}
