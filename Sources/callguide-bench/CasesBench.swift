import CallGuide
import Foundation

/// Issue 17: `callguide cases` on a generated 1,000-node script, under 5 s,
/// with at most a few dozen calls per 100 branches taken. Timed twice: the
/// search alone in this process, and the release binary end to end (load,
/// check, search, writing every transcript).
enum CasesBench {
    static func run(quick: Bool) -> [Figure] {
        let size = quick ? 200 : 1_000
        let generated = ScriptGenerator().generate(nodes: size, id: "cases_bench")
        guard let script = ScriptLoader.load(generated.bytes).checked else {
            Report.note("cases: the generated script does not load cleanly")
            return []
        }
        let rounds = quick ? 1 : 3
        var search = Samples()
        var set: CaseSet?
        for _ in 0..<rounds {
            search.add(Clock.seconds { set = CaseGenerator(script: script).generate() })
        }
        guard let set else { return [] }
        let taken = set.total - set.unreached.count
        let perHundred = Double(set.cases.count) * 100 / Double(max(taken, 1))
        Report.note("cases: \(generated.nodeCount)-node script, \(set.total) branches and nodes, \(taken) taken by \(set.cases.count) calls, "
                    + "\(set.unreached.count) not reachable (\(Set(set.unreached.map { reasonKind($0.reason) }).sorted().joined(separator: "; ")))")
        var figures = [
            Figure(name: "cases, search only, \(generated.nodeCount) nodes, median", value: search.median, unit: "s", target: .none),
            Figure(name: "  calls per 100 branches taken", value: perHundred, unit: "", target: .atMost(36)),
        ]
        figures.append(endToEnd(generated, rounds: rounds))
        return figures
    }

    /// `callguide cases SCRIPT --out DIR` through the release binary.
    private static func endToEnd(_ generated: ScriptGenerator.Generated, rounds: Int) -> Figure {
        let name = "cases, binary, \(generated.nodeCount) nodes"
        guard FileManager.default.isExecutableFile(atPath: StartupBench.binary) else {
            Report.note("cases: \(StartupBench.binary) is missing; build it with 'swift build -c release --product callguide'")
            return Figure(name: name, value: .nan, unit: "s", target: .atMost(5))
        }
        let directory = TemporaryDirectory(prefix: "callguide-cases")
        defer { directory.remove() }
        let scriptPath = directory.path + "/script.yaml"
        _ = FileManager.default.createFile(atPath: scriptPath, contents: Data(generated.yaml.utf8))
        var samples = Samples()
        for round in 0..<rounds {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: StartupBench.binary)
            process.arguments = ["cases", scriptPath, "--out", directory.path + "/out-\(round)"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let seconds = Clock.seconds {
                do {
                    try process.run()
                    process.waitUntilExit()
                } catch {
                    Report.note("cases: cannot start \(StartupBench.binary): \(error)")
                }
            }
            if process.terminationStatus != 0 { Report.note("cases: run \(round) exited with \(process.terminationStatus)") }
            samples.add(seconds)
        }
        return Figure(name: name + ", median", value: samples.median, unit: "s", target: .atMost(5))
    }

    /// The reason without the node's own words, to summarize many.
    private static func reasonKind(_ reason: String) -> String {
        reason.replacingOccurrences(of: #"'[^']*'"#, with: "…", options: .regularExpression)
    }
}
