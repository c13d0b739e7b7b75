import CallGuide
import Foundation

/// How `report answers` splits its calls.
public enum AnswerGrouping: String, Sendable, CaseIterable {
    case none, version, `operator`
}

/// Why `report answers` cannot answer (exit 2 in the command).
public enum AnswerReportError: Error, Equatable, CustomStringConvertible {
    /// No stored call's script (of `--script`, if given) has this question.
    case unknownQuestion(node: String, script: String?, known: [String])
    /// The question differs between scripts (type or options): adding them
    /// up would mix answers to different questions.
    case differentQuestions(node: String, scripts: [(script: String, shape: String)])

    public static func == (a: AnswerReportError, b: AnswerReportError) -> Bool { a.description == b.description }

    public var description: String {
        switch self {
        case .unknownQuestion(let node, let script, let known):
            let scope = script.map { "script '\($0)'" } ?? "any stored call's script"
            let hint = known.isEmpty ? "" : "; its questions are " + known.joined(separator: ", ")
            return "no question '\(node)' in \(scope) (the store keeps the questions of the script versions it has calls of)\(hint)"
        case .differentQuestions(let node, let scripts):
            let list = scripts.map { "\($0.script) (\($0.shape))" }.joined(separator: ", ")
            return "'\(node)' is a different question in \(list); give --script to choose one"
        }
    }
}

/// What customers answered one question (reports.md 2), per group.
public struct AnswerReport: Equatable, Sendable {
    public var node: String
    public var type: AnswerType
    /// The options in the order of the newest version of the question
    /// (options only older versions had follow); empty for other types.
    public var options: [QuestionOption]
    /// The scripts whose calls are counted.
    public var scripts: [String]
    public var groups: [Group]

    /// One option's answers.
    public struct OptionCount: Equatable, Sendable {
        public var key: String
        public var label: String
        public var count: Int
    }

    /// A free text as answered (trimmed, case folded) and how often.
    public struct TextCount: Equatable, Sendable {
        public var text: String
        public var count: Int
        public init(text: String, count: Int) {
            self.text = text
            self.count = count
        }
    }

    /// number, integer, scale, nps: the spread of the answers. Quartiles
    /// interpolate between the closest ranks (position (n - 1) * p, as
    /// spreadsheets' QUARTILE.INC), in decimal arithmetic.
    public struct Numbers: Equatable, Sendable {
        public var count: Int
        public var min: Decimal
        public var lowerQuartile: Decimal
        public var median: Decimal
        public var upperQuartile: Decimal
        public var max: Decimal
        public var mean: Decimal

        public init(count: Int, min: Decimal, lowerQuartile: Decimal, median: Decimal, upperQuartile: Decimal, max: Decimal, mean: Decimal) {
            self.count = count
            self.min = min
            self.lowerQuartile = lowerQuartile
            self.median = median
            self.upperQuartile = upperQuartile
            self.max = max
            self.mean = mean
        }
    }

    public struct Group: Equatable, Sendable {
        /// The operator, or `script@version`; nil for a report not grouped.
        public var key: String?
        /// The calls of the scripts asking the question, in the period.
        public var calls: Int
        /// Calls with an answer (not skipped).
        public var answered: Int
        /// Calls where the question was skipped (or its answer erased by
        /// `card forget`).
        public var skipped: Int
        /// Calls that never reached the question.
        public var unanswered: Int
        /// choice, multi, yesno: every option, in option order, with its count
        /// (a multi answer counts for each option it holds).
        public var options: [OptionCount]
        /// Answers that are none of the options (a choice a newer version dropped).
        public var otherAnswers: Int
        public var numbers: Numbers?
        /// text (and date, datetime): the 20 most frequent, most frequent first.
        public var texts: [TextCount]

        /// An option's (or a text's) share of the answered calls, 0...1.
        public func share(_ count: Int) -> Double? { answered == 0 ? nil : Double(count) / Double(answered) }
    }

    /// How many texts a report lists.
    public static let topTexts = 20
}

extension CardStore {
    /// What customers answered the question `node` in the calls the filter
    /// selects. SQL counts the calls and each distinct answer (the answers
    /// of a question are few distinct values, except free texts), so no
    /// call's JSON is read and no answer is joined to its call; the counts
    /// are turned into shares, quartiles and the top texts here.
    public func answerReport(node: String, _ filter: CallFilter = CallFilter(), by grouping: AnswerGrouping = .none) throws -> AnswerReport {
        let question = try storedQuestion(node: node, script: filter.script)
        let scriptList = question.scripts.map { _ in "?" }.joined(separator: ", ")
        let scriptValues = question.scripts.map(SQLValue.text)
        // Counted per slice (day, operator, script, version) in index order,
        // then the slices added up (`CallFilter.sliceSQL`).
        let calls = filter.sliceSQL()
        let answered = filter.sliceSQL(reportTable: true)
        func and(_ clause: String) -> String { clause.isEmpty ? "WHERE " : clause + " AND " }
        // Two key columns whatever the grouping; PostgreSQL refuses
        // constants in GROUP BY and ORDER BY, so those name real columns only.
        let key: String
        let columns: String
        switch grouping {
        case .none: (key, columns) = ("NULL, NULL", "")
        case .version: (key, columns) = ("script_id, script_version", "script_id, script_version")
        case .operator: (key, columns) = ("operator, NULL", "operator")
        }
        func groupKey(_ row: SQLRow) -> String? {
            switch grouping {
            case .none: return nil
            case .version: return ReportRow.versionKey(script: row[0].string ?? "", version: row[1].string)
            case .operator: return row[0].string
            }
        }
        var groups: [String: AnswerReport.Group] = [:]
        var order: [String] = []
        func update(_ row: SQLRow, _ change: (inout AnswerReport.Group) -> Void) {
            let name = groupKey(row)
            let slot = name ?? ""
            if groups[slot] == nil {
                order.append(slot)
                groups[slot] = AnswerReport.Group(key: name, calls: 0, answered: 0, skipped: 0, unanswered: 0, options: [], otherAnswers: 0, numbers: nil, texts: [])
            }
            change(&groups[slot]!)
        }
        let groupBy = grouping == .none ? "" : "GROUP BY \(columns) ORDER BY \(grouping == .version ? "script_id, min(first_start)" : columns)"
        let totals = try db.query(
            """
            SELECT \(key), CAST(COALESCE(sum(n), 0) AS BIGINT) FROM (
                SELECT started_day, operator, script_id, script_version, count(*) AS n, min(started_at) AS first_start
                FROM calls \(and(calls.clause))script_id || '' IN (\(scriptList))
                GROUP BY started_day, operator, script_id, script_version
            ) slices \(groupBy)
            """, calls.values + scriptValues)
        for row in totals { update(row) { $0.calls = row[2].int ?? 0 } }

        // Each distinct answer and how many calls gave it, from the answers'
        // own index (`call_answers_report`): no answer is joined to its call.
        let answers = try db.query(
            """
            SELECT \(key), value, CAST(sum(n) AS BIGINT) FROM (
                SELECT script_id, started_day, operator, script_version, value, count(*) AS n
                FROM call_answers \(and(answered.clause))node = ? AND script_id IN (\(scriptList))
                GROUP BY script_id, started_day, operator, script_version, value
            ) slices GROUP BY \(grouping == .none ? "" : columns + ", ")value
            """, answered.values + [.text(node)] + scriptValues)
        var values: [String: [(Value, Int)]] = [:]
        for row in answers {
            let value = row[2].string.flatMap { JSONValue.parseStored($0)?.value } ?? .null
            let count = row[3].int ?? 0
            update(row) { group in
                if value.isNull { group.skipped += count } else { group.answered += count }
            }
            if !value.isNull { values[groupKey(row) ?? "", default: []].append((value, count)) }
        }
        for slot in order {
            var group = groups[slot]!
            group.unanswered = max(0, group.calls - group.answered - group.skipped)
            Self.summarize(values[slot] ?? [], type: question.type, options: question.options, into: &group)
            groups[slot] = group
        }
        return AnswerReport(node: node, type: question.type, options: question.options, scripts: question.scripts,
                            groups: order.map { groups[$0]! })
    }

    /// The question as the store keeps it for the scripts concerned: one
    /// type and set of options, or an error naming the scripts that differ.
    func storedQuestion(node: String, script: String?) throws -> (type: AnswerType, options: [QuestionOption], scripts: [String]) {
        var sql = "SELECT script_id, type, options FROM script_questions WHERE node = ?"
        var values: [SQLValue] = [.text(node)]
        if let script { sql += " AND script_id = ?"; values.append(.text(script)) }
        let rows = try db.query(sql + " ORDER BY script_id, seen_at DESC, script_version DESC", values)
        guard !rows.isEmpty else {
            let known = try script.map {
                try db.query("SELECT DISTINCT node FROM script_questions WHERE script_id = ? ORDER BY node", [.text($0)]).compactMap { $0[0].string }
            } ?? []
            throw AnswerReportError.unknownQuestion(node: node, script: script, known: known)
        }
        // Per script, its newest version first; other versions' options added after.
        var shapes: [(script: String, type: AnswerType, options: [QuestionOption])] = []
        for row in rows {
            let id = row[0].string ?? ""
            let type = AnswerType(rawValue: row[1].string ?? "") ?? .text
            let options = (JSONValue.parseStored(row[2].string ?? "[]")?.arrayValue ?? []).map { pair in
                QuestionOption(key: pair.arrayValue.first?.stringValue ?? "", label: pair.arrayValue.dropFirst().first?.stringValue ?? "")
            }
            if let index = shapes.firstIndex(where: { $0.script == id }) {
                for option in options where !shapes[index].options.contains(where: { $0.key == option.key }) {
                    shapes[index].options.append(option)
                }
            } else {
                shapes.append((id, type, options))
            }
        }
        let first = shapes[0]
        let differ = shapes.contains { $0.type != first.type || $0.options.map(\.key) != first.options.map(\.key) }
        if differ {
            throw AnswerReportError.differentQuestions(node: node, scripts: shapes.map { shape in
                (shape.script, shape.type.rawValue + (shape.options.isEmpty ? "" : ": " + shape.options.map(\.key).joined(separator: ", ")))
            })
        }
        return (first.type, first.options, shapes.map(\.script))
    }

    /// Turns the counted answers into option counts, numbers or top texts.
    static func summarize(_ answers: [(Value, Int)], type: AnswerType, options: [QuestionOption], into group: inout AnswerReport.Group) {
        switch type {
        case .choice, .multi, .yesno:
            var counts: [String: Int] = [:]
            var other = 0
            for (value, count) in answers {
                let keys: [String]
                switch value {
                case .list(let items): keys = items.compactMap(\.textValue)
                default: keys = value.textValue.map { [$0] } ?? []
                }
                for key in keys {
                    if options.contains(where: { $0.key == key }) { counts[key, default: 0] += count } else { other += count }
                }
            }
            group.options = options.map { AnswerReport.OptionCount(key: $0.key, label: $0.label, count: counts[$0.key] ?? 0) }
            group.otherAnswers = other
        case .number, .integer, .scale, .nps:
            var numbers: [(Decimal, Int)] = []
            for (value, count) in answers {
                if case .number(let number) = value { numbers.append((number, count)) } else { group.otherAnswers += count }
            }
            group.numbers = AnswerReport.Numbers(numbers)
        case .phone, .email:
            // Personal data (store.md 6): counted, never listed.
            break
        case .text, .date, .datetime:
            var counts: [String: Int] = [:]
            for (value, count) in answers {
                let text = (value.textValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                counts[text, default: 0] += count
            }
            group.texts = counts.map { AnswerReport.TextCount(text: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }
                .prefix(AnswerReport.topTexts).map { $0 }
        }
    }
}

extension AnswerReport.Numbers {
    /// The spread of values given as (value, how many times); nil for none.
    init?(_ counted: [(Decimal, Int)]) {
        let sorted = counted.filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
        let total = sorted.reduce(0) { $0 + $1.1 }
        guard total > 0, let first = sorted.first, let last = sorted.last else { return nil }
        /// The value at 0-based rank `rank` of the sorted answers.
        func value(at rank: Int) -> Decimal {
            var seen = 0
            for (number, count) in sorted {
                seen += count
                if rank < seen { return number }
            }
            return last.0
        }
        func quantile(_ p: Decimal) -> Decimal {
            let position = Decimal(total - 1) * p
            var whole = Decimal()
            var exact = position
            NSDecimalRound(&whole, &exact, 0, .down)
            let rank = NSDecimalNumber(decimal: whole).intValue
            let fraction = position - whole
            let low = value(at: rank)
            return fraction == 0 ? low : low + fraction * (value(at: rank + 1) - low)
        }
        let sum = sorted.reduce(Decimal(0)) { $0 + $1.0 * Decimal($1.1) }
        self.init(count: total, min: first.0, lowerQuartile: quantile(Decimal(string: "0.25")!), median: quantile(Decimal(string: "0.5")!),
                  upperQuartile: quantile(Decimal(string: "0.75")!), max: last.0, mean: sum / Decimal(total))
    }
}
