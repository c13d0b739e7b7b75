import CallGuide

/// The days `--since` and `--until` cover, for `report`, `calls` and
/// `report tasks` alike (reports.md section 1): a manager asks for "the last
/// seven days" more often than for two dates, and every command must read
/// those words the same way, in the centre's time zone.
struct ReportPeriod: Equatable {
    /// The first day included, or nil for "from the first call".
    var since: CalendarDate?
    /// The last day included, or nil for "up to now".
    var until: CalendarDate?

    /// The words `--since`/`--until` take besides a date, as the help shows them.
    static let namesHelp = """
        DATE is YYYY-MM-DD or one of these, counted in the centre's time zone
        (timezone: in callguide.yaml, else the machine's): today; yesterday;
        7d = the last 7 days including today; 30d = the last 30 days including
        today; this-month = the 1st of this month to today. --since takes the
        first day of a span, --until its last (--since 7d = 6 days ago).
        """

    /// Reads both options against `today`; one clear sentence (exit 2) for a
    /// word it does not know or a `--since` later than `--until`.
    static func parse(since: String?, until: String?, today: CalendarDate, command: String) throws(CommandError) -> ReportPeriod {
        func bound(_ text: String?, option: String, first: Bool) throws(CommandError) -> CalendarDate? {
            guard let text else { return nil }
            guard let span = span(text, today: today) else {
                throw .usage(command: command, message: "'--\(option)' takes a date YYYY-MM-DD, today, yesterday, 7d, 30d or this-month, not '\(TerminalText.sanitize(text))'")
            }
            return first ? span.first : span.last
        }
        let period = ReportPeriod(since: try bound(since, option: "since", first: true), until: try bound(until, option: "until", first: false))
        if let from = period.since, let to = period.until, from > to {
            throw .usage(command: command, message: "'--since \(TerminalText.sanitize(since ?? ""))' (\(from)) is after '--until \(TerminalText.sanitize(until ?? ""))' (\(to)): the period would be empty")
        }
        return period
    }

    /// The days a date or a name stands for, both included; nil when `text` is neither.
    static func span(_ text: String, today: CalendarDate) -> (first: CalendarDate, last: CalendarDate)? {
        func daysBefore(_ count: Int) -> CalendarDate? { CalendarDate(dayNumber: today.dayNumber - count) }
        switch text {
        case "today": return (today, today)
        case "yesterday": return daysBefore(1).map { ($0, $0) }
        case "7d": return daysBefore(6).map { ($0, today) }
        case "30d": return daysBefore(29).map { ($0, today) }
        case "this-month": return CalendarDate(year: today.year, month: today.month, day: 1).map { ($0, today) }
        default: return CalendarDate(isoText: text).map { ($0, $0) }
        }
    }

    /// `since`/`until` as the store's day strings.
    var sinceDay: String? { since?.description }
    var untilDay: String? { until?.description }
}
