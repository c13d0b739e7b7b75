import CallGuide
import CallGuideStore
import Foundation

/// `callguide report answers NODE`: what customers answered one question
/// (reports.md 2).
enum AnswerReportCommand {
    static let help = """
        Usage: callguide report answers NODE [--by version|operator] [--since DATE] [--until DATE]
                                             [--script ID] [--operator NAME]
                                             [--format table|csv|json|html] [--output FILE] [--db LOCATION]

        What customers answered the question NODE (a module's node too:
        closing.nps). choice, multi, yesno: the count and share of each option,
        in option order, with its label (a multi answer counts for each option it
        holds; shares are of the calls that answered). number, integer, scale,
        nps: n, min, lower quartile, median, upper quartile, max and mean
        (quartiles interpolate between the closest answers, as spreadsheets'
        QUARTILE.INC). text, date: the 20 most frequent answers, trimmed and
        case folded. phone and email answers are counted, never listed.
        Skipped questions and calls that never reached NODE are counted apart.
        The store keeps the questions of every script version it has a call of,
        so no script file is needed. Calls of several scripts are added up only
        when NODE is the same question (type and options) in each; otherwise the
        scripts are listed and the command exits 2: give --script.
        --by version: one block per script@version; --by operator: per operator.

        \(ReportPeriod.namesHelp)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let options = try ReportOptions(arguments, report: "answers", valued: ["by"], positionals: ["NODE, the question to report on (e.g. closing.nps)"])
        let node = options.parsed.positionals[0]
        let grouping = AnswerGrouping(rawValue: try options.parsed.choice("by", among: ["version", "operator"], default: "none")) ?? .none
        return try CardCommand.attempt(options.path) {
            let report: AnswerReport
            do {
                report = try options.store.answerReport(node: node, options.filter, by: grouping)
            } catch let error as AnswerReportError {
                throw CommandError.unusableInput(TerminalText.sanitize(error.description))
            }
            let text: String
            switch options.format {
            case "json": text = JSONWriter.serialize(json(report, grouping: grouping)) + "\n"
            case "csv": text = CSV.write(csv(report))
            case "html": text = options.page("Answers report", heading: "Answers to \(node)", id: "answers", body: ReportHTML.answerSection(report, empty: options.nothing()))
            default: text = table(report, options)
            }
            try options.emit(text)
            return 0
        }
    }

    static func counts(_ group: AnswerReport.Group) -> [(String, Int)] {
        [("calls", group.calls), ("answered", group.answered), ("skipped", group.skipped), ("unanswered", group.unanswered)]
    }

    static func numberFields(_ numbers: AnswerReport.Numbers) -> [(String, Decimal)] {
        [("n", Decimal(numbers.count)), ("min", numbers.min), ("lower_quartile", numbers.lowerQuartile), ("median", numbers.median),
         ("upper_quartile", numbers.upperQuartile), ("max", numbers.max), ("mean", rounded(numbers.mean, 2))]
    }

    static func rounded(_ value: Decimal, _ places: Int) -> Decimal {
        var exact = value
        var result = Decimal()
        NSDecimalRound(&result, &exact, places, .plain)
        return result
    }

    static func json(_ report: AnswerReport, grouping: AnswerGrouping) -> JSONValue {
        let groups = report.groups.map { group -> JSONValue in
            var fields: [(String, JSONValue)] = [(grouping == .none ? "group" : grouping.rawValue, group.key.map(JSONValue.string) ?? .null)]
            fields += counts(group).map { ($0.0, .number(Decimal($0.1))) }
            if !report.options.isEmpty {
                fields.append(("options", .array(group.options.map { option in
                    .object([("key", .string(option.key)), ("label", .string(option.label)), ("count", .number(Decimal(option.count))),
                             ("share", ReportOptions.percent(option.count, of: group.answered).map(JSONValue.number) ?? .null)])
                })))
                fields.append(("other_answers", .number(Decimal(group.otherAnswers))))
            }
            if [.number, .integer, .scale, .nps].contains(report.type) {
                fields.append(("numbers", group.numbers.map { .object(numberFields($0).map { ($0.0, .number($0.1)) }) } ?? .null))
            }
            if [.text, .date, .datetime].contains(report.type) {
                fields.append(("texts", .array(group.texts.map { item in
                    .object([("text", .string(item.text)), ("count", .number(Decimal(item.count))),
                             ("share", ReportOptions.percent(item.count, of: group.answered).map(JSONValue.number) ?? .null)])
                })))
            }
            return .object(fields)
        }
        return .object([("node", .string(report.node)), ("type", .string(report.type.rawValue)),
                        ("scripts", .array(report.scripts.map(JSONValue.string))), ("groups", .array(groups))])
    }

    /// One line per option, per text, or per group (numbers), each with its group's counts.
    static func csv(_ report: AnswerReport) -> [[String]] {
        let head = ["group", "calls", "answered", "skipped", "unanswered"]
        func lead(_ group: AnswerReport.Group) -> [String] { [group.key ?? "all"] + counts(group).map { "\($0.1)" } }
        func share(_ count: Int, _ group: AnswerReport.Group) -> String {
            ReportOptions.percent(count, of: group.answered).map(canonicalNumberText) ?? ""
        }
        if !report.options.isEmpty {
            return [head + ["option", "label", "count", "share"]] + report.groups.flatMap { group in
                group.options.map { lead(group) + [$0.key, $0.label, "\($0.count)", share($0.count, group)] }
            }
        }
        if [.number, .integer, .scale, .nps].contains(report.type) {
            let names = ["n", "min", "lower_quartile", "median", "upper_quartile", "max", "mean"]
            return [head + names] + report.groups.map { group in
                lead(group) + (group.numbers.map { numberFields($0).map { canonicalNumberText($0.1) } } ?? names.map { _ in "" })
            }
        }
        if [.text, .date, .datetime].contains(report.type) {
            return [head + ["rank", "text", "count", "share"]] + report.groups.flatMap { group in
                group.texts.enumerated().map { lead(group) + ["\($0.offset + 1)", $0.element.text, "\($0.element.count)", share($0.element.count, group)] }
            }
        }
        return [head] + report.groups.map(lead)
    }

    static func table(_ report: AnswerReport, _ options: ReportOptions) -> String {
        let scripts = report.scripts.map { TerminalText.sanitize($0) }.joined(separator: ", ")
        var lines = ["'\(TerminalText.sanitize(report.node))' (\(report.type.rawValue)) in \(scripts)"]
        let groups = report.groups.filter { $0.calls > 0 }
        if groups.isEmpty { return lines[0] + ": " + options.nothing() + "\n" }
        for group in groups {
            var heading = "\n"
            if let key = group.key { heading += TerminalText.sanitize(key) + ": " }
            heading += "\(group.calls) call\(group.calls == 1 ? "" : "s"), \(group.answered) answered, \(group.skipped) skipped, \(group.unanswered) never asked"
            lines.append(heading)
            if !report.options.isEmpty {
                var table = TextTable(headers: ["option", "label", "answers", "share"])
                table.rows = group.options.map { option in
                    [TerminalText.sanitize(option.key), TerminalText.sanitize(option.label), "\(option.count)",
                     ReportOptions.percentText(ReportOptions.percent(option.count, of: group.answered))]
                }
                if group.otherAnswers > 0 {
                    table.rows.append(["(other)", "", "\(group.otherAnswers)", ReportOptions.percentText(ReportOptions.percent(group.otherAnswers, of: group.answered))])
                }
                table.rightAligned = [2, 3]
                lines.append(table.render())
            } else if let numbers = group.numbers {
                var table = TextTable(headers: ["n", "min", "q1", "median", "q3", "max", "mean"])
                table.rows = [numberFields(numbers).map { canonicalNumberText($0.1) }]
                table.rightAligned = Set(0...6)
                lines.append(table.render())
            } else if !group.texts.isEmpty {
                var table = TextTable(headers: ["#", "answer", "count", "share"])
                table.rows = group.texts.enumerated().map { index, item in
                    ["\(index + 1)", TerminalText.sanitize(item.text), "\(item.count)",
                     ReportOptions.percentText(ReportOptions.percent(item.count, of: group.answered))]
                }
                table.rightAligned = [0, 2, 3]
                lines.append(table.render())
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
