import CallGuide
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bounded, mutation-based fuzz run (Scripts/fuzz). Before each input is
/// processed it is written to bench-out/fuzz-crash-SEED.bin, so when the
/// process dies that file is the input that killed it. A watchdog stops the
/// run when one input takes longer than the per-input bound (a hang).
struct Fuzzer {
    let seed: UInt64
    let seconds: Double
    /// One input taking longer than this is a hang.
    var inputBound: Double = 10
    var outputDirectory = "bench-out"

    func run() -> Int32 {
        try? FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let crashPath = "\(outputDirectory)/fuzz-crash-\(seed).bin"
        let corpus = FuzzCorpus.load()
        guard let example = ScriptLoader.load(corpus.exampleScript).checked else {
            print("fuzz: Docs/examples/inbound-order.yaml does not load; run from the repository's root")
            return 2
        }
        print("fuzz: seed \(seed), \(Int(seconds)) s, corpus: \(corpus.scripts.count) scripts, \(corpus.transcripts.count) transcripts, \(corpus.expressions.count) expressions, \(corpus.answers.count) answers")
        let watchdog = Watchdog(bound: inputBound, crashPath: crashPath, hangPath: "\(outputDirectory)/fuzz-hang-\(seed).bin")
        watchdog.start()
        var harness = FuzzHarness(example: example)
        var mutator = Mutator(random: SeededRandom(seed: seed))
        var random = SeededRandom(seed: seed ^ 0xA5A5)
        let crashFile = CrashFile(path: crashPath)
        let deadline = Clock.now() + UInt64(seconds * 1e9)
        var tried = [FuzzTarget: Int]()
        var slowest: (seconds: Double, target: FuzzTarget, bytes: [UInt8]) = (0, .script, [])
        var total = 0
        while Clock.now() < deadline {
            let target = FuzzTarget.allCases[total % FuzzTarget.allCases.count]
            let seeds = corpus.seeds(for: target)
            guard let original = seeds.randomElement(using: &random) else { continue }
            let input = random.chance(3) ? original : mutator.mutate(original, corpus: seeds)
            crashFile.write(input)
            watchdog.begin(target.name)
            let start = Clock.now()
            harness.feed(input, to: target)
            let elapsed = Double(Clock.now() - start) / 1e9
            watchdog.end()
            if elapsed > slowest.seconds { slowest = (elapsed, target, input) }
            tried[target, default: 0] += 1
            total += 1
        }
        let slowestPath = "\(outputDirectory)/fuzz-slowest-\(seed).bin"
        _ = FileManager.default.createFile(atPath: slowestPath, contents: Data(slowest.bytes))
        let counts = FuzzTarget.allCases.map { "\($0.name) \(tried[$0, default: 0])" }.joined(separator: ", ")
        print("fuzz: \(total) inputs tried (\(counts)); no crash, no hang")
        print(String(format: "fuzz: slowest input %.1f ms (%@, %d bytes), saved to %@",
                     slowest.seconds * 1e3, slowest.target.name, slowest.bytes.count, slowestPath))
        try? FileManager.default.removeItem(atPath: crashPath)
        return 0
    }
}

/// The file that always holds the input being processed.
final class CrashFile {
    private let fd: Int32

    init(path: String) {
        fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Overwrites the file with `bytes` (no fsync: a crash of this process
    /// keeps what the kernel already has).
    func write(_ bytes: [UInt8]) {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = pwrite(fd, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
                if written <= 0 { break }
                offset += written
            }
        }
    }
}

/// Watches the input being processed from another thread; past the bound it
/// keeps the input as a hang and ends the process.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var startedAt: UInt64 = 0
    private var target = ""
    private let bound: Double
    private let crashPath: String
    private let hangPath: String

    init(bound: Double, crashPath: String, hangPath: String) {
        self.bound = bound
        self.crashPath = crashPath
        self.hangPath = hangPath
    }

    func begin(_ target: String) {
        lock.withLock { startedAt = Clock.now(); self.target = target }
    }

    func end() {
        lock.withLock { startedAt = 0 }
    }

    func start() {
        let thread = Thread { [self] in
            while true {
                usleep(200_000)
                let (started, target) = lock.withLock { (startedAt, self.target) }
                guard started != 0 else { continue }
                let elapsed = Double(Clock.now() - started) / 1e9
                if elapsed > bound {
                    _ = try? FileManager.default.removeItem(atPath: hangPath)
                    _ = try? FileManager.default.copyItem(atPath: crashPath, toPath: hangPath)
                    print(String(format: "fuzz: HANG: a %@ input has run for %.1f s (bound %.0f s); input saved to %@", target, elapsed, bound, hangPath))
                    fflush(nil)
                    exit(3)
                }
            }
        }
        thread.start()
    }
}
