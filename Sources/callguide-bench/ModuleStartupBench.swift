import Foundation

/// Issue 14: start to first prompt, as `StartupBench`, for a 1,000-node
/// script split across five modules (a top script of flow nodes and five
/// 200-node modules): each file is read once, checked, and linked before
/// the first question shows. Target as for one file: under 30 ms.
enum ModuleStartupBench {
    static let modules = 5

    static func run(quick: Bool) -> [Figure] {
        let binary = StartupBench.binary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Report.note("modules: \(binary) is missing; build it with 'swift build -c release --product callguide'")
            return [Figure(name: "start to first prompt, 5 modules", value: .nan, unit: "ms", target: .atMost(30))]
        }
        let directory = TemporaryDirectory(prefix: "callguide-modules")
        defer { directory.remove() }
        var nodeCount = 0
        var firstQuestion = ""
        for index in 1...modules {
            let generated = ScriptGenerator(seed: UInt64(100 + index)).generate(nodes: 1_000 / modules, id: "module\(index)")
            if index == 1 { firstQuestion = generated.firstQuestion }
            nodeCount += generated.nodeCount
            try? FileManager.default.createDirectory(atPath: directory.path + "/shared", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: directory.path + "/shared/m\(index).yaml", contents: Data(generated.yaml.utf8))
        }
        let top = topScript()
        nodeCount += top.nodes
        let scriptPath = directory.path + "/modular.yaml"
        _ = FileManager.default.createFile(atPath: scriptPath, contents: Data(top.yaml.utf8))
        let runs = quick ? 5 : 20
        var samples = Samples()
        for index in 0..<(runs + 2) {
            let transcript = directory.path + "/call-\(index).jsonl"
            guard let seconds = StartupBench.timeToFirstPrompt(script: scriptPath, transcript: transcript, expecting: firstQuestion) else {
                Report.note("modules: run \(index) never showed the first question")
                continue
            }
            if index >= 2 { samples.add(seconds * 1e3) }
        }
        Report.note("modules: \(nodeCount) nodes in a script and \(modules) modules, \(samples.count) runs of \(binary)")
        return [
            Figure(name: "start to first prompt, median (\(nodeCount) nodes, \(modules) modules)", value: samples.median, unit: "ms", target: .atMost(30)),
            Figure(name: "start to first prompt, p90 (\(nodeCount) nodes, \(modules) modules)", value: samples.percentile(0.9), unit: "ms", target: .none),
        ]
    }

    /// A script that runs the five modules one after another. Its own
    /// `help` and `price` handlers answer to the bare names every
    /// generated module also has.
    static func topScript() -> (yaml: String, nodes: Int) {
        var lines = ["callguide: 1", "id: modular", "use:"]
        for index in 1...modules { lines.append("  m\(index): shared/m\(index).yaml") }
        lines += ["handlers:", "  help: {label: Help, start: own_help}", "  price: {label: Price, start: own_price}", "nodes:"]
        for index in 1...modules { lines.append("  part\(index): {flow: m\(index)}") }
        lines += [
            "  finished: {end: done}",
            "  own_help: {say: Let me help.}", "  own_help_back: {return: true}",
            "  own_price: {say: Our prices are fair.}", "  own_price_back: {return: true}",
        ]
        return (lines.joined(separator: "\n") + "\n", modules + 5)
    }
}
