import CallGuide
import Foundation

/// Issues 2 and 13: loading and checking a big script as users run it, a
/// whole `callguide check FILE` process, against a small C program that
/// runs libyaml's bare event loop over the same file (`Scripts/yaml-event-loop.c`).
/// The two run one after the other, alternating which goes first, many
/// rounds; medians of user+sys CPU time, wall time and peak memory as the
/// kernel counts them. `Scripts/bench` runs this under `taskset -c 0`, so
/// both get one core (and any thread would share it).
enum LoadBench {
    static var eventLoopBinary: String {
        ProcessInfo.processInfo.environment["CALLGUIDE_EVENT_LOOP"] ?? ".build/release/yaml-event-loop"
    }

    /// Medians of one input's rounds.
    struct Measured {
        var bytes: Int
        var nodes: Int
        var checkCPU: Double, checkWall: Double, checkRSS: Double
        var loopCPU: Double, loopWall: Double
        /// The lowest and highest CPU ratio of a single round: how noisy it was.
        var ratioRange: ClosedRange<Double>

        var cpuRatio: Double { checkCPU / loopCPU }
        var wallRatio: Double { checkWall / loopWall }
    }

    static func run(quick: Bool) -> [Figure] {
        for binary in [StartupBench.binary, eventLoopBinary] where !FileManager.default.isExecutableFile(atPath: binary) {
            Report.note("load: \(binary) is missing; run Scripts/bench, which builds both")
            return [Figure(name: "check / libyaml CPU, realistic script", value: .nan, unit: "x", target: .atMost(3))]
        }
        let directory = TemporaryDirectory(prefix: "callguide-load")
        defer { directory.remove() }
        let rounds = quick ? 5 : 41
        Report.note("load: whole processes (\(StartupBench.binary) check FILE vs \(eventLoopBinary) FILE) on CPUs \(ProcessTimer.allowedCPUs()), alternating, medians")

        // The process's own baseline: checking a one-node script.
        let one = write("callguide: 1\nid: one\nnodes:\n  bye: {end: done}\n", nodes: 1, to: directory, as: "one.yaml")
        guard let baseline = measure(one, rounds: rounds) else { return [] }
        Report.note("load: one-node script: check \(ms(baseline.checkCPU)) CPU, peak memory \(mb(baseline.checkRSS))")

        var figures: [Figure] = []
        let generated = ScriptGenerator().generate(nodes: quick ? 1_000 : 10_000)
        let generatedFile = write(generated.yaml, nodes: generated.nodeCount, to: directory, as: "generated.yaml")
        if let measured = measure(generatedFile, rounds: rounds) {
            figures += describe(measured, "generated", baseline: baseline, targets: false)
        }

        var realistic: [Measured] = []
        for size in quick ? [1_000, 10_000] : [1_000, 10_000, 100_000] {
            let script = RealisticScriptGenerator().generate(nodes: size)
            let file = write(script.yaml, nodes: script.nodeCount, to: directory, as: "realistic-\(size).yaml")
            // A big file takes a second a round: fewer rounds.
            guard let measured = measure(file, rounds: size >= 100_000 ? min(rounds, 9) : rounds) else { continue }
            realistic.append(measured)
            figures += describe(measured, "realistic", baseline: baseline, targets: size == 10_000)
        }
        if let small = realistic.first(where: { $0.nodes < 10_000 }), let big = realistic.last, big.nodes > small.nodes {
            let perNode = { (m: Measured) in (m.checkCPU - baseline.checkCPU) / Double(m.nodes) }
            let perByte = { (m: Measured) in (m.checkRSS - baseline.checkRSS) / Double(m.bytes) }
            let label = "\(small.nodes / 1_000)k -> \(big.nodes / 1_000)k"
            figures.append(Figure(name: "growth \(label): CPU per node", value: perNode(big) / perNode(small), unit: "x", target: .atMost(1.25)))
            figures.append(Figure(name: "growth \(label): memory per byte", value: perByte(big) / perByte(small), unit: "x", target: .atMost(1.25)))
        }
        return figures
    }

    private struct Input {
        var path: String
        var bytes: Int
        var nodes: Int
    }

    private static func write(_ text: String, nodes: Int, to directory: TemporaryDirectory, as name: String) -> Input {
        let path = directory.path + "/" + name
        let data = Data(text.utf8)
        _ = FileManager.default.createFile(atPath: path, contents: data)
        return Input(path: path, bytes: data.count, nodes: nodes)
    }

    /// One warm-up round, then `rounds` rounds of both programs, the
    /// order alternating. Nil (with a note) when a run fails.
    private static func measure(_ input: Input, rounds: Int) -> Measured? {
        var checkCPU = Samples(), checkWall = Samples(), checkRSS = Samples()
        var loopCPU = Samples(), loopWall = Samples(), ratios = Samples()
        for round in 0...rounds {
            let check = { ProcessTimer.run([StartupBench.binary, "check", input.path]) }
            let loop = { ProcessTimer.run([eventLoopBinary, input.path]) }
            let (checked, looped) = round % 2 == 0 ? (check(), loop()) : { let l = loop(); return (check(), l) }()
            guard let checked, let looped, looped.exitStatus == 0 else {
                Report.note("load: a run of \(input.path) failed")
                return nil
            }
            if checked.exitStatus != 0 {
                Report.note("load: check exited \(checked.exitStatus) on \(input.path): the script is not clean")
            }
            guard round > 0 else { continue }
            checkCPU.add(checked.cpu)
            checkWall.add(checked.wall)
            checkRSS.add(Double(checked.maxRSS))
            loopCPU.add(looped.cpu)
            loopWall.add(looped.wall)
            ratios.add(checked.cpu / max(looped.cpu, 1e-6))
        }
        return Measured(
            bytes: input.bytes, nodes: input.nodes,
            checkCPU: checkCPU.median, checkWall: checkWall.median, checkRSS: checkRSS.median,
            loopCPU: loopCPU.median, loopWall: loopWall.median,
            ratioRange: ratios.percentile(0) ... ratios.percentile(1))
    }

    private static func describe(_ m: Measured, _ kind: String, baseline: Measured, targets: Bool) -> [Figure] {
        let label = "\(kind) \(m.nodes) nodes"
        let memory = (m.checkRSS - baseline.checkRSS) / Double(m.bytes)
        Report.note("load: \(label), \(mb(Double(m.bytes))): check \(ms(m.checkCPU)) CPU, \(ms(m.checkWall)) wall, "
            + "peak \(mb(m.checkRSS)); libyaml \(ms(m.loopCPU)) CPU, \(ms(m.loopWall)) wall; "
            + "CPU ratio of single rounds \(String(format: "%.2f-%.2f", m.ratioRange.lowerBound, m.ratioRange.upperBound))")
        return [
            Figure(name: "\(label): check CPU", value: m.checkCPU * 1e3, unit: "ms", target: .none),
            Figure(name: "  libyaml event loop CPU", value: m.loopCPU * 1e3, unit: "ms", target: .none),
            Figure(name: "  check / libyaml CPU", value: m.cpuRatio, unit: "x", target: targets ? .atMost(3) : .none),
            Figure(name: "  check / libyaml wall", value: m.wallRatio, unit: "x", target: .none),
            Figure(name: "  CPU per node above a one-node check", value: (m.checkCPU - baseline.checkCPU) / Double(m.nodes) * 1e6, unit: "us", target: .none),
            Figure(name: "  peak memory above baseline / file size", value: memory, unit: "x", target: targets ? .atMost(8) : .none),
        ]
    }

    private static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1e3) }
    private static func mb(_ bytes: Double) -> String { String(format: "%.2f MB", bytes / 1e6) }

    /// Loads the generated 10,000-node script `runs` times and nothing else, so that a
    /// profiler (`perf record`, callgrind) sees the load alone; with
    /// `yamlOnly`, only the YAML tree is built. `--realistic` loads the
    /// realistic script instead.
    static func profile(runs: Int, yamlOnly: Bool, realistic: Bool) {
        let bytes = (realistic ? RealisticScriptGenerator().generate(nodes: 10_000) : ScriptGenerator().generate(nodes: 10_000)).bytes
        if yamlOnly {
            var built = 0
            for _ in 0..<runs where (try? YAMLParser.parse(bytes))?.root != nil { built += 1 }
            Report.note("profile-load: \(built) YAML trees of \(runs)")
            return
        }
        var diagnostics = 0
        for _ in 0..<runs { diagnostics += ScriptLoader.load(bytes).diagnostics.count }
        Report.note("profile-load: \(runs) loads, \(diagnostics) diagnostics")
    }
}
