import CallGuide
import Foundation

/// The fuzzer's starting inputs: the example script, the test fixtures, a
/// recorded transcript, and expressions and answers as operators and
/// trainers write them.
struct FuzzCorpus {
    var exampleScript: [UInt8] = []
    var scripts: [[UInt8]] = []
    var transcripts: [[UInt8]] = []
    var expressions: [[UInt8]] = []
    var answers: [[UInt8]] = []

    func seeds(for target: FuzzTarget) -> [[UInt8]] {
        switch target {
        case .script: return scripts
        case .expression: return expressions
        case .transcript: return transcripts
        case .answer: return answers
        }
    }

    static func load() -> FuzzCorpus {
        var corpus = FuzzCorpus()
        corpus.exampleScript = FileBytes.read("Docs/examples/inbound-order.yaml") ?? []
        corpus.scripts = [corpus.exampleScript, ScriptGenerator().generate(nodes: 40).bytes]
        var jsonFixtures: [[UInt8]] = []
        if let enumerator = FileManager.default.enumerator(atPath: "Tests/Fixtures") {
            for case let relative as String in enumerator {
                guard let bytes = FileBytes.read("Tests/Fixtures/" + relative) else { continue }
                if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { corpus.scripts.append(bytes) }
                if relative.hasSuffix(".jsonl") || relative.hasSuffix(".json") { jsonFixtures.append(bytes) }
            }
        }
        if let example = ScriptLoader.load(corpus.exampleScript).checked {
            var random = SeededRandom(seed: 5)
            let generator = TranscriptGenerator(script: example, eventsPerCall: 40)
            corpus.transcripts = (0..<4).map { Array(generator.transcript(number: $0, random: &random).utf8) }
            corpus.expressions = Self.expressions(in: example).map { Array($0.utf8) }
        }
        corpus.transcripts += jsonFixtures
        corpus.expressions += [
            "budget >= 400 and 'pets' in used_most", "not accept_recommendation", "days_between(today(), answer) >= 1",
            "len(call.operator) + 1 * (2 - 3) / 4 % 5", "answered(x) or card.status == 'new'", "[1, 2, 'a'] == null",
            "Price {price}: {discount}% off for {call.operator}", "{{not a hole}} {1 / 0}",
        ].map { Array($0.utf8) }
        corpus.answers = [
            "yes", "no", "да", "1", "2", "order", "Place", "1,500.50", "20 000", "-3", "2030-01-15", "15.01.2030",
            "+44 (20) 7946-0123", "client@Example.COM", "carpets, pets", ":back", ":skip", ":note hello", "!price",
            ":hangup bye", "\\:literal", "", "   ",
        ].map { Array($0.utf8) }
        return corpus
    }

    /// The expressions of a script's `when`, `if` and `set`, and its texts.
    private static func expressions(in script: Script) -> [String] {
        var found: [String] = []
        for node in script.nodes {
            if let when = node.when { found.append(when.expression.source) }
            for assignment in node.set { found.append(assignment.value.expression.source) }
            if case .rules(let rules)? = node.next {
                found += rules.compactMap { $0.condition?.expression.source }
            }
        }
        return found
    }
}
