import CallGuide
import Foundation

/// The entry points the fuzzer feeds: each takes arbitrary bytes and must
/// return, whatever they are. Results are thrown away; only crashes and
/// hangs count.
enum FuzzTarget: CaseIterable {
    case script, expression, transcript, answer

    var name: String {
        switch self {
        case .script: return "script"
        case .expression: return "expression"
        case .transcript: return "transcript"
        case .answer: return "answer"
        }
    }
}

/// What the fuzzed code runs against: a loaded example script and a call on it.
struct FuzzHarness {
    let example: Script
    let questions: [Question]
    var session: CallSession

    init(example: Script) {
        self.example = example
        questions = example.nodes.compactMap(\.question)
        session = FuzzHarness.newSession(example)
    }

    static func newSession(_ script: Script) -> CallSession {
        var session = CallSession(script: script, context: EngineBench.context)
        _ = session.start()
        return session
    }

    mutating func feed(_ bytes: [UInt8], to target: FuzzTarget) {
        switch target {
        case .script: script(bytes)
        case .expression: expression(String(decoding: bytes, as: UTF8.self))
        case .transcript: transcript(bytes)
        case .answer: answer(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Load and check; a clean script is also run for a few steps.
    private func script(_ bytes: [UInt8]) {
        let result = ScriptLoader.load(bytes)
        guard let script = result.checked else { return }
        var session = CallSession(script: script, context: EngineBench.context)
        _ = session.start()
        var random = SeededRandom(seed: UInt64(bytes.count))
        for _ in 0..<20 {
            guard let prompt = session.prompt else { break }
            _ = session.handle(Answers.varied(for: prompt, random: &random))
        }
    }

    private func expression(_ text: String) {
        let context = FuzzContext()
        if let expression = try? ExpressionParser.parse(text) {
            _ = try? expression.evaluate(in: context)
        }
        if let template = try? Template.parse(text) {
            _ = template.render(in: context)
        }
    }

    private func transcript(_ bytes: [UInt8]) {
        _ = try? JSONParser.parse(bytes)
        guard let document = try? TranscriptDocument.parse(bytes: bytes) else { return }
        let recorded = document.recordedEvents
        _ = Replayer.replay(recorded, against: example, startedAt: document.lines.first?.line.time ?? "")
    }

    /// Every question's parser, the plain parsers, and a running call.
    private mutating func answer(_ line: String) {
        for question in questions {
            _ = AnswerParser.parse(line, for: question, language: "en", fallback: nil)
        }
        _ = AnswerParser.parseNumber(line)
        _ = AnswerParser.parseDate(line)
        _ = AnswerParser.parseYesNo(line)
        _ = session.handle(line)
        _ = session.prompt
        if session.isEnded { session = Self.newSession(example) }
    }
}

/// Values for any name, so fuzzed expressions evaluate rather than stop at
/// the first unknown name.
struct FuzzContext: EvaluationContext {
    func value(of name: QualifiedName) -> Value {
        switch name.description.count % 5 {
        case 0: return .number(Decimal(42))
        case 1: return .string("text")
        case 2: return .bool(true)
        case 3: return .list([.string("a"), .number(1)])
        default: return .null
        }
    }

    func isAnswered(_ node: String) -> Bool { node.count % 2 == 0 }

    var today: String { "2025-01-15" }
}
