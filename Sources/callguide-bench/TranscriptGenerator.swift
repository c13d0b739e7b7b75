import CallGuide
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Records calls the way `callguide run` does, in process: a session over a
/// generated script, driven by random (mostly valid) answers, each event
/// written as a transcript line. The same seed gives the same transcripts.
struct TranscriptGenerator {
    let script: Script
    var eventsPerCall = 30

    /// One call's transcript text.
    func transcript(number: Int, random: inout SeededRandom) -> String {
        let context = CallContext(
            callID: "call-\(number)", operator: "bench", today: "2025-01-15",
            started: Self.time(0, call: number))
        var session = CallSession(script: script, context: context)
        var events = session.start()
        while !session.isEnded, let prompt = session.prompt {
            if events.count >= eventsPerCall - 2 {
                events += session.handle(":hangup the customer had to go")
                break
            }
            events += session.handle(Answers.varied(for: prompt, random: &random))
        }
        var text = ""
        for (seq, event) in events.enumerated() {
            text += TranscriptCodec.encode(TranscriptLine(seq: seq, time: Self.time(seq, call: number), event: event))
            text += "\n"
        }
        return text
    }

    /// Writes `count` transcripts into `directory`; returns their paths.
    func write(count: Int, into directory: String, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { number in
            let path = directory + "/" + String(format: "call-%05d.jsonl", number)
            _ = FileManager.default.createFile(atPath: path, contents: Data(transcript(number: number, random: &random).utf8))
            return path
        }
    }

    /// ISO 8601 times a few seconds apart, as a real call has.
    static func time(_ seq: Int, call: Int) -> String {
        let seconds = 36_000 + (call % 3_000) + seq * 7
        return String(format: "2025-01-15T%02d:%02d:%02d.%03dZ", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60, seq % 1000)
    }
}

/// Reads a whole file with POSIX calls: both sides of the replay benchmark
/// read their bytes the same way, so the ratio compares only the work done.
enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}
