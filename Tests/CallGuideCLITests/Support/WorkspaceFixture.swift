import CallGuide
import Foundation
import Glibc
import XCTest

/// A throw-away workspace made by `callguide init`, with a small card script
/// of known questions, and helpers to run the real `callguide` binary in it.
struct WorkspaceFixture {
    let root: String
    /// The store every helper passes as `--db`: the workspace's SQLite file
    /// unless `make(database:)` was given another (a PostgreSQL URI).
    var database: String
    var script: String { root + "/scripts/card-call.yaml" }

    /// A script that touches the card: name, company, budget (a number), a
    /// new status, an offer, an NPS question and a yes/no deciding the outcome.
    static let cardScript = """
        callguide: 1
        id: card_call
        version: 1
        title: Card call
        language: en
        outcomes:
          sale: {label: Sale, converted: true}
          no_sale: {label: No sale, converted: false}
        handlers:
          side:
            label: A side question
            start: side_question
        nodes:
          customer_name:
            ask: "Name?"
            save: card.name
          company:
            ask: "Company?"
            save: card.company
          budget:
            ask: "Budget?"
            type: number
            save: card.budget
          new_status:
            ask: "New status?"
            save: card.status
          filters:
            offer: "Filters?"
            item: {sku: F1}
          buy:
            ask: "Buy?"
            type: yesno
          score:
            ask: "Score?"
            type: nps
            next:
              - if: buy
                goto: close_sale
              - goto: close_no_sale
          close_sale:
            end: sale
          close_no_sale:
            end: no_sale
          side_question:
            ask: "Side answer?"
          back_to_call:
            return: true

        """

    /// Answers for the whole card script, in order.
    static func answers(name: String = "Olga", company: String = "Acme", budget: String = "450", status: String = "potential",
                        offer: String = "yes", buy: String = "yes", score: String = "9") -> [String] {
        [name, company, budget, status, offer, buy, score]
    }

    /// A new workspace (`callguide init`) holding the card script.
    static func make(database: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> WorkspaceFixture {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cards-\(UUID().uuidString)").path
        let made = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["init", root])
        XCTAssertEqual(made.status, 0, made.stderr, file: file, line: line)
        try Data(cardScript.utf8).write(to: URL(fileURLWithPath: root + "/scripts/card-call.yaml"))
        return WorkspaceFixture(root: root, database: database ?? root + "/callguide.db")
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Runs `callguide ARGS` with the workspace as the current folder.
    func callguide(_ arguments: [String], input: String = "", environment: [String: String?] = [:], timeout: TimeInterval = 20) throws -> ProcessResult {
        try ProcessRunner.run(
            "/bin/sh", arguments: ["-c", "cd \"$1\" && shift && exec \"$@\"", "sh", root, BuiltProducts.callguide] + arguments,
            input: Data(input.utf8), environment: ["NO_COLOR": "1"].merging(environment) { $1 }, timeout: timeout)
    }

    /// Runs one call of the card script with these answers.
    func runCall(card: String?, operator name: String = "anna", answers: [String], extra: [String] = []) throws -> ProcessResult {
        var arguments = ["run", script, "--operator", name, "--db", database] + extra
        if let card { arguments += ["--card", card] }
        return try callguide(arguments, input: answers.joined(separator: "\n") + "\n")
    }

    /// `callguide ARGS`, expected to succeed, its standard output parsed as JSON.
    func json(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        let result = try callguide(arguments)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try JSONParser.parse(result.stdout)
    }

    /// Every stored call (`calls --format json`).
    func calls(_ filters: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> [JSONValue] {
        try json(["calls", "--db", database, "--format", "json"] + filters, file: file, line: line).elements
    }

    /// One card (`card show KEY --format json`).
    func card(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        try json(["card", "show", key, "--db", database, "--format", "json"], file: file, line: line)
    }
}

extension JSONValue {
    var elements: [JSONValue] { if case .array(let items) = self { return items }; return [] }
    var string: String? { if case .string(let text) = self { return text }; return nil }
    var number: Decimal? { if case .number(let value) = self { return value }; return nil }
    var keys: [String] { if case .object(let members) = self { return members.map(\.0) }; return [] }
}

/// A `callguide` process kept running with its standard input open, so a
/// test can type a line at a time, watch the transcript, and kill it.
final class LiveCallguide {
    let process = Process()
    private let input = Pipe()
    let outputPath: String

    init(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws {
        signal(SIGPIPE, SIG_IGN)
        outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.executableURL = URL(fileURLWithPath: BuiltProducts.callguide)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        // English on the screen, whatever the machine's locale (as ProcessRunner).
        let inherited = ProcessInfo.processInfo.environment.filter { !["LANG", "LC_ALL", "LC_MESSAGES"].contains($0.key) }
        process.environment = inherited.merging(["NO_COLOR": "1"].merging(environment) { $1 }) { $1 }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try? output.close()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: outputPath)
    }

    func type(_ lines: [String]) {
        for line in lines { try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8)) }
    }

    /// Closes standard input and waits for the exit status.
    func finish(timeout: TimeInterval = 20) -> Int32 {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// Waits until `condition` holds (polling), up to `timeout` seconds.
    @discardableResult
    static func wait(timeout: TimeInterval = 10, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }
}

/// Lines of a JSON Lines transcript, parsed (a torn last line is skipped).
func transcriptEvents(_ path: String) -> [JSONValue] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
}
