import CallGuide
import CallGuideStore
import Foundation

/// `callguide report faq` (reports.md 2): the typical questions customers
/// ask most, and the queries that found nothing (what the FAQ is missing).
enum FAQReportCommand {
    static let name = "report faq"
    static let help = """
        Usage: callguide report faq [--since DATE] [--until DATE] [--script ID] [--operator NAME]
                                    [--top N] [--format table|csv|json|html] [--output FILE] [--db LOCATION]

        What operators looked up with ?WORDS during the calls started between
        --since and --until (both included): how many lookups, in how many
        calls, and how many found nothing; then the typical questions shown
        most (per script and entry id: the lookups that showed it, their share
        of all lookups, how often it was the best match, in how many calls);
        then the queries that found nothing, the same words in any case counted
        together: what customers ask that the FAQ does not answer yet.
        --top N keeps the N first lines of each list (default 10).
        CSV has one line per question or query (column 'list': question or
        not_found); JSON has the totals and both lists; html is one
        self-contained page with both tables and a chart of the questions.

        \(ReportPeriod.namesHelp)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            StandardOutput.print(help)
            return 0
        }
        let parsed = try ParsedArguments(arguments, command: "report", valued: ["since", "until", "operator", "script", "top", "format", "db", "output"], flags: [])
        guard parsed.positionals.isEmpty else { throw .usage(command: "report", message: "'report faq' takes no more arguments, only options") }
        let format = try parsed.choice("format", among: ["table", "csv", "json", "html"], default: "table")
        var top = 10
        if let text = parsed.value("top") {
            guard let number = Int(text), number >= 1 else {
                throw .usage(command: "report", message: "'--top' takes a whole number from 1, not '\(TerminalText.sanitize(text))'")
            }
            top = number
        }
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        let configuration = try workspace.loadConfiguration().configuration
        let filter = try ReportCommand.filter(parsed, command: "report", today: CentreDirectory(configuration, command: "report").today())
        let store = try StoreAccess.openExisting(path, configuration: configuration)
        return try CardCommand.attempt(path) {
            let report = try store.faqReport(filter, limit: top)
            let text: String
            switch format {
            case "json": text = JSONWriter.serialize(json(report)) + "\n"
            case "csv": text = csv(report)
            case "html":
                text = HTMLPage(title: "Typical questions report", notes: DashboardCommand.notes(parsed, filter: filter, configuration: configuration),
                                sections: [.init(heading: "Typical questions", id: "faq", body: ReportHTML.faqSection(report))]).render()
            default: text = table(report)
            }
            try ClientFiles.emit(text, output: parsed.value("output"), configuration: configuration)
            return 0
        }
    }

    /// A share as a number of percent with one decimal; nil for an empty period.
    static func percent(_ count: Int, of report: FAQReport) -> Decimal? {
        report.share(count).map { Decimal(string: String(format: "%.1f", $0 * 100)) ?? 0 }
    }

    static func json(_ report: FAQReport) -> JSONValue {
        func number(_ value: Decimal?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        return .object([
            ("lookups", .number(Decimal(report.lookups))), ("nothing_found", .number(Decimal(report.nothingFound))),
            ("nothing_found_percent", number(percent(report.nothingFound, of: report))), ("calls", .number(Decimal(report.calls))),
            ("questions", .array(report.questions.map { question in
                .object([
                    ("script", .string(question.script)), ("entry", .string(question.entry)), ("question", .string(question.question)),
                    ("lookups", .number(Decimal(question.lookups))), ("share_percent", number(percent(question.lookups, of: report))),
                    ("first", .number(Decimal(question.first))), ("calls", .number(Decimal(question.calls))),
                ])
            })),
            ("not_found", .array(report.notFound.map { query in
                .object([
                    ("query", .string(query.query)), ("lookups", .number(Decimal(query.lookups))),
                    ("share_percent", number(percent(query.lookups, of: report))), ("calls", .number(Decimal(query.calls))),
                ])
            })),
        ])
    }

    static func csv(_ report: FAQReport) -> String {
        func share(_ count: Int) -> String { percent(count, of: report).map(canonicalNumberText) ?? "" }
        let header = ["list", "script", "entry", "text", "lookups", "share_percent", "first", "calls"]
        let questions = report.questions.map { question in
            ["question", question.script, question.entry, question.question, "\(question.lookups)", share(question.lookups),
             "\(question.first)", "\(question.calls)"]
        }
        let missing = report.notFound.map { query in
            ["not_found", "", "", query.query, "\(query.lookups)", share(query.lookups), "", "\(query.calls)"]
        }
        return CSV.write([header] + questions + missing)
    }

    static func table(_ report: FAQReport) -> String {
        guard report.lookups > 0 else { return "No faq lookups in this period.\n" }
        func share(_ count: Int) -> String { ReportCommand.percent(report.share(count)) }
        var lines = [
            "\(report.lookups) lookup\(report.lookups == 1 ? "" : "s") in \(report.calls) call\(report.calls == 1 ? "" : "s"); "
                + "\(report.nothingFound) found nothing (\(share(report.nothingFound)))."
        ]
        if !report.questions.isEmpty {
            var questions = TextTable(headers: ["script", "entry", "question", "lookups", "share", "first", "calls"])
            questions.rows = report.questions.map { question in
                [question.script, question.entry, question.question].map { TerminalText.sanitize($0) }
                    + ["\(question.lookups)", share(question.lookups), "\(question.first)", "\(question.calls)"]
            }
            questions.rightAligned = Set(3...6)
            lines.append("\nTypical questions looked up most:\n" + questions.render())
        }
        if report.notFound.isEmpty {
            lines.append("\nEvery lookup found a typical question.")
        } else {
            var missing = TextTable(headers: ["query", "lookups", "share", "calls"])
            missing.rows = report.notFound.map { [TerminalText.sanitize($0.query), "\($0.lookups)", share($0.lookups), "\($0.calls)"] }
            missing.rightAligned = Set(1...3)
            lines.append("\nQueries that found nothing (what the FAQ is missing):\n" + missing.render())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
