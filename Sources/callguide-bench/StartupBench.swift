import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Issue 3, end to end: from spawning `callguide run SCRIPT` to the first
/// question's text on its standard output, with standard input a pipe as
/// when answers are piped in. Covers process start, loading and checking
/// the script, opening the transcript, and the first events.
enum StartupBench {
    static var binary: String {
        ProcessInfo.processInfo.environment["CALLGUIDE_BIN"] ?? ".build/release/callguide"
    }

    static func run(quick: Bool) -> [Figure] {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Report.note("startup: \(binary) is missing; build it with 'swift build -c release --product callguide'")
            return [Figure(name: "start to first prompt", value: .nan, unit: "ms", target: .atMost(30))]
        }
        let generated = ScriptGenerator().generate(nodes: 1_000)
        let directory = TemporaryDirectory(prefix: "callguide-startup")
        defer { directory.remove() }
        let scriptPath = directory.path + "/script.yaml"
        _ = FileManager.default.createFile(atPath: scriptPath, contents: Data(generated.yaml.utf8))
        let runs = quick ? 5 : 20
        var samples = Samples()
        for index in 0..<(runs + 2) {
            let transcript = directory.path + "/call-\(index).jsonl"
            guard let seconds = timeToFirstPrompt(script: scriptPath, transcript: transcript, expecting: generated.firstQuestion) else {
                Report.note("startup: run \(index) never showed the first question")
                continue
            }
            if index >= 2 { samples.add(seconds * 1e3) }  // two warm-up runs fill the page cache
        }
        Report.note("startup: \(generated.nodeCount)-node script, \(samples.count) runs of \(binary)")
        return [
            Figure(name: "start to first prompt, median (\(generated.nodeCount) nodes)", value: samples.median, unit: "ms", target: .atMost(30)),
            Figure(name: "start to first prompt, p90 (\(generated.nodeCount) nodes)", value: samples.percentile(0.9), unit: "ms", target: .none),
        ]
    }

    /// Spawns one call and reads its output until `text` appears; nil if the
    /// process ends (or 10 s pass) first.
    static func timeToFirstPrompt(script: String, transcript: String, expecting text: String) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", script, "--operator", "bench", "--transcript", transcript]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = Clock.now()
        do {
            try process.run()
        } catch {
            return nil
        }
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        let needle = Array(text.utf8)
        var seen: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let fd = output.fileHandleForReading.fileDescriptor
        while Clock.now() - start < 10_000_000_000 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            seen += buffer[0..<count]
            if contains(seen, needle) { return Double(Clock.now() - start) / 1e9 }
        }
        return nil
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}

/// A private scratch directory under the system's temporary folder.
struct TemporaryDirectory {
    let path: String

    init(prefix: String) {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
            guard let base = buffer.baseAddress else { return nil }
            return mkdtemp(base)
        }
        path = made.map { String(cString: $0) } ?? NSTemporaryDirectory() + "/\(prefix)-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
