import CallGuide
import Foundation
import Glibc
import XCTest

/// A fresh temporary folder for one end-to-end test: scripts and transcripts
/// are written into it, the `callguide` binary runs with it as its current
/// folder, and it is removed when the test ends.
final class EndToEndSandbox {
    let root: URL
    /// The operator name every call in the sandbox runs as.
    static let operatorName = "Bob Tester"

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("callguide-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The absolute path of `name` inside the sandbox.
    func path(_ name: String) -> String {
        root.appendingPathComponent(name).path
    }

    /// Writes `text` to `name` (creating folders) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: Data) throws -> String {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
        return url.path
    }

    /// Copies the example script of Docs/ into the sandbox.
    func exampleScript(named name: String = "inbound-order.yaml") throws -> String {
        try write(name, String(decoding: try Data(contentsOf: EndToEndSandbox.exampleScriptURL), as: UTF8.self))
    }

    /// Copies `Tests/Fixtures/e2e/NAME` into the sandbox.
    func fixture(_ name: String) throws -> String {
        let url = BuiltProducts.packageRoot.appendingPathComponent("Tests/Fixtures/e2e").appendingPathComponent(name)
        return try write(name, bytes: try Data(contentsOf: url))
    }

    static let exampleScriptURL = BuiltProducts.packageRoot.appendingPathComponent("Docs/examples/inbound-order.yaml")

    /// The environment every run gets: the operator, no colour, a
    /// database inside the sandbox, and no locale (the operator screen
    /// speaks English whatever the machine running the tests is set to).
    var environment: [String: String?] {
        [
            "CALLGUIDE_OPERATOR": Self.operatorName,
            "NO_COLOR": "1",
            "CALLGUIDE_DB": path("callguide.db"),
            "TERM": "dumb",
            "LANG": nil,
            "LC_ALL": nil,
            "LC_MESSAGES": nil,
        ]
    }

    /// Runs `callguide ARGUMENTS` in the sandbox with `input` piped in.
    func callguide(
        _ arguments: [String], input: String = "", environment extra: [String: String?] = [:], timeout: TimeInterval = 20
    ) throws -> ProcessResult {
        try callguide(arguments, inputData: Data(input.utf8), environment: extra, timeout: timeout)
    }

    func callguide(
        _ arguments: [String], inputData: Data, environment extra: [String: String?] = [:], timeout: TimeInterval = 20
    ) throws -> ProcessResult {
        var environment = self.environment
        for (key, value) in extra { environment[key] = value }
        return try EndToEndProcess.run(
            BuiltProducts.callguide, arguments: arguments, input: inputData, environment: environment,
            currentDirectory: root, timeout: timeout)
    }

    /// `callguide run SCRIPT --transcript TRANSCRIPT` with `lines` piped in,
    /// one per line. Fails the test unless it exits 0.
    @discardableResult
    func record(
        _ script: String, transcript: String, lines: [String], file: StaticString = #filePath, line: UInt = #line
    ) throws -> ProcessResult {
        let input = lines.map { $0 + "\n" }.joined()
        let result = try callguide(["run", script, "--transcript", transcript], input: input)
        XCTAssertEqual(result.status, 0, "run failed: \(result.stderr)", file: file, line: line)
        XCTAssertFalse(result.timedOut, file: file, line: line)
        return result
    }

    /// Reads and parses a transcript.
    func transcript(_ path: String) throws -> TranscriptDocument {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return try TranscriptDocument.parse(bytes: bytes)
    }

    /// The permission bits of a file (e.g. 0o600).
    func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }
}

/// Runs a child process in a given current folder (see `ProcessRunner`).
enum EndToEndProcess {
    static func run(
        _ executable: String, arguments: [String], input: Data, environment: [String: String?],
        currentDirectory: URL, timeout: TimeInterval
    ) throws -> ProcessResult {
        try ProcessRunner.run(
            executable, arguments: arguments, input: input, environment: environment,
            currentDirectory: currentDirectory, timeout: timeout)
    }
}

/// Short, comparable descriptions of transcript events, so a test can state
/// a whole call as a list of strings.
enum EventSummary {
    /// "say greeting", "answer budget=500", "skip entrance (operator)",
    /// "handler price@budget", "end sale@close_sale".
    static func describe(_ event: CallEvent) -> String {
        switch event {
        case .start: return "start"
        case .say(let node, _): return "say \(node)"
        case .ask(let node, _): return "ask \(node)"
        case .offer(let node, _, _): return "offer \(node)"
        case .answer(let node, _, let value): return "answer \(node)=\(json(value))"
        case .invalid(let node, _, _): return "invalid \(node)"
        case .warning(let node, _): return "warning \(node)"
        case .skip(let node, let reason): return "skip \(node) (\(reason.rawValue))"
        case .back(let node): return "back \(node)"
        case .handler(let name, let node): return "handler \(name)@\(node)"
        case .return(let node): return "return \(node)"
        case .note(let text): return "note \(text)"
        case .error(let node, _): return "error \(node ?? "-")"
        case .task(let task): return "task \(task.kind.rawValue)@\(task.node) due \(task.due)"
        case .faq(let lookup): return "faq \(lookup.query)@\(lookup.node) [\(lookup.shown.joined(separator: ","))]"
        case .end(let end): return "end \(end.outcome)@\(end.node ?? "-")"
        }
    }

    static func describe(_ document: TranscriptDocument) -> [String] {
        document.lines.map { describe($0.event) }
    }

    /// A value as the transcript writes it: `"order"`, `500`, `["a","b"]`.
    static func json(_ value: Value) -> String {
        JSONWriter.serialize(TranscriptCodec.json(value))
    }

    /// The `end` event's answers as `node=value` strings, in order.
    static func answers(of end: CallEnd) -> [String] {
        end.answers.map { "\($0.node)=\(json($0.value))" }
    }
}

extension TranscriptDocument {
    /// The call's `end`, if it has one.
    var end: CallEnd? {
        guard let last = lines.last, case .end(let end) = last.event else { return nil }
        return end
    }

    /// Every `answer` event's node and value, in order.
    var answerEvents: [String] {
        lines.compactMap {
            if case .answer(let node, _, let value) = $0.event { return "\(node)=\(EventSummary.json(value))" }
            return nil
        }
    }
}

/// Dates relative to today, as the call sees it (local time).
enum LocalDates {
    static func iso(daysFromToday days: Int) -> String {
        format(days: days, pattern: "yyyy-MM-dd")
    }

    /// `DD.MM.YYYY`, the other accepted form.
    static func dotted(daysFromToday days: Int) -> String {
        format(days: days, pattern: "dd.MM.yyyy")
    }

    private static func format(days: Int, pattern: String) -> String {
        let calendar = Calendar.current
        let date = calendar.date(byAdding: .day, value: days, to: Date()) ?? Date()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

/// A small seeded random generator (SplitMix64), so a failing random walk
/// can be reproduced from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
