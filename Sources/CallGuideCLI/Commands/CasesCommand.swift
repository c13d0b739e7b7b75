import CallGuide
import CallGuideStore
import Foundation

/// `callguide cases SCRIPT [--out DIR] [--max N] [--today DATE]`: generates
/// calls that together take every reachable branch of a script, written as
/// ordinary transcripts that `callguide replay` passes as they are.
enum CasesCommand: Command {
    static let name = "cases"
    static let summary = "generate calls that take every branch of a script, as transcripts"
    static let help = """
        Usage: callguide cases SCRIPT [--out DIR] [--max N] [--today DATE]

        Searches answers that take every branch of SCRIPT a call can take:
        every option goto, every next rule (and the fall-through when none
        holds), every when both ways, every handler and every end. It tries
        option keys, yes and no, bounds and numbers around the constants the
        script compares with, dates around today, the script's own strings
        and :skip, running the real engine, and keeps a small set of calls
        that together take all it reached. Each call is written as a
        transcript (mode 0600), DIR/case-001.jsonl, case-002.jsonl, ...; the
        call ids are the file names, so the output is the same on every run.
        The branches no call took are listed with the reason.

        Trainers read the paths of a new script before any real call; QA
        keeps the folder as a regression suite:
          callguide cases new.yaml --out qa/new-cases
          callguide replay new.yaml qa/new-cases --coverage

        Options:
          --out DIR      where to write the transcripts (default: cases); an
                         existing case file is never overwritten
          --max N        at most N calls (default 100)
          --today DATE   the calls' date, YYYY-MM-DD (default \(CaseGenerator.defaultToday))

        Exit status: 0 the cases were written (even if some branch could not
        be reached), 2 the script has errors or a file cannot be written.
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["out", "max", "today"], flags: [])
        guard parsed.positionals.count == 1 else { throw .usage(command: name, message: "name exactly one script") }
        var maximum = 100
        if let text = parsed.value("max") {
            guard let value = Int(text), value >= 1, value <= 100_000 else {
                throw .usage(command: name, message: "'--max' must be a whole number from 1 to 100000, not '\(text)'")
            }
            maximum = value
        }
        let today = parsed.value("today") ?? CaseGenerator.defaultToday
        guard CalendarDate(isoText: today) != nil else {
            throw .usage(command: name, message: "'--today' must be a date YYYY-MM-DD, not '\(today)'")
        }
        let folder = parsed.value("out") ?? "cases"
        let loaded = try LoadedScript.load(parsed.positionals[0])

        var generator = CaseGenerator(script: loaded.script, today: today)
        generator.maximumCases = maximum
        generator.scriptSHA256 = loaded.sha256
        generator.statusTransitions = loaded.configuration?.transitions
        let set = generator.generate()

        let permissions = try ClientFiles.permissions(loaded.configuration)
        let paths = set.cases.map { (folder as NSString).appendingPathComponent($0.callID + ".jsonl") }
        // Nothing is written over an earlier run: checked before the first
        // file, so a refused run leaves no half set behind.
        if let existing = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw .unusableInput("\(existing) already exists: remove the earlier cases or choose another --out")
        }
        for (call, path) in zip(set.cases, paths) {
            try write(call, to: path, startedAt: generator.startedAt, permissions: permissions)
        }
        StandardOutput.print(summary(set, folder: folder))
        return 0
    }

    /// Writes one call through the transcript writer, stamped a second
    /// apart from the call's start, so that the files are the same on
    /// every run.
    private static func write(_ call: CaseSet.Case, to path: String, startedAt: String, permissions: FilePermissions) throws(CommandError) {
        let start = ISO8601DateFormatter.withFractionalSeconds.date(from: startedAt) ?? Date(timeIntervalSince1970: 0)
        let clock = StepClock(start: start)
        do {
            let writer = try TranscriptFileWriter(path: path, permissions: permissions, clock: clock.next)
            defer { writer.close() }
            writer.syncsEachLine = false
            for event in call.events { try writer.append(event) }
            try writer.finish()
        } catch {
            throw .unusableInput(error.description)
        }
    }

    static func summary(_ set: CaseSet, folder: String) -> String {
        let taken = set.total - set.unreached.count
        let percent = CoverageSummary.percent((taken, set.total))
        var lines = ["\(set.cases.count) call\(set.cases.count == 1 ? "" : "s") written to \(folder)/, taking \(taken) of \(set.total) branches and nodes (\(percent))"]
        for call in set.cases {
            var outcome = "-"
            if case .end(let end)? = call.events.last { outcome = end.outcome + (end.node.map { " at \($0)" } ?? "") }
            let answers = call.inputs.filter { !$0.isEmpty && !$0.hasPrefix("!") }.count
            lines.append("  \(call.callID).jsonl  \(answers) answer\(answers == 1 ? "" : "s"), \(outcome)")
        }
        if !set.unreached.isEmpty {
            lines.append("Not reached:")
            lines += set.unreached.map { "  line \($0.line): \($0.branch.description): \($0.reason)" }
        }
        // Keys and reasons quote the script: safe for the terminal line by line.
        return lines.map { TerminalText.sanitize($0) }.joined(separator: "\n")
    }
}

/// Times a generated call's lines: the start, then one second per line.
private final class StepClock: @unchecked Sendable {
    private var next_ = 0
    private let start: Date

    init(start: Date) { self.start = start }

    func next() -> Date {
        defer { next_ += 1 }
        return start.addingTimeInterval(TimeInterval(next_))
    }
}

extension ISO8601DateFormatter {
    fileprivate static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
