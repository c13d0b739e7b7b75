import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// Eight operators, each a loop of `callguide next` processes, drain one
/// queue of 500 tasks on one SQLite file: every task is worked exactly once
/// (workflow.md 3: taking is atomic).
final class TaskQueueConcurrencyTests: XCTestCase {
    func testEightOperatorsDrainFiveHundredTasksEachWorkedExactlyOnce() throws {
        try drainTaskQueue(tasks: 500, database: nil)
    }
}

extension XCTestCase {
    /// Eight operators of `next`, as many tasks as the queue holds, the
    /// store `database` (nil: the workspace's SQLite file).
    func drainTaskQueue(tasks count: Int, database: String?, file: StaticString = #filePath, line: UInt = #line) throws {
        let operators = (0..<8).map { "w\($0)" }
        let settings = "\noperators:\n" + operators.map { "  \($0): [queue]\n" }.joined()
        let workspace = try TaskWorkspace.make(settings: settings, database: database, file: file, line: line)
        defer { workspace.remove() }
        do {
            let store = try CardStore(path: workspace.database, durability: .processCrashes)
            let due = LocalDateTime(instant: Date().addingTimeInterval(-3600), in: .current)
            for index in 0..<count {
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
            XCTAssertEqual(worker.finish(timeout: 600), 0, "\(name): \(worker.output.suffix(2000))", file: file, line: line)
            worked[name] = worker.output.split(separator: "\n").map { String($0.dropFirst(5).prefix(7)) }
        }
        let all = worked.values.flatMap { $0 }
        XCTAssertEqual(all.count, count, "tasks taken, counting repeats", file: file, line: line)
        XCTAssertEqual(Set(all).count, count, "no task taken twice", file: file, line: line)
        let tasks = try workspace.tasks(file: file, line: line)
        XCTAssertEqual(tasks.count, count, file: file, line: line)
        XCTAssertEqual(Set(tasks.compactMap { $0["status"]?.string }), ["done"], file: file, line: line)
        XCTAssertEqual(Set(tasks.compactMap { $0["attempts"]?.number }), [1], "each worked exactly once", file: file, line: line)
        XCTAssertEqual(Set(tasks.compactMap { $0["closed_by"]?.string }).count, count, "each closed by a call of its own", file: file, line: line)
        XCTAssertEqual(try workspace.fixture.calls().count, count, file: file, line: line)
        XCTAssertGreaterThan(worked.values.filter { !$0.isEmpty }.count, 1, "the operators shared the queue", file: file, line: line)
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
