import CallGuide
import Foundation

/// The result of replaying one transcript file.
struct ReplayOutcome: Sendable {
    let path: String
    let result: ReplayResult?
    let tornLastLine: Bool
    /// Why the transcript could not be read at all, with its line.
    let unreadable: String?

    var passed: Bool { unreadable == nil && result?.passed == true }

    /// `PASS FILE` or `FAIL FILE:LINE: ...` (transcript spec, section 2),
    /// safe to print: a divergence quotes what the operator typed (customer
    /// data, maybe pasted control characters), which must not reprogram the
    /// QA person's terminal.
    var line: String { TerminalText.sanitize(unsanitizedLine) }

    private var unsanitizedLine: String {
        if let unreadable { return "ERROR \(unreadable)" }
        guard let result else { return "ERROR \(path)" }
        var notes: [String] = []
        if !result.assumed.isEmpty { notes.append("assumed " + result.assumed.map(\.description).joined(separator: ", ")) }
        if result.divergence != nil, result.attempts > 1 { notes.append("\(result.attempts) combinations of assumed answers tried") }
        if tornLastLine { notes.append("torn last line ignored") }
        if !result.complete { notes.append("no end: replayed as far as it goes") }
        let suffix = notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"
        if let divergence = result.divergence {
            return "FAIL \(path):\(divergence.line): \(divergence.message)\(suffix)"
        }
        return "PASS \(path)\(suffix)"
    }
}

/// The counts of a run: PASS, FAIL (diverged) and ERROR (could not be
/// replayed) apart.
struct ReplayTally {
    let passed: Int
    let failed: Int
    let errors: Int

    init(_ outcomes: [ReplayOutcome]) {
        passed = outcomes.filter(\.passed).count
        errors = outcomes.filter { $0.unreadable != nil || $0.result == nil }.count
        failed = outcomes.count - passed - errors
    }

    /// `N passed, M failed` alone on its line (transcript spec, section 2),
    /// with `, K errors` after it only when there are ERROR lines, so that
    /// CI parsers reading the first two counts keep working.
    var closingLine: String {
        "\(passed) passed, \(failed) failed" + (errors == 0 ? "" : ", \(errors) error\(errors == 1 ? "" : "s")")
    }
}

/// Replays transcripts in parallel across cores; results keep input order.
enum ReplayRunner {
    static func run(paths: [String], script: Script, compareTexts: Bool, coverage: Bool, transitions: [String: [String]]?,
                    assumptions: ReplayAssumptions = ReplayAssumptions(), progress: ProgressLine?) -> [ReplayOutcome] {
        let results = ResultSlots<ReplayOutcome>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results[index] = replayOne(paths[index], script: script, compareTexts: compareTexts, coverage: coverage, transitions: transitions,
                                       assumptions: assumptions)
            progress?.advance()
        }
        return results.values
    }

    static func replayOne(_ path: String, script: Script, compareTexts: Bool, coverage: Bool, transitions: [String: [String]]?,
                          assumptions: ReplayAssumptions = ReplayAssumptions()) -> ReplayOutcome {
        // A FIFO or device named *.jsonl would make the read wait forever
        // and hold up every other result: it is an ERROR line instead.
        var status = stat()
        if stat(path, &status) != 0, errno == ENOENT {
            return ReplayOutcome(path: path, result: nil, tornLastLine: false, unreadable: "\(path): no such file or folder")
        }
        if (status.st_mode & S_IFMT) != S_IFREG, (status.st_mode & S_IFMT) != S_IFDIR {
            return ReplayOutcome(path: path, result: nil, tornLastLine: false, unreadable: "\(path): is not a regular file (a FIFO, device or socket), not a transcript")
        }
        let file: SourceFile
        do {
            file = try SourceFile.read(path)
        } catch {
            let message: String
            switch error {
            case .unusableInput(let m): message = m
            default: message = "\(path): cannot be read"
            }
            return ReplayOutcome(path: path, result: nil, tornLastLine: false, unreadable: message)
        }
        let document: TranscriptDocument
        do {
            // Without `--text` nothing compares the texts: don't make them.
            document = try TranscriptDocument.parse(bytes: file.bytes, texts: compareTexts ? .keep : .skip)
        } catch {
            return ReplayOutcome(path: path, result: nil, tornLastLine: false, unreadable: "\(path):\(error.lineNumber): \(error.message)")
        }
        let recorded = document.recordedEvents
        let startedAt = document.lines.first?.line.time ?? ""
        let result = Replayer.replay(recorded, against: script, startedAt: startedAt, compareTexts: compareTexts,
                                     statusTransitions: transitions, recordsCoverage: coverage, assumptions: assumptions)
        return ReplayOutcome(path: path, result: result, tornLastLine: document.tornLastLine, unreadable: nil)
    }
}

/// Slots filled from several threads, each index by exactly one writer.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> T? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [T] { lock.withLock { storage.compactMap { $0 } } }
}
