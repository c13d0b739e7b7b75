import CallGuide

/// Mutates inputs for the fuzzer: byte flips, inserted and deleted chunks,
/// duplicated lines, spliced pieces of other inputs, and deep nesting, the
/// kinds of damage that find crashes, hangs and unbounded recursion.
struct Mutator {
    /// Bytes that mean something to YAML, JSON, expressions or templates.
    static let tokens: [String] = [
        "{", "}", "[", "]", "(", ")", ":", ": ", "- ", "\n", "\n  ", "\"", "'", "\\", "\\u", "\\ud800", "&a ", "*a", "<<: *a",
        "!!str ", "!!binary ", "%YAML 1.1\n", "---\n", "...\n", "#", "|\n  ", ">-\n  ", "? ", ",", "null", "true", "1e999999",
        "-0", "9999999999999999999999999999", "0.0000000000000000000001", "and", "or", "not", "in", "==", "!=", "<=", ">=",
        "/", "%", "answered(", "len(", "days_between(", "today()", "call.", "card.", "answer", "\u{0}", "\u{FEFF}", "\u{7F}",
        "\u{1B}[31m", "ы", "🙂", "\r\n", "\t", ":back", ":skip", ":note ", ":hangup", "!price", "!help", "\\:back",
    ]

    var random: SeededRandom

    mutating func mutate(_ input: [UInt8], corpus: [[UInt8]]) -> [UInt8] {
        var bytes = input
        let rounds = 1 + random.below(4)
        for _ in 0..<rounds {
            switch random.below(9) {
            case 0: flipByte(&bytes)
            case 1: insertToken(&bytes)
            case 2: deleteChunk(&bytes)
            case 3: duplicateLines(&bytes)
            case 4: splice(&bytes, from: corpus)
            case 5: nest(&bytes)
            case 6: insertRandomBytes(&bytes)
            case 7: replaceByte(&bytes)
            default: truncate(&bytes)
            }
        }
        return Array(bytes.prefix(1 << 20))
    }

    private mutating func position(in bytes: [UInt8]) -> Int {
        random.below(bytes.count + 1)
    }

    private mutating func flipByte(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
    }

    private mutating func replaceByte(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
    }

    private mutating func insertToken(_ bytes: inout [UInt8]) {
        let token = Self.tokens[random.below(Self.tokens.count)]
        let repeats = random.chance(10) ? 1 + random.below(300) : 1
        bytes.insert(contentsOf: Array(String(repeating: token, count: repeats).utf8), at: position(in: bytes))
    }

    private mutating func insertRandomBytes(_ bytes: inout [UInt8]) {
        let chunk = (0..<(1 + random.below(16))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        bytes.insert(contentsOf: chunk, at: position(in: bytes))
    }

    private mutating func deleteChunk(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let start = random.below(bytes.count)
        let length = min(bytes.count - start, 1 + random.below(64))
        bytes.removeSubrange(start..<(start + length))
    }

    private mutating func truncate(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.removeSubrange(random.below(bytes.count)...)
    }

    /// Repeats a run of lines, often many times: duplicate keys, long files.
    private mutating func duplicateLines(_ bytes: inout [UInt8]) {
        let newline = UInt8(ascii: "\n")
        let starts = [0] + bytes.indices.filter { bytes[$0] == newline }.map { $0 + 1 }
        guard starts.count > 1 else { return }
        let first = random.below(starts.count - 1)
        let last = min(starts.count - 1, first + 1 + random.below(4))
        let lines = Array(bytes[starts[first]..<starts[last]])
        let repeats = random.chance(20) ? 1 + random.below(500) : 1 + random.below(3)
        var copies: [UInt8] = []
        for _ in 0..<repeats { copies += lines }
        bytes.insert(contentsOf: copies, at: starts[last])
    }

    private mutating func splice(_ bytes: inout [UInt8], from corpus: [[UInt8]]) {
        guard let other = corpus.randomElement(using: &random), !other.isEmpty else { return }
        let start = random.below(other.count)
        let length = min(other.count - start, 1 + random.below(200))
        bytes.insert(contentsOf: other[start..<(start + length)], at: position(in: bytes))
    }

    /// Wraps a point of the input in deep nesting of one kind.
    private mutating func nest(_ bytes: inout [UInt8]) {
        let depth = [10, 100, 130, 300, 1_000, 10_000, 100_000][random.below(7)]
        let (open, close): (String, String) = [
            ("[", "]"), ("{\"a\":", "}"), ("(", ")"), ("not ", ""), ("- ", ""), ("{a: ", "}"), ("-(", ")"), ("{", "}"),
        ][random.below(8)]
        let at = position(in: bytes)
        let tail = random.chance(50) ? Array(String(repeating: close, count: depth).utf8) : []
        bytes.insert(contentsOf: Array(String(repeating: open, count: depth).utf8) + tail, at: at)
    }
}
