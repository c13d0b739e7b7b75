import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// Eight operators, each a loop of `callguide next` processes, drain one
/// queue of 500 tasks on one SQLite file: every task is worked exactly once
/// (workflow.md 3: taking is atomic).
final class TaskQueueConcurrencyTests: XCTestCase {
    func testEightOperatorsDrainFiveHundredTasksEachWorkedExactlyOnce() throws {
        let operators = (0..<8).map { "w\($0)" }
        let settings = "\noperators:\n" + operators.map { "  \($0): [queue]\n" }.joined()
        let workspace = try TaskWorkspace.make(settings: settings)
        defer { workspace.remove() }
        do {
            let store = try CardStore(path: workspace.database, durability: .processCrashes)
            let due = LocalDateTime(instant: Date().addingTimeInterval(-3600), in: .current)
            for index in 0..<500 {
                _ = try store.addTask(NewTask(cardID: "C000001", due: due.adding(minutes: index % 7)!, group: "queue", script: "quick"))
            }
        }
        // Each operator takes tasks until `next` says nothing is due; one
        // line per task worked.
        let loop = """
            while :; do
              out=$("$0" next --operator "$1" --db "$2" </dev/null 2>&1) || { echo "FAILED: $out"; exit 1; }
              case "$out" in *"Nothing"*) exit 0;; esac
              printf '%s\\n' "$out" | grep -o '^Task T[0-9]*: callback' | head -n 1
            done
            """
        let workers = try operators.map { name in
            try ShellWorker(script: loop, arguments: [BuiltProducts.callguide, name, workspace.database], in: workspace.root)
        }
        var worked: [String: [String]] = [:]
        for (name, worker) in zip(operators, workers) {
            XCTAssertEqual(worker.finish(timeout: 300), 0, "\(name): \(worker.output.suffix(2000))")
            worked[name] = worker.output.split(separator: "\n").map { String($0.dropFirst(5).prefix(7)) }
        }
        let all = worked.values.flatMap { $0 }
        XCTAssertEqual(all.count, 500, "tasks taken, counting repeats")
        XCTAssertEqual(Set(all).count, 500, "no task taken twice")
        let tasks = try workspace.tasks()
        XCTAssertEqual(tasks.count, 500)
        XCTAssertEqual(Set(tasks.compactMap { $0["status"]?.string }), ["done"])
        XCTAssertEqual(Set(tasks.compactMap { $0["attempts"]?.number }), [1], "each worked exactly once")
        XCTAssertEqual(Set(tasks.compactMap { $0["closed_by"]?.string }).count, 500, "each closed by a call of its own")
        XCTAssertEqual(try workspace.fixture.calls().count, 500)
        XCTAssertGreaterThan(worked.values.filter { !$0.isEmpty }.count, 1, "the operators shared the queue")
    }
}

/// `/bin/sh -c SCRIPT ARGS...` running in the background, its output in a
/// file (a pipe left unread could fill and stall it).
final class ShellWorker {
    let process = Process()
    let outputPath: String

    init(script: String, arguments: [String], in directory: String) throws {
        outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("worker-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try? output.close()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: outputPath)
    }

    func finish(timeout: TimeInterval) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
}
