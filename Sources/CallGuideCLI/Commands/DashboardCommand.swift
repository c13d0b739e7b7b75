import CallGuide
import CallGuideStore
import Foundation

/// `callguide report dashboard --output report.html`: the reports a
/// manager looks at first, on one self-contained page (reports.md 3):
/// the overview, NPS by week, conversion and acceptance by operator, the
/// offers, the funnel, the tasks and the typical questions (FAQ). Every figure comes from the same store
/// queries as the terminal reports, drawn by `ReportHTML`.
enum DashboardCommand {
    static let help = """
        Usage: callguide report dashboard --output FILE.html [--since DATE] [--until DATE]
                                          [--script ID] [--operator NAME] [--db LOCATION]

        Writes one HTML page (no network, no script; prints on A4 and Letter,
        tables and charts never split across pages) with, for the calls of the
        period: the overview figures; NPS by ISO week, a line over stacked bars
        of promoters, passives and detractors; conversion and offer acceptance
        by operator, as bars; acceptance and revenue per offer; the funnel
        (cards per status now, the period's status changes); the tasks made in
        the period (made, done, on time, overdue) with the 20 most overdue; the
        typical questions looked up most and the queries that found nothing.
        Every chart sits next to the table with its numbers, and every text
        from the data is escaped. --script and --operator filter the calls;
        the cards and tasks are the whole centre's.
        Without --since, the last 8 weeks (--since 56 days before today).

        \(ReportPeriod.namesHelp)

        Options:
          --output FILE    the page to write (mode 0600, or 0660 with files: {group})
          --db LOCATION    the store (as for 'callguide report')
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            StandardOutput.print(help)
            return 0
        }
        let parsed = try ParsedArguments(arguments, command: "report", valued: ["since", "until", "operator", "script", "db", "output"], flags: [])
        guard parsed.positionals.isEmpty else { throw .usage(command: "report", message: "'report dashboard' takes no more arguments, only options") }
        guard let output = parsed.value("output") else {
            throw .usage(command: "report", message: "'report dashboard' writes a page: give --output FILE.html")
        }
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let path = workspace.databasePath(option: parsed.value("db"))
        let configuration = try workspace.loadConfiguration().configuration
        let directory = CentreDirectory(configuration, command: "report")
        let today = directory.today()
        let since = parsed.value("since") ?? today.adding(days: -55).map(\.description) ?? today.description
        let period = try ReportPeriod.parse(since: since, until: parsed.value("until"), today: today, command: "report")
        let filter = CallFilter(sinceDay: period.sinceDay, untilDay: period.untilDay, operator: parsed.value("operator"), script: parsed.value("script"))
        let store = try StoreAccess.openExisting(path, configuration: configuration)
        return try CardCommand.attempt(path) {
            let overview = try store.report(filter)
            let operators = try store.report(filter, groupBy: .operator)
            let weeks = try store.report(filter, groupBy: .week)
            let offers = try store.offerReport(filter)
            let funnel = try store.funnelReport(filter)
            let tasks = try store.taskReport(sinceDay: period.sinceDay, untilDay: period.untilDay, now: Date())
            let faq = try store.faqReport(filter, limit: 10)
            var sections: [HTMLPage.Section] = []
            let empty = overview.reduce(0) { $0 + $1.calls } == 0
            let nothing = { (what: String) in ReportOptions.nothing(what, period: period, filter: filter) }
            sections.append(.init(heading: "Overview", id: "overview", body: empty ? [HTMLPage.paragraph(nothing("calls"))]
                                  : [ReportHTML.overviewTable(overview, keyName: "", id: "overview-table").render(),
                                     HTMLPage.paragraph(ReportHTML.abbreviations, className: "key")]))
            if !empty {
                sections.append(.init(heading: "NPS by week", id: "nps", body: [
                    ReportHTML.npsChart(weeks, id: "nps-chart", periodName: "week"),
                    ReportHTML.npsTable(weeks, keyName: "week", id: "nps-table").render(),
                ]))
                sections.append(.init(heading: "Conversion and offers by operator", id: "operators", body: [
                    ReportHTML.conversionChart(operators, id: "conversion-chart", groupName: "operator"),
                    ReportHTML.overviewTable(operators, keyName: "operator", id: "operators-table").render(),
                ]))
            }
            sections.append(.init(heading: "Offers", id: "offers", body: ReportHTML.offerSection(offers, empty: nothing("offers made"))))
            let timestamp = { (date: Date) in directory.when(date) }
            sections.append(.init(heading: "Funnel", id: "funnel", body: ReportHTML.funnelSection(funnel, timestamp: timestamp, noChanges: nothing("status changes"))))
            sections.append(.init(heading: "Tasks made in the period", id: "tasks",
                                  body: ReportHTML.taskSection(tasks, keyName: "", directory: directory, limit: 20)))
            sections.append(.init(heading: "Typical questions (FAQ)", id: "faq", body: ReportHTML.faqSection(faq)))
            let page = HTMLPage(title: "Call centre dashboard", notes: notes(parsed, filter: filter, configuration: configuration, period: period),
                                sections: sections)
            try ClientFiles.emit(page.render(), output: output, configuration: configuration)
            return 0
        }
    }

    /// The lines under a page's title: the period, the filters, when made.
    static func notes(_ parsed: ParsedArguments, filter: CallFilter?, configuration: WorkspaceConfiguration?, period: ReportPeriod? = nil) -> [String] {
        let directory = CentreDirectory(configuration, command: "report")
        let since = period?.sinceDay ?? filter?.sinceDay, until = period?.untilDay ?? filter?.untilDay
        var notes: [String] = []
        switch (since, until) {
        case (nil, nil): notes.append("All calls stored.")
        case (let from?, nil): notes.append("From \(from) to today.")
        case (nil, let to?): notes.append("Up to \(to).")
        case (let from?, let to?): notes.append("From \(from) to \(to), both included.")
        }
        var only: [String] = []
        if let name = parsed.value("operator") { only.append("operator \(name)") }
        if let script = parsed.value("script") { only.append("script \(script)") }
        if !only.isEmpty { notes.append("Only " + only.joined(separator: ", ") + ".") }
        notes.append("Made \(directory.when(Date())) (\(directory.timeZone.identifier)) by callguide.")
        return notes
    }
}
