import CallGuide
import Foundation

/// `callguide replay SCRIPT TRANSCRIPT...`: QA's regression run of recorded
/// calls against a script (transcript spec, section 2).
enum ReplayCommand: Command {
    static let name = "replay"
    static let summary = "replay recorded call transcripts against a script"
    static let help = """
        Usage: callguide replay SCRIPT TRANSCRIPT... [--text] [--junit FILE] [--coverage] [--format text|json]
                                [--assume NODE=VALUE]... [--assume-file FILE]

        Replays each transcript (a folder means every *.jsonl in it, recursively)
        against SCRIPT: the operator's recorded inputs are fed in order and what
        the script does is compared with what was recorded, by node ids and
        option keys. The first difference is reported with the transcript line
        and both sides:
          FAIL calls/0042.jsonl:17: expected ask budget, script gave offer case_offer
        A transcript cut off without an 'end' passes if all it has matches.

        Options:
          --text           texts must match too (say, ask, offer, warnings)
          --junit FILE     also write JUnit XML (one test case per transcript), mode
                           0600; FILE must be a regular file or absent (a link,
                           FIFO, device, folder or read-only file is refused)
          --coverage       after the run, list nodes and branches never exercised
          --format FORMAT  text (default) or json
          --assume NODE=VALUE
                           when the script asks NODE where the transcript does
                           not answer it (a question added since the call), feed
                           VALUE as if typed and go on; repeat the option to give
                           several values, tried in turn until the rest of the
                           transcript matches (at most 64 combinations). Used
                           answers show in the result:
                             PASS calls/0042.jsonl (assumed items_check=yes)
          --assume-file FILE
                           the same from a YAML file: NODE: VALUE, or NODE: [V1, V2]
                           (--assume replaces the file's entry for its node)

        A transcript that cannot be read, or a path that does not exist, is an
        ERROR line naming its file (and line); the others are replayed and
        reported all the same, and the JUnit report is written. The closing
        line counts them apart: '3 passed, 1 failed' ('..., 2 errors' when
        there are ERROR lines). A transcript recorded with another script (its
        'script' id differs) fails at its first line, saying so.

        Exit status: 0 all passed, 1 any diverged, 2 the script or a transcript
        cannot be read, or the JUnit report cannot be written.
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["junit", "format", "assume", "assume-file"], flags: ["text", "coverage"])
        let format = try parsed.choice("format", among: ["text", "json"], default: "text")
        guard parsed.positionals.count >= 2 else {
            throw .usage(command: name, message: "name a script and at least one transcript or folder")
        }
        // A --junit FILE that cannot take the report is said before the run.
        let junit = parsed.value("junit").map { ReportFile(path: $0, role: "the JUnit report") }
        if let junit, let refusal = junit.refusal() {
            throw .unusableInput("\(junit.path): cannot write the JUnit report: \(refusal)")
        }
        let loaded = try LoadedScript.load(parsed.positionals[0])
        let assumptions = try ReplayAssumptionOptions.read(parsed, script: loaded.script)
        let paths = TranscriptPaths.expand(Array(parsed.positionals.dropFirst()))
        guard !paths.isEmpty else { throw .unusableInput("no *.jsonl transcripts found in \(parsed.positionals.dropFirst().joined(separator: ", "))") }

        let progress = ProgressLine(total: paths.count)
        let outcomes = ReplayRunner.run(paths: paths, script: loaded.script, compareTexts: parsed.flag("text"), coverage: parsed.flag("coverage"),
                                        transitions: loaded.configuration?.transitions, assumptions: assumptions, progress: progress)
        progress.finish()

        let coverage = parsed.flag("coverage") ? CoverageReport(script: loaded.script, outcomes: outcomes) : nil
        if format == "json" {
            StandardOutput.print(ReplayReport.json(outcomes, coverage: coverage))
        } else {
            for outcome in outcomes { StandardOutput.print(outcome.line) }
            if let coverage { StandardOutput.print(coverage.text) }
            StandardOutput.print(ReplayTally(outcomes).closingLine)
        }
        try junit?.write(Array(ReplayReport.junit(outcomes, script: loaded.script).utf8))
        if outcomes.contains(where: { $0.unreadable != nil }) { return 2 }
        return outcomes.allSatisfy(\.passed) ? 0 : 1
    }
}

/// Expands folders into the `*.jsonl` files below them, in a stable order.
/// A path that does not exist stays in the list: it is one ERROR line
/// (`ReplayRunner`), and the others are replayed all the same.
enum TranscriptPaths {
    static func expand(_ arguments: [String]) -> [String] {
        var paths: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                paths.append(argument)
                continue
            }
            if isDirectory.boolValue {
                let base = URL(fileURLWithPath: argument)
                let found = (FileManager.default.enumerator(atPath: argument)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix(".jsonl") }
                    .sorted()
                    .map { base.appendingPathComponent($0).relativePath }
                paths += found
            } else {
                paths.append(argument)
            }
        }
        return paths
    }
}
