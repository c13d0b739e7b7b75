import CallGuide

/// Issue 3, in process: one engine step, from the operator's answer to the
/// next prompt on screen (`handle` then `prompt`), on a big script.
enum EngineBench {
    static let context = CallContext(
        callID: "bench", operator: "bench", today: "2025-01-15", started: "2025-01-15T10:00:00.000Z")

    static func run(quick: Bool) -> [Figure] {
        let generated = ScriptGenerator().generate(nodes: quick ? 1_000 : 10_000)
        guard let script = ScriptLoader.load(generated.bytes).checked else {
            Report.note("engine: the generated script does not load cleanly")
            return []
        }
        var samples = Samples()
        var random = SeededRandom(seed: 7)
        let calls = quick ? 2 : 4
        for call in 0..<calls {
            var session = CallSession(script: script, context: context)
            _ = session.start()
            var prompt = session.prompt
            while let current = prompt {
                let answer = Answers.valid(for: current, random: &random)
                let start = Clock.now()
                _ = session.handle(answer)
                prompt = session.prompt
                let elapsed = Clock.now() - start
                if call > 0 { samples.add(Double(elapsed) / 1e3) }  // the first call warms up
            }
        }
        Report.note("engine: \(generated.nodeCount) nodes, \(samples.count) steps timed over \(calls - 1) calls")
        return [
            Figure(name: "engine step p50 (\(generated.nodeCount) nodes)", value: samples.median, unit: "us", target: .none),
            Figure(name: "engine step p99 (\(generated.nodeCount) nodes)", value: samples.percentile(0.99), unit: "us", target: .atMost(100)),
            Figure(name: "engine step max", value: samples.percentile(1), unit: "us", target: .none),
        ]
    }
}
