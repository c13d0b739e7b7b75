import CallGuide

/// Issue 4: replaying many recorded calls on one core, against only parsing
/// the same files as JSON, in the same process. The ratio says what
/// decoding events and re-running the engine cost on top of reading JSON.
enum ReplayBench {
    static func run(quick: Bool) -> [Figure] {
        let count = quick ? 500 : 10_000
        guard let script = ScriptLoader.load(ScriptGenerator(seed: 11).generate(nodes: 200, id: "replayed").bytes).checked else {
            Report.note("replay: the generated script does not load cleanly")
            return []
        }
        let directory = TemporaryDirectory(prefix: "callguide-replay")
        defer { directory.remove() }
        let paths = TranscriptGenerator(script: script).write(count: count, into: directory.path, seed: 3)

        var passed = 0, lines = 0
        var replay = Samples(), json = Samples()
        let rounds = quick ? 2 : 3
        for round in 0..<(rounds + 1) {
            let replayTime = Clock.seconds { passed = replayAll(paths, script: script) }
            let jsonTime = Clock.seconds { lines = parseAll(paths) }
            if round > 0 {  // the first round warms the page cache and the allocator
                replay.add(replayTime)
                json.add(jsonTime)
            }
        }
        Report.note("replay: \(count) transcripts, \(lines) lines (\(lines / max(count, 1)) per call), \(passed) passed, median of \(rounds) rounds")
        if passed != count { Report.note("replay: \(count - passed) transcripts did not replay cleanly") }
        let scale = 10_000 / Double(count)
        return [
            Figure(name: "replay \(count) transcripts, 1 core", value: replay.median, unit: "s", target: quick ? .none : .atMost(1)),
            Figure(name: "  per 10k transcripts (scaled)", value: replay.median * scale, unit: "s", target: quick ? .atMost(1) : .none),
            Figure(name: "JSON parse only, same files", value: json.median, unit: "s", target: .none),
            Figure(name: "replay / JSON parse ratio", value: replay.median / json.median, unit: "x", target: .atMost(2)),
        ]
    }

    /// Reads, parses and replays each file; returns how many passed.
    static func replayAll(_ paths: [String], script: Script) -> Int {
        var passed = 0
        for path in paths {
            guard let bytes = FileBytes.read(path), let document = try? TranscriptDocument.parse(bytes: bytes, texts: .skip) else { continue }
            let recorded = document.recordedEvents
            let result = Replayer.replay(recorded, against: script, startedAt: document.lines.first?.line.time ?? "")
            if result.passed { passed += 1 }
        }
        return passed
    }

    /// Reads each file and parses each line as JSON, nothing more; returns
    /// the number of lines.
    static func parseAll(_ paths: [String]) -> Int {
        var lines = 0
        for path in paths {
            guard let bytes = FileBytes.read(path) else { continue }
            bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                while start < buffer.count {
                    var end = start
                    while end < buffer.count && buffer[end] != UInt8(ascii: "\n") { end += 1 }
                    if end > start, (try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[start..<end]))) != nil { lines += 1 }
                    start = end + 1
                }
            }
        }
        return lines
    }
}
