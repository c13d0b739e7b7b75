import CallGuide
import CallGuideStore
import Foundation

/// Who works in the centre and in which groups (`operators:` in
/// callguide.yaml), and its clock: checks the names commands are given, so
/// a task is never assigned to someone nobody will see it as.
struct CentreDirectory {
    let settings: WorkflowSettings
    let command: String

    init(_ configuration: WorkspaceConfiguration?, command: String) {
        settings = configuration?.workflow ?? WorkflowSettings()
        self.command = command
    }

    var timeZone: TimeZone { settings.timeZone }

    /// Today in the centre's zone.
    func today(_ now: Date = Date()) -> CalendarDate { CalendarDate(instant: now, in: timeZone) }

    /// An operator name for `--to` / `--operator`: any name when no
    /// `operators:` are configured, else one of them.
    func checkOperator(_ name: String) throws(CommandError) -> String {
        let known = settings.operatorNames
        guard known.isEmpty || known.contains(name) else {
            throw .unusableInput("unknown operator '\(TerminalText.sanitize(name))'\(hint(name, known)); the operators in callguide.yaml are \(known.joined(separator: ", "))")
        }
        return name
    }

    /// A group name for `--group`: one that some operator belongs to.
    func checkGroup(_ name: String) throws(CommandError) -> String {
        let known = settings.groupNames
        guard known.contains(name) else {
            if known.isEmpty {
                throw .unusableInput("unknown group '\(TerminalText.sanitize(name))': callguide.yaml names no groups; list them under 'operators:' (e.g. anna: [sales])")
            }
            throw .unusableInput("unknown group '\(TerminalText.sanitize(name))'\(hint(name, known)); the groups in callguide.yaml are \(known.joined(separator: ", "))")
        }
        return name
    }

    /// The groups an operator works for: those given (checked), else the
    /// configured ones.
    func groups(of name: String, given: [String]) throws(CommandError) -> [String] {
        if given.isEmpty { return settings.groups(of: name) }
        var groups: [String] = []
        for group in given { groups.append(try checkGroup(group)) }
        return groups
    }

    private func hint(_ name: String, _ known: [String]) -> String {
        Suggestions.closest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// WHEN of `task add` / `task move`, read in the centre's zone.
    func readWhen(_ text: String, now: Date = Date()) throws(CommandError) -> RelativeDateText.Reading {
        guard let reading = RelativeDateText.read(text, today: today(now)) else {
            throw .usage(command: command, message: "'--due' takes \(RelativeDateText.expected), not '\(TerminalText.sanitize(text))'")
        }
        return reading
    }

    /// A task's due time as the centre reads it: `YYYY-MM-DDTHH:MM`, or
    /// `YYYY-MM-DD` for a date alone.
    func due(_ task: ClientTask) -> String {
        let local = LocalDateTime(instant: task.dueAt, in: timeZone)
        return task.dueHasTime ? local.description : local.date.description
    }

    /// A moment for people: `YYYY-MM-DD HH:MM` in the centre's zone.
    func when(_ date: Date) -> String { LocalDateTime(instant: date, in: timeZone).description.replacingOccurrences(of: "T", with: " ") }

    /// "3d 2h", "2h 5m", "12m": how long ago a task became overdue.
    static func lateness(_ seconds: Double) -> String {
        let minutes = max(0, Int(seconds / 60))
        let days = minutes / 1440, hours = minutes % 1440 / 60, rest = minutes % 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(rest)m" }
        return "\(rest)m"
    }
}
