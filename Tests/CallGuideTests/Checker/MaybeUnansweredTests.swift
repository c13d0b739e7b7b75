@testable import CallGuide
import XCTest

/// W104 ("may be unanswered"): a question counts as answered at a node when
/// every path from `start` passes an always-answered node with its id first.
final class MaybeUnansweredTests: XCTestCase {
    /// W104 findings as "line:column 'name' at 'node'".
    private func warnings(_ yaml: String) -> [String] {
        ScriptLoader.load(Array(yaml.utf8)).diagnostics.filter { $0.code == .W104 }.map { diagnostic in
            let quoted = diagnostic.message.split(separator: "'")
            return "\(diagnostic.location) '\(quoted[0])' at '\(quoted[2])'"
        }
    }

    func testDiamondWithOneAskingBranchWarnsAtTheJoin() {
        XCTAssertEqual(warnings("""
            callguide: 1
            id: d
            nodes:
              split:
                ask: Car?
                type: yesno
                next: [{if: split, goto: model}, {goto: right}]
              model: {ask: Model?, next: join}
              right: {say: No car, next: join}
              join: {say: "{model} {split}"}
              e: {end: done}
            """), ["10:17 'model' at 'join'"])
    }

    func testQuestionBeforeTheSplitStaysAnsweredAfterTheJoin() {
        XCTAssertEqual(warnings("""
            callguide: 1
            id: d
            nodes:
              first: {ask: Name?}
              split:
                ask: Car?
                type: yesno
                next: [{if: split, goto: left}, {goto: right}]
              left: {ask: Model?, next: join}
              right: {ask: Bike?, next: join}
              join: {say: "{first} {left} {right} {split}"}
              e: {end: done}
            """), ["11:25 'left' at 'join'", "11:32 'right' at 'join'"])
    }

    func testLoopBackBeforeTheQuestionWarnsOnlyBeforeIt() {
        XCTAssertEqual(warnings("""
            callguide: 1
            id: l
            nodes:
              intro: {say: Hello}
              top: {say: "Again {q}"}
              q: {ask: Q?, type: yesno}
              after:
                say: "Got {q}"
                next: [{if: q, goto: top}, {goto: e}]
              e: {end: done}
            """), ["5:22 'q' at 'top'"])
    }

    func testOptionalAndConditionalQuestionsNeverCountAsAnswered() {
        XCTAssertEqual(warnings("""
            callguide: 1
            id: o
            nodes:
              car: {ask: Car?, type: yesno}
              maybe: {ask: Maybe?, optional: true}
              model: {ask: Model?, when: car}
              pitch: {offer: Filters?, optional: true}
              read: {say: "{car} {maybe} {model} {pitch}"}
              e: {end: done}
            """), ["8:23 'maybe' at 'read'", "8:31 'model' at 'read'", "8:39 'pitch' at 'read'"])
    }

    func testAQuestionIsAnsweredAfterItselfOnlyWhereTheRulesSayAfter() {
        // Its own rules read it after it is answered; its `when` reads it before.
        XCTAssertEqual(warnings("""
            callguide: 1
            id: s
            nodes:
              q:
                ask: Q?
                type: yesno
                next: [{if: q, goto: e}, {goto: r}]
              r:
                ask: R?
                type: yesno
                when: r
              e: {end: done}
            """), ["11:11 'r' at 'r'"])
    }

    func testNodesReachedOnlyThroughAHandlerAreNotChecked() {
        XCTAssertEqual(warnings("""
            callguide: 1
            id: h
            handlers:
              price: {label: Price, start: objection}
            nodes:
              q: {ask: Q?, optional: true}
              e: {end: done}
              objection: {say: "About {q}"}
              back: {return: true}
            """), [])
    }

    func testDuplicateQuestionIdsAnswerWhenTogetherTheyCutEveryPath() {
        let distinct = """
            callguide: 1
            id: dup
            nodes:
              split:
                ask: Car?
                type: yesno
                next: [{if: split, goto: left}, {goto: model}]
              model: {ask: Model?, next: join}
              left: {say: Left}
              model_b: {ask: Model again?, next: join}
              join: {say: "{model}"}
              e: {end: done}
            """
        XCTAssertEqual(warnings(distinct), ["11:17 'model' at 'join'"])
        // Two nodes named `model` (E004): one on each branch answers it at
        // the join, though neither alone lies on every path.
        let duplicate = distinct.replacingOccurrences(of: "model_b:", with: "model:")
        let result = ScriptLoader.load(Array(duplicate.utf8))
        XCTAssertEqual(result.diagnostics.map(\.code), [.E004])
        // With the second one optional, the left path leaves it unanswered.
        let optional = duplicate.replacingOccurrences(of: "Model again?", with: "Model again?, optional: true")
        XCTAssertEqual(warnings(optional), ["11:17 'model' at 'join'"])
    }

    /// Random small scripts against a plain set-based must-analysis (the
    /// definition the dominator tree answers): the same W104 findings.
    func testRandomScriptsMatchTheSetBasedFixpoint() {
        var random = SplitMix(seed: 0x5EED_0104)
        var warned = 0, silenced = 0
        for round in 0..<300 {
            let generated = RandomScript(&random)
            let result = ScriptLoader.load(Array(generated.yaml.utf8))
            guard let script = result.script else { return XCTFail("round \(round) did not load:\n\(generated.yaml)") }
            let actual = result.diagnostics.filter { $0.code == .W104 }.map(\.message).sorted()
            let (expected, answered) = referenceW104(script, reads: generated.reads)
            XCTAssertEqual(actual, expected, "round \(round):\n\(generated.yaml)")
            if !expected.isEmpty { warned += 1 }
            if answered > 0 { silenced += 1 }
        }
        // The generator must exercise both outcomes.
        XCTAssertGreaterThan(warned, 50)
        XCTAssertGreaterThan(silenced, 50)
    }
}

/// The W104 analysis as specified: in(start) = ∅, in(n) = ∩ over reachable
/// predecessors p of (in(p) ∪ {p's id if p is always answered}), iterated to
/// a fixpoint (nil stands for "every question", the start value). Returns
/// the expected messages and how many reads were found answered.
private func referenceW104(_ script: Script, reads: [[(name: String, after: Bool)]]) -> ([String], Int) {
    let graph = ScriptGraph(script)
    guard let start = script.nodeIndex[script.start] else { return ([], 0) }
    let reachable = graph.reachable(from: [start])
    let predecessors = graph.predecessors
    let nodes = script.nodes
    let questions = Set(nodes.filter(\.takesInput).map(\.id))
    func alwaysAnswered(_ index: Int) -> Bool {
        guard nodes[index].when == nil else { return false }
        switch nodes[index].kind {
        case .ask(let question): return !question.optional
        case .offer(let offer): return !offer.optional
        default: return false
        }
    }
    var inSets = [Set<String>?](repeating: nil, count: nodes.count)
    inSets[start] = []
    var changed = true
    while changed {
        changed = false
        for index in nodes.indices where reachable[index] && index != start {
            var meet: Set<String>?
            for previous in predecessors[index] where reachable[previous] {
                guard var out = inSets[previous] else { continue }
                if alwaysAnswered(previous) { out.insert(nodes[previous].id) }
                meet = meet.map { $0.intersection(out) } ?? out
            }
            if let meet, meet != inSets[index] {
                inSets[index] = meet
                changed = true
            }
        }
    }
    var messages: [String] = []
    var answered = 0
    for index in nodes.indices where reachable[index] {
        let nodeID = nodes[index].id
        var reported = Set<String>()
        for (name, after) in reads[index] {
            if (after && name == nodeID) || !questions.contains(name) || inSets[index]!.contains(name) {
                answered += 1
                continue
            }
            guard reported.insert(name).inserted else { continue }
            messages.append("'\(name)' may be unanswered here: some path reaches '\(nodeID)' without it (guard with 'when: answered(\(name))')")
        }
    }
    return (messages.sorted(), answered)
}

/// A seeded generator (SplitMix64), so that a failure can be replayed.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
}

/// A small random script: questions (some optional or with `when`), offers,
/// readers, silent steps and ends, with random `next`, rule and option
/// edges, sometimes a non-first start, a handler or a duplicate id.
private struct RandomScript {
    var yaml = ""
    /// Per node in file order: the names it reads, and whether after it is answered.
    var reads: [[(name: String, after: Bool)]] = []

    init(_ random: inout SplitMix, largest: Int = 10) {
        enum Kind { case ask, choice, offer, say, silent, end }
        let count = 2 + random.next(largest - 1)
        var kinds: [Kind] = []
        for index in 0..<count {
            if index == count - 1 { kinds.append(.end); continue }
            switch random.next(20) {
            case 0..<6: kinds.append(.ask)
            case 6..<8: kinds.append(.choice)
            case 8..<10: kinds.append(.offer)
            case 10..<16: kinds.append(.say)
            case 16: kinds.append(.silent)
            default: kinds.append(.end)
            }
        }
        var ids = (0..<count).map { "n\($0)" }
        let takesInput = kinds.map { [.ask, .choice, .offer].contains($0) }
        // A later question sometimes repeats an earlier one's id (E004).
        for index in 1..<count where takesInput[index] && random.chance(15) {
            let earlier = (0..<index).filter { takesInput[$0] }
            if !earlier.isEmpty { ids[index] = ids[earlier[random.next(earlier.count)]] }
        }
        let questions = ids.indices.filter { takesInput[$0] }.map { ids[$0] }
        func question() -> String? { questions.isEmpty ? nil : questions[random.next(questions.count)] }
        func target() -> String { ids[random.next(count)] }

        yaml = "callguide: 1\nid: random\n"
        if random.chance(25) { yaml += "start: \(target())\n" }
        if random.chance(25) { yaml += "handlers:\n  h: {label: H, start: \(target())}\n" }
        yaml += "nodes:\n"
        for index in 0..<count {
            var fields: [String] = []
            var read: [(name: String, after: Bool)] = []
            var optional = false
            if kinds[index] != .end && kinds[index] != .silent && random.chance(20), let name = question() {
                fields.append("when: \(name)")
                read.append((name, false))
            }
            switch kinds[index] {
            case .ask:
                fields.append("ask: Q?")
                fields.append("type: yesno")
            case .choice:
                fields.append("ask: Which?")
                fields.append("type: choice")
                fields.append("options: {a: A, b: {label: B, goto: \(target())}}")
            case .offer:
                fields.append("offer: Buy?")
            case .say:
                var text = "Say"
                for _ in 0..<random.next(4) {
                    guard let name = question() else { break }
                    text += " {\(name)}"
                    read.append((name, false))
                }
                fields.append("say: \"\(text)\"")
            case .silent, .end:
                break
            }
            if takesInput[index] && random.chance(20) {
                fields.append("optional: true")
                optional = true
            }
            let alwaysAnswered = takesInput[index] && !optional && !fields.contains { $0.hasPrefix("when:") }
            if kinds[index] == .end {
                fields.append("end: done")
            } else if kinds[index] == .silent || random.chance(35) {
                var rules: [String] = []
                for _ in 0..<(1 + random.next(2)) {
                    guard let name = question() else { break }
                    rules.append("{if: \(name), goto: \(target())}")
                    read.append((name, alwaysAnswered))
                }
                if rules.isEmpty || random.chance(70) { rules.append("{goto: \(target())}") }
                fields.append("next: [\(rules.joined(separator: ", "))]")
            } else if random.chance(30) {
                fields.append("next: \(target())")
            }
            yaml += "  \(ids[index]): {\(fields.joined(separator: ", "))}\n"
            reads.append(read)
        }
    }
}
