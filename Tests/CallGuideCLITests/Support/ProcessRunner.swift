import Foundation
import Glibc

/// What a finished child process produced.
struct ProcessResult {
    /// Exit status, or 128 + signal when killed (e.g. by the timeout).
    let status: Int32
    let stdout: String
    let stderr: String
    let stdoutData: Data
    let timedOut: Bool
}

/// Runs a binary to completion with piped standard input, capturing its
/// output, for end-to-end tests of the callguide executable.
enum ProcessRunner {
    /// Runs `executable` with `arguments`, writing `input` to its standard
    /// input through a pipe. `environment` overrides the test's own
    /// environment (without its locale); a nil value removes the variable. The child is killed
    /// after `timeout` seconds.
    static func run(
        _ executable: String,
        arguments: [String] = [],
        input: Data = Data(),
        environment: [String: String?] = [:],
        currentDirectory: URL? = nil,
        timeout: TimeInterval = 20
    ) throws -> ProcessResult {
        // A child that exits without reading all its input must not kill
        // the test runner with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)

        var childEnvironment = ProcessInfo.processInfo.environment
        // The operator screen speaks the locale's language: children run in
        // English, whatever the machine is set to, unless a test sets one.
        for name in ["LANG", "LC_ALL", "LC_MESSAGES"] { childEnvironment[name] = nil }
        for (name, value) in environment {
            childEnvironment[name] = value
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("callguide-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Output goes to files, so a child writing a lot never blocks on a pipe.
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        let stdinPipe = Pipe()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = childEnvironment
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardInput = stdinPipe
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try process.run()
        try? stdoutHandle.close()
        try? stderrHandle.close()

        let writer = stdinPipe.fileHandleForWriting
        let writing = DispatchGroup()
        DispatchQueue.global().async(group: writing) {
            try? writer.write(contentsOf: input)
            try? writer.close()
        }

        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            usleep(5_000)
        }
        let timedOut = process.isRunning
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        _ = writing.wait(timeout: .now() + 5)

        let stdoutData = (try? Data(contentsOf: stdoutURL)) ?? Data()
        let stderrData = (try? Data(contentsOf: stderrURL)) ?? Data()
        let status: Int32 =
            process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(
            status: status,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self),
            stdoutData: stdoutData,
            timedOut: timedOut)
    }
}

/// Paths of the products built alongside the tests.
enum BuiltProducts {
    /// The package root, found from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // CallGuideCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The `callguide` executable built with these tests: the one beside
    /// the test bundle, so a sanitizer build (`--scratch-path`,
    /// `--sanitize`) tests its own binary; else `.build/debug/callguide`.
    static let callguide: String = {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            let runner = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // The runner is .../debug/callguidePackageTests.xctest.
            let sibling = URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("callguide").path
            if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        }
        return packageRoot.appendingPathComponent(".build/debug/callguide").path
    }()
}
