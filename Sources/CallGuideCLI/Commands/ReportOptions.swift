import CallGuide
import CallGuideStore
import Foundation

/// What every report reads from its command line (reports.md section 1):
/// the period, `--script`, `--operator`, `--format`, `--output` and the
/// store. The report commands share it, so a new report reads them alike.
struct ReportOptions {
    let parsed: ParsedArguments
    let format: String
    let period: ReportPeriod
    let filter: CallFilter
    let path: String
    let configuration: WorkspaceConfiguration?
    let store: CardStore

    /// The options every report takes, besides its own.
    static let common: Set<String> = ["since", "until", "operator", "script", "format", "db", "output"]

    /// Parses `arguments` (after the report's name), then opens the store.
    /// `valued` and `flags` are the report's own options.
    /// `positionals`: what the report's arguments are, for the message when
    /// they are missing or too many (`["NODE, the question to report on"]`).
    init(_ arguments: [String], report: String, valued: Set<String> = [], flags: Set<String> = [], positionals: [String] = []) throws(CommandError) {
        // Errors name the report, so their hint is the report's own --help.
        let command = "report \(report)"
        parsed = try ParsedArguments(arguments, command: command, valued: Self.common.union(valued), flags: flags)
        guard parsed.positionals.count == positionals.count else {
            if positionals.isEmpty { throw .usage(command: command, message: "takes no arguments, only options") }
            let wanted = positionals.joined(separator: " and ")
            throw .usage(command: command, message: parsed.positionals.count < positionals.count
                ? "needs \(wanted)" : "takes \(wanted) only, not '\(TerminalText.sanitize(parsed.positionals.joined(separator: " ")))'")
        }
        format = try parsed.choice("format", among: ["table", "csv", "json", "html"], default: "table")
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        path = workspace.databasePath(option: parsed.value("db"))
        configuration = try workspace.loadConfiguration().configuration
        let today = CentreDirectory(configuration, command: "report").today()
        period = try ReportPeriod.parse(since: parsed.value("since"), until: parsed.value("until"), today: today, command: command)
        filter = CallFilter(sinceDay: period.sinceDay, untilDay: period.untilDay, operator: parsed.value("operator"), script: parsed.value("script"))
        store = try StoreAccess.openExisting(path, configuration: configuration)
    }

    /// Writes the report to `--output` or standard output.
    func emit(_ text: String) throws(CommandError) {
        try ClientFiles.emit(text, output: parsed.value("output"), configuration: configuration)
    }

    /// "No calls from 2024-05-01 to 2024-05-07." (an empty period says so,
    /// reports.md 1), naming the filters so the reader sees why.
    func nothing(_ what: String = "calls") -> String {
        Self.nothing(what, period: period, filter: filter)
    }

    static func nothing(_ what: String, period: ReportPeriod, filter: CallFilter) -> String {
        var text = "No \(what)"
        switch (period.sinceDay, period.untilDay) {
        case let (since?, until?): text += since == until ? " on \(since)" : " from \(since) to \(until)"
        case let (since?, nil): text += " since \(since)"
        case let (nil, until?): text += " up to \(until)"
        case (nil, nil): break
        }
        if let script = filter.script { text += " of script '\(TerminalText.sanitize(script))'" }
        if let name = filter.operator { text += " by operator '\(TerminalText.sanitize(name))'" }
        return text + "."
    }

    /// A moment as ISO 8601 with the centre's offset (`2026-12-01T17:30:00+03:00`).
    func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = CentreDirectory(configuration, command: "report").timeZone
        return formatter.string(from: date)
    }

    /// A share as a percentage rounded to one decimal place (decimal
    /// arithmetic), nil with nothing to divide by.
    static func percent(_ part: Int, of whole: Int) -> Decimal? {
        guard whole > 0 else { return nil }
        var exact = Decimal(part) * 100 / Decimal(whole)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 1, .plain)
        return rounded
    }

    /// A percentage for the table: `42%`, `-` with nothing to divide by.
    static func percentText(_ value: Decimal?) -> String {
        guard let value else { return "-" }
        var exact = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 0, .plain)
        return canonicalNumberText(rounded) + "%"
    }
}
