import CallGuide
import Foundation
import XCTest

/// Random walks through scripts, recorded by the real binary and replayed
/// against the same script: a replay of an unchanged script must always
/// pass. The walks are generated with the engine in-process (to know which
/// question is open), and the binary's transcript must match the in-process
/// call event for event.
final class EndToEndPropertyTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    func testRandomWalksThroughTheExampleReplay() throws {
        try randomWalks(script: try sandbox.exampleScript(), runs: 16, seed: 0xC0FFEE)
    }

    func testRandomWalksThroughTheSurveyReplay() throws {
        try randomWalks(script: try sandbox.fixture("survey.yaml"), runs: 12, seed: 0x5EED_0001)
    }

    func testRandomWalksThroughTheSupportLineReplay() throws {
        try randomWalks(script: try sandbox.fixture("support-line.yaml"), runs: 12, seed: 0x5EED_0002)
    }

    private func randomWalks(script path: String, runs: Int, seed: UInt64, file: StaticString = #filePath, line: UInt = #line) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let script = try XCTUnwrap(ScriptLoader.load(bytes).checked, "the script must load", file: file, line: line)
        let folder = "walks-\(script.id)"
        var outcomes: [String: Int] = [:]
        // CALLGUIDE_E2E_WALK_FACTOR=20 runs twenty times as many walks, for a
        // longer hunt; the default keeps the suite fast.
        let factor = ProcessInfo.processInfo.environment["CALLGUIDE_E2E_WALK_FACTOR"].flatMap { Int($0) } ?? 1
        let runs = runs * max(1, factor)
        for run in 0..<runs {
            let runSeed = seed &+ UInt64(run)
            var generator = SplitMix64(seed: runSeed)
            let walk = RandomWalk.generate(script: script, using: &generator)
            let transcript = sandbox.path("\(folder)/walk-\(run).jsonl")
            try FileManager.default.createDirectory(atPath: sandbox.path(folder), withIntermediateDirectories: true)
            try sandbox.record(path, transcript: transcript, lines: walk.lines, file: file, line: line)

            let document = try sandbox.transcript(transcript)
            let recorded = document.lines.dropFirst().map(\.event)
            let expected = Array(walk.events.dropFirst())
            if recorded != expected {
                let a = recorded.map(EventSummary.describe)
                let b = expected.map(EventSummary.describe)
                XCTFail("seed \(runSeed): the binary's call differs from the engine's.\ninputs: \(walk.lines)\nbinary: \(a)\nengine: \(b)",
                        file: file, line: line)
            }
            outcomes[document.end?.outcome ?? "none", default: 0] += 1
        }
        let replay = try sandbox.callguide(["replay", path, sandbox.path(folder)])
        XCTAssertEqual(replay.status, 0, replay.stdout + replay.stderr, file: file, line: line)
        XCTAssertTrue(replay.stdout.hasSuffix("\(runs) passed, 0 failed\n"), replay.stdout, file: file, line: line)
        // The walks must actually reach ends, not only abandon.
        if factor > 1 { print("\(script.id): \(outcomes)") }
        XCTAssertGreaterThan(outcomes.filter { $0.key != "abandoned" }.values.reduce(0, +), 0, "\(outcomes)", file: file, line: line)
    }
}

/// One random call: the lines typed and what the engine did with them.
struct RandomWalk {
    var lines: [String] = []
    var events: [CallEvent] = []

    static let maximumLines = 60

    static func generate<G: RandomNumberGenerator>(script: Script, using generator: inout G) -> RandomWalk {
        let context = CallContext(
            callID: "walk", operator: EndToEndSandbox.operatorName, language: script.language,
            today: LocalDates.iso(daysFromToday: 0), started: "")
        var session = CallSession(script: script, context: context)
        var walk = RandomWalk()
        walk.events = session.start()
        while !session.isEnded && walk.lines.count < maximumLines {
            guard let prompt = session.prompt else { break }
            let line = input(for: prompt, script: script, using: &generator)
            walk.lines.append(line)
            walk.events += session.handle(line)
        }
        if !session.isEnded { walk.events += session.endOfInput() }
        return walk
    }

    /// A line an operator might type at `prompt`: mostly valid answers,
    /// sometimes rubbish, commands and handlers.
    static func input<G: RandomNumberGenerator>(for prompt: Prompt, script: Script, using g: inout G) -> String {
        let roll = Int.random(in: 0..<100, using: &g)
        switch roll {
        case 0..<58:
            return validAnswer(for: prompt, script: script, using: &g)
        case 58..<68:
            return ["", "   ", "???", "-1", "99999999", "1.2.3", "yes please", "\\:)", "\\!bang", "ab@cd", "3 3 3"]
                .randomElement(using: &g)!
        case 68..<76:
            return ":back"
        case 76..<82:
            return ":skip"
        case 82..<86:
            return ":note " + ["called from work", "speaks fast", "ünïcödé ✓"].randomElement(using: &g)!
        case 86..<94:
            let names = script.handlers.map(\.name) + ["nosuchhandler"]
            return "!" + names.randomElement(using: &g)!
        case 94..<96:
            return [":history", ":help", ":card", ":bogus"].randomElement(using: &g)!
        case 96..<97:
            return ":hangup" + (Bool.random(using: &g) ? " line dropped" : "")
        default:
            return validAnswer(for: prompt, script: script, using: &g)
        }
    }

    static func validAnswer<G: RandomNumberGenerator>(for prompt: Prompt, script: Script, using g: inout G) -> String {
        if prompt.isOffer { return ["yes", "no", "y", "n", "да", "NO"].randomElement(using: &g)! }
        let question = script.node(prompt.node)?.question
        switch prompt.type ?? .text {
        case .text:
            return ["Ann", "123456", "quiet and light", "Main st 1", "none", "12345", "Öl 5"].randomElement(using: &g)!
        case .number, .integer:
            let low = question?.min.map { NSDecimalNumber(decimal: $0).intValue } ?? 0
            let high = question?.max.map { NSDecimalNumber(decimal: $0).intValue } ?? 1000
            let value = Int.random(in: (low - 10)...(high + 10), using: &g)
            let forms = ["\(value)", "\(value),5", "\(value) ", "+\(value)"]
            return forms.randomElement(using: &g)!
        case .yesno:
            return ["yes", "no", "y", "n", "да", "нет", "True"].randomElement(using: &g)!
        case .choice:
            let option = prompt.options.randomElement(using: &g)!
            return ["\(option.number)", option.key, option.key.uppercased(), String(option.label.prefix(3))].randomElement(using: &g)!
        case .multi:
            let count = Int.random(in: 1...max(1, prompt.options.count), using: &g)
            let picked = prompt.options.shuffled(using: &g).prefix(count)
            let separator = Bool.random(using: &g) ? " " : ", "
            return picked.map { Bool.random(using: &g) ? "\($0.number)" : $0.key }.joined(separator: separator)
        case .scale:
            let low = question?.min.map { NSDecimalNumber(decimal: $0).intValue } ?? 1
            let high = question?.max.map { NSDecimalNumber(decimal: $0).intValue } ?? 10
            return "\(Int.random(in: (low - 1)...(high + 1), using: &g))"
        case .nps:
            return "\(Int.random(in: 0...11, using: &g))"
        case .date:
            let days = Int.random(in: -1...20, using: &g)
            return Bool.random(using: &g) ? LocalDates.iso(daysFromToday: days) : LocalDates.dotted(daysFromToday: days)
        case .datetime:
            return ["tomorrow 10:30", "+2 9:00", "сьогодні 18:00", "\(LocalDates.iso(daysFromToday: 3)) 25:00"].randomElement(using: &g)!
        case .phone:
            return ["+1 555 123 4567", "(044) 123-45-67", "12345", "+380 44 123 4567"].randomElement(using: &g)!
        case .email:
            return ["ann@Example.COM", "bob.smith@mail.example.org", "not-an-email"].randomElement(using: &g)!
        }
    }
}
