import CallGuide

/// Issue 2: loading and checking a big script against libyaml's bare event
/// loop over the same bytes, in the same process. The ratio says what the
/// tree, the model and the checker cost on top of reading YAML at all. A
/// big load uses two threads, so its CPU time is shown beside its wall time.
enum LoadBench {
    static func run(quick: Bool) -> [Figure] {
        let nodes = quick ? 1_000 : 10_000
        // Many rounds, each timing the load and the bare loop one after the
        // other: on a shared machine a burst of other work can last a second,
        // and the medians of 41 rounds (about 2.5 s) look past it.
        let runs = quick ? 5 : 41
        let script = ScriptGenerator().generate(nodes: nodes)
        let bytes = script.bytes
        Report.note("load: \(script.nodeCount) nodes, \(bytes.count / 1024) KiB, median of \(runs) runs after warm-up")

        // The script must be a clean one, or the checker's work is not the real work.
        let checked = ScriptLoader.load(bytes)
        if checked.hasErrors {
            let first = checked.errors.prefix(3).map { "\($0.location.line):\($0.location.column) \($0.message)" }
            Report.note("load: the generated script has errors: \(first.joined(separator: "; "))")
        }
        var eventCount = 0
        var full = Samples(), fullCPU = Samples(), events = Samples(), yaml = Samples(), release = Samples()
        for round in 0..<(runs + 2) {
            // The load ends when its result is in hand; letting the result go
            // is its user's work (`check` prints and exits), so it is timed
            // on its own and shown, not counted in the ratio.
            var result: ScriptCheckResult?
            let (loadTime, loadCPU) = Clock.wallAndCPU { result = ScriptLoader.load(bytes) }
            let releaseTime = Clock.seconds { result = nil }
            let eventTime = Clock.seconds { eventCount = YAMLEventLoop.countEvents(bytes) }
            let yamlTime = Clock.seconds { _ = try? YAMLParser.parse(bytes) }
            guard round >= 2 else { continue }  // warm-up
            full.add(loadTime)
            fullCPU.add(loadCPU)
            events.add(eventTime)
            yaml.add(yamlTime)
            release.add(releaseTime)
            _ = result
        }
        Report.note("load: \(eventCount) libyaml events, \(checked.diagnostics.count) diagnostics (\(checked.warnings.count) warnings)")
        let ratio = full.median / events.median
        let label = "\(script.nodeCount)"
        return [
            Figure(name: "load+check \(label)-node script", value: full.median * 1e3, unit: "ms", target: .none),
            Figure(name: "  CPU time of load+check, all threads", value: fullCPU.median * 1e3, unit: "ms", target: .none),
            Figure(name: "  then freeing the result (not counted)", value: release.median * 1e3, unit: "ms", target: .none),
            Figure(name: "libyaml event loop, same bytes", value: events.median * 1e3, unit: "ms", target: .none),
            Figure(name: "  split: YAML load (tree) alone", value: yaml.median * 1e3, unit: "ms", target: .none),
            Figure(name: "  split: decode+check (load - YAML)", value: (full.median - yaml.median) * 1e3, unit: "ms", target: .none),
            Figure(name: "load+check / event loop ratio", value: ratio, unit: "x", target: .atMost(2)),
        ]
    }

    /// Loads the generated script `runs` times and nothing else, so that a
    /// profiler (`perf record`, callgrind) sees the load alone; with
    /// `yamlOnly`, only the YAML tree is built.
    static func profile(runs: Int, yamlOnly: Bool) {
        let bytes = ScriptGenerator().generate(nodes: 10_000).bytes
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
