// Coverage-guided fuzz targets for libFuzzer (see Docs/fuzzing.md).
//
// Not part of the package: Scripts/fuzz compiles this file together with
// the sources of the CallGuide module (and the store's CSV reader) into one
// instrumented executable, `swiftc -sanitize=fuzzer,address -parse-as-library`,
// so the harness reaches the engine's internals and every line of it is
// coverage-instrumented. libFuzzer supplies `main`; the target is chosen
// with CALLGUIDE_FUZZ_TARGET. Each target takes any bytes and must return:
// only crashes, sanitizer reports, hangs and runaway memory count.
import Foundation

/// The inputs callguide takes from outside.
enum FuzzTargetName: String, CaseIterable {
    /// A script: YAML parse, decode, check (ScriptLoader).
    case yaml
    /// An expression and a text template: parse, type check against the
    /// example script, evaluate and render.
    case expression
    /// A transcript: decode every line, then replay it against the example.
    case transcript
    /// An operator's line: every question type's parser, the plain parsers,
    /// the REPL's command syntax, and a running call.
    case answer
    /// A CSV file as `card import` reads it.
    case csv
}

/// What the targets run against, built once per process.
struct FuzzHarness {
    let target: FuzzTargetName
    let example: Script
    let environment: ScriptTypeEnvironment
    let questions: [Question]
    var session: CallSession

    static let context = CallContext(
        callID: "fuzz", operator: "fuzz", today: "2025-01-15", started: "2025-01-15T10:00:00.000Z")

    init(target: FuzzTargetName) {
        self.target = target
        guard let example = ScriptLoader.load(Array(FuzzScripts.example.utf8)).checked,
              let types = ScriptLoader.load(Array(FuzzScripts.everyQuestionType.utf8)).checked else {
            fatalError("the fuzz harness's own scripts do not load")
        }
        self.example = example
        environment = ScriptTypeEnvironment(script: example, cardFields: example.cardFields)
        questions = types.nodes.compactMap(\.question)
        session = Self.newSession(example)
    }

    static func newSession(_ script: Script) -> CallSession {
        var session = CallSession(script: script, context: context)
        _ = session.start()
        return session
    }

    mutating func run(_ bytes: [UInt8]) {
        switch target {
        case .yaml:
            _ = ScriptLoader.load(bytes)
        case .expression:
            expression(String(decoding: bytes, as: UTF8.self))
        case .transcript:
            guard let document = try? TranscriptDocument.parse(bytes: bytes) else { return }
            _ = Replayer.replay(document.recordedEvents, against: example, compareTexts: true, recordsCoverage: true)
        case .answer:
            answer(String(decoding: bytes, as: UTF8.self))
        case .csv:
            _ = try? CSV.read(String(decoding: bytes, as: UTF8.self))
        }
    }

    private func expression(_ text: String) {
        let context = FuzzContext()
        if let expression = try? ExpressionParser.parse(text) {
            _ = ExpressionTypeChecker.check(expression, expecting: nil, in: environment)
            _ = ExpressionTypeChecker.check(expression, expecting: .bool, in: environment)
            _ = try? expression.evaluate(in: context)
        }
        if let template = try? Template.parse(text) {
            _ = ExpressionTypeChecker.check(template, in: environment)
            _ = template.render(in: context)
        }
    }

    private mutating func answer(_ line: String) {
        for question in questions {
            _ = AnswerParser.parse(line, for: question, language: "en", fallback: nil)
        }
        _ = AnswerParser.parseNumber(line)
        _ = AnswerParser.parseDate(line)
        _ = AnswerParser.parseYesNo(line)
        _ = OperatorInput(line: line)
        _ = session.handle(line)
        if session.isEnded { session = Self.newSession(example) }
    }
}

/// Values for any name, so fuzzed expressions evaluate rather than stop at
/// the first unknown name.
struct FuzzContext: EvaluationContext {
    func value(of name: QualifiedName) -> Value {
        switch name.description.count % 6 {
        case 0: return .number(Decimal(42))
        case 1: return .string("text")
        case 2: return .bool(true)
        case 3: return .list([.string("a"), .number(1)])
        case 4: return .string("2025-01-15")
        default: return .null
        }
    }

    func isAnswered(_ node: String) -> Bool { node.count % 2 == 0 }

    var today: String { "2025-01-15" }
}

nonisolated(unsafe) private var harness: FuzzHarness?

/// libFuzzer calls this once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    if harness == nil {
        let name = ProcessInfo.processInfo.environment["CALLGUIDE_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTargetName(rawValue: name) else {
            let names = FuzzTargetName.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("set CALLGUIDE_FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        harness = FuzzHarness(target: target)
    }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    harness!.run(bytes)
    return 0
}
