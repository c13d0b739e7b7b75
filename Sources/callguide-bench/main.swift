import CallGuide
import CallGuideStore
import Foundation

// callguide-bench: the benchmarks of issues 2-5 and the fuzzer. Run it from
// the repository's root, from a release build (Scripts/bench, Scripts/fuzz).

let usage = """
    Usage: callguide-bench load|engine|startup|replay|store|cases|faq|modules|scale|reports|all [--quick]
           callguide-bench scale-fill LOCATION CARDS CALLS   (the scale benchmark's data alone)
           callguide-bench fuzz [--seconds N] [--seed S]
           callguide-bench generate NODES [--realistic]
                                                 (prints a generated script; --realistic: the load
                                                 benchmark's ru/uk/en script with merge keys)
           callguide-bench profile-load [RUNS] [--yaml-only] [--realistic]
                                                 (only loads the generated script, for a profiler)
    """

let arguments = CommandLine.arguments.dropFirst().filter { $0 != "--quick" && $0 != "--yaml-only" && $0 != "--realistic" }
let quick = CommandLine.arguments.contains("--quick")

func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func runBenches(_ names: [String], quick: Bool) {
    print(Report.header())
    var figures: [Figure] = []
    for name in names {
        let produced: [Figure]
        switch name {
        case "load": produced = LoadBench.run(quick: quick)
        case "engine": produced = EngineBench.run(quick: quick)
        case "startup": produced = StartupBench.run(quick: quick)
        case "replay": produced = ReplayBench.run(quick: quick)
        case "store": produced = StoreBench.run(quick: quick)
        case "cases": produced = CasesBench.run(quick: quick)
        case "faq": produced = FAQBench.run(quick: quick)
        case "modules": produced = ModuleStartupBench.run(quick: quick)
        case "scale": produced = ScaleBench.run(quick: quick)
        case "reports": produced = ReportsBench.run(quick: quick)
        default: continue
        }
        produced.forEach(Report.emit)
        figures += produced
    }
    let missed = figures.filter { $0.verdict == "MISS" }
    Report.note(missed.isEmpty ? "all targets met" : "missed: " + missed.map(\.name).joined(separator: ", "))
}

switch arguments.first {
case "load", "engine", "startup", "replay", "store", "cases", "faq", "modules", "scale", "reports":
    runBenches([arguments[0]], quick: quick)
case "all":
    runBenches(["load", "engine", "startup", "replay", "store", "cases", "faq", "modules", "scale", "reports"], quick: quick)
case "fuzz":
    let seconds = option("--seconds", in: arguments).flatMap(Double.init) ?? 60
    let seed = option("--seed", in: arguments).flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970)
    exit(Fuzzer(seed: seed, seconds: seconds).run())
case "profile-load":
    let runs = arguments.count > 1 ? Int(arguments[1]) ?? 100 : 100
    LoadBench.profile(
        runs: runs, yamlOnly: CommandLine.arguments.contains("--yaml-only"),
        realistic: CommandLine.arguments.contains("--realistic"))
case "scale-fill":
    // callguide-bench scale-fill LOCATION CARDS CALLS: the scale benchmark's data alone.
    guard arguments.count == 4, let cards = Int(arguments[2]), let calls = Int(arguments[3]) else {
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
    let started = Date()
    do {
        try ScaleData.fill(location: arguments[1], cards: cards, calls: calls)
    } catch {
        FileHandle.standardError.write(Data("scale-fill: \(error)\n".utf8))
        exit(1)
    }
    print(String(format: "filled in %.1f s", Date().timeIntervalSince(started)))
case "generate":
    let nodes = arguments.count > 1 ? Int(arguments[1]) ?? 100 : 100
    let realistic = CommandLine.arguments.contains("--realistic")
    print((realistic ? RealisticScriptGenerator().generate(nodes: nodes) : ScriptGenerator().generate(nodes: nodes)).yaml, terminator: "")
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
