/// `callguide cases`: a small set of calls that together take every
/// branch of a script a call can take, for trainers to read the paths of a
/// new script before any real call and for QA to keep as a regression
/// suite. Every call is run by the real engine (`CallSession`), so its
/// events are exactly what a recorded call would hold; the CLI writes them
/// as ordinary transcripts.
///
/// The search: calls are built one at a time. At each question, when
/// something not yet covered lies within reach of the answer (the
/// question's own branches and those of the input-free nodes after it),
/// every candidate answer (`CaseCandidates`) is tried on a copy of the
/// call and the one that takes the most new branches is kept; a handler
/// is opened where its nodes are new and no answer gains anything. Ties,
/// and questions with nothing new in reach, take the candidate used least
/// at that question so far, so successive calls combine earlier answers
/// differently (a rule may test an answer given several questions before).
/// A call that adds nothing is dropped; the search stops when all is
/// covered, at `maximumCases` calls, after `staleLimit` calls in a row
/// that add nothing, or when `workLimit` answers were tried. Calls whose
/// branches the others all take are then left out, and the rest are run
/// again under their final ids.
public struct CaseGenerator: Sendable {
    /// The date every generated call is made on (`today()`), so that the
    /// output does not depend on the day it is generated.
    public static let defaultToday = "2026-01-15"

    public let script: Script
    public var today: String
    public var `operator` = "cases"
    public var scriptSHA256 = ""
    /// The workspace's status transitions, as replay will apply them.
    public var statusTransitions: [String: [String]]?
    public var maximumCases = 100
    /// Calls in a row that add no branch before the search gives up.
    public var staleLimit = 8
    /// Answers tried in all (on copies of calls) before the search gives up.
    public var workLimit = 2_000_000

    public init(script: Script, today: String = CaseGenerator.defaultToday) {
        self.script = script
        self.today = today
    }

    /// The call id of case `number` (1-based): `case-001`.
    public static func callID(_ number: Int) -> String {
        let digits = String(number)
        return "case-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// Every call starts at 09:00 UTC on `today`: the first line's time,
    /// which replay reads as `call.started`.
    public var startedAt: String { "\(today)T09:00:00.000Z" }

    /// `card`: the stored fields of the call's client card, nil for a call
    /// without a card.
    public func context(callID: String, card: [String: Value]? = nil) -> CallContext {
        CallContext(callID: callID, operator: self.operator, language: script.language, today: today,
                    started: startedAt, scriptSHA256: scriptSHA256, cardID: card == nil ? nil : CaseCard.id,
                    cardData: card ?? [:], statusTransitions: statusTransitions)
    }

    public func generate() -> CaseSet {
        var search = CaseSearch(generator: self)
        return search.run()
    }
}

/// What `cases` produced.
public struct CaseSet: Sendable {
    public struct Case: Sendable {
        public var callID: String
        /// What the engine produced, `start` to `end`.
        public var events: [CallEvent]
        /// The lines fed, in order.
        public var inputs: [String]
        /// The card's fields at the start, nil for a call without a card.
        public var card: [String: Value]?
        public var branches: Set<Branch>
    }

    /// A branch no generated call took, and why.
    public struct Unreached: Sendable {
        public var branch: Branch
        public var line: Int
        public var reason: String
    }

    public var cases: [Case]
    public var unreached: [Unreached]
    /// Every branch of the script (nodes included), as coverage counts them.
    public var total: Int
}

/// The state of one run of the search.
struct CaseSearch {
    let generator: CaseGenerator
    let script: Script
    let candidates: [[String]]
    /// Per question: the branches an answer to it can decide or reach
    /// before the next question.
    let reach: [[Branch]]
    let handlerReach: [(name: String, branches: [Branch])]
    let all: [(branch: Branch, line: Int)]
    let reachable: [Bool]
    /// Filled card fields the script's conditions read (`CaseCard`).
    let card: CaseCard
    var covered: Set<Branch> = []
    var usage: [Int: [Int]] = [:]
    var work = 0

    /// Nodes searched after a question for what its answer can reach.
    static let reachLimit = 64

    init(generator: CaseGenerator) {
        self.generator = generator
        let script = generator.script
        self.script = script
        let pool = CaseCandidates(script: script, today: generator.today)
        card = CaseCard(script: script, today: generator.today)
        candidates = script.nodes.map { pool.lines(for: $0) }
        let graph = ScriptGraph(script)
        var branchesOf: [String: [Branch]] = [:]
        all = Branch.all(in: script)
        for (branch, _) in all { branchesOf[branch.node, default: []].append(branch) }
        // The branches of a node itself, and of the nodes that run after it
        // without input, up to (and including the arrival at) the next ones
        // that take input.
        func region(from roots: [Int], including root: Bool, throughQuestions: Bool = false) -> [Branch] {
            var result: [Branch] = []
            var seen = Set<Int>()
            var queue = roots
            while let index = queue.popLast(), seen.count < Self.reachLimit {
                guard seen.insert(index).inserted else { continue }
                let id = script.nodes[index].id
                if !throughQuestions, script.nodes[index].takesInput, !(root && roots.contains(index)) {
                    result += (branchesOf[id] ?? []).filter {
                        switch $0 { case .node, .when: return true; default: return false }
                    }
                    continue
                }
                result += branchesOf[id] ?? []
                for position in graph.successors.positions(of: index) { queue.append(graph.successors.target(at: position)) }
            }
            return result
        }
        reach = script.nodes.indices.map { index in
            script.nodes[index].takesInput ? region(from: [index], including: true) : []
        }
        handlerReach = script.handlers.compactMap { handler in
            guard let start = script.nodeIndex[handler.start] else { return nil }
            // A handler's whole flow: an answer inside it may be what
            // decides a branch (an objection's yes or no).
            return (handler.name, region(from: [start], including: false, throughQuestions: true))
        }
        let roots = [script.nodeIndex[script.start]].compactMap { $0 } + script.handlers.compactMap { script.nodeIndex[$0.start] }
        reachable = graph.reachable(from: roots)
    }

    mutating func run() -> CaseSet {
        var kept: [CaseSet.Case] = []
        var stale = 0
        var attempt = 0
        let targets = Set(all.map(\.branch).filter(isReachable))
        while kept.count < generator.maximumCases, stale < generator.staleLimit, work < generator.workLimit {
            // Every other call has a card, when the script reads one.
            let withCard = !card.fields.isEmpty && attempt % 2 == 1
            attempt += 1
            let call = runCall(callID: CaseGenerator.callID(kept.count + 1), card: withCard ? card.fields : nil)
            let new = call.branches.subtracting(covered)
            if new.isEmpty {
                stale += 1
                continue
            }
            stale = 0
            covered.formUnion(new)
            kept.append(call)
            if targets.isSubset(of: covered) { break }
        }
        let final = withoutRedundant(kept).enumerated().map {
            rerun($0.element.inputs, card: $0.element.card, callID: CaseGenerator.callID($0.offset + 1))
        }
        var taken = Set<Branch>()
        for call in final { taken.formUnion(call.branches) }
        let unreached = all.filter { !taken.contains($0.branch) }.map {
            CaseSet.Unreached(branch: $0.branch, line: $0.line, reason: reason($0.branch, taken: taken))
        }
        return CaseSet(cases: final, unreached: unreached, total: all.count)
    }

    private func isReachable(_ branch: Branch) -> Bool {
        script.nodeIndex[branch.node].map { reachable[$0] } ?? false
    }

    /// One call, built answer by answer (see `CaseGenerator`).
    private mutating func runCall(callID: String, card: [String: Value]?) -> CaseSet.Case {
        var session = CallSession(script: script, context: generator.context(callID: callID, card: card))
        session.recordsCoverage = true
        // Texts change no branch: the search does not render them; the
        // calls kept are run again with them (`rerun`).
        session.rendersTexts = false
        _ = session.start()
        var taken = session.takeCoverage()
        var inputs: [String] = []
        /// Handlers opened in this call for what lies deeper in their flow.
        var opened = Set<String>()
        let inputLimit = max(200, 4 * script.nodes.count)
        while case .awaiting(let id) = session.status, inputs.count < inputLimit, let index = script.nodeIndex[id] {
            let isNew = { (branch: Branch) in !covered.contains(branch) && !taken.contains(branch) }
            let lines = candidates[index]
            let order = Array(lines.indices).sorted { (usage[index]?[$0] ?? 0, $0) < (usage[index]?[$1] ?? 0, $1) }
            var choice: (line: String, session: CallSession, gain: Int)?
            let explore = reach[index].contains(where: isNew)
            for position in order {
                let line = lines[position]
                var trial = session
                let produced = trial.handle(line)
                work += 1
                guard Self.accepted(produced) else { continue }
                let gain = trial.coverage.filter(isNew).count
                if gain > choice?.gain ?? -1 {
                    choice = (line, trial, gain)
                }
                if !explore { break }
            }
            if choice?.gain ?? 0 == 0 {
                for handler in handlerReach where handler.branches.contains(where: isNew) {
                    var trial = session
                    _ = trial.handle("!" + handler.name)
                    work += 1
                    let gain = trial.coverage.filter(isNew).count
                    // Nothing new at once may still be new further in, once
                    // per call (the flow may need another answer there).
                    if gain > choice?.gain ?? 0 || (choice?.gain ?? 0 == 0 && opened.insert(handler.name).inserted) {
                        choice = ("!" + handler.name, trial, gain)
                        if gain > 0 { opened.insert(handler.name) }
                    }
                }
            }
            guard let chosen = choice else { break }
            if let position = lines.firstIndex(of: chosen.line) {
                var counts = usage[index] ?? Array(repeating: 0, count: lines.count)
                counts[position] += 1
                usage[index] = counts
            }
            session = chosen.session
            taken.formUnion(session.takeCoverage())
            inputs.append(chosen.line)
        }
        if !session.isEnded {
            _ = session.endOfInput()
            inputs.append("")
        }
        taken.formUnion(session.takeCoverage())
        // The events are made by `rerun`, with texts, for the calls kept.
        return CaseSet.Case(callID: callID, events: [], inputs: inputs, card: card, branches: taken)
    }

    /// Whether the engine took the line (an answer, a skip, a handler),
    /// rather than refusing it.
    static func accepted(_ produced: [CallEvent]) -> Bool {
        for event in produced {
            switch event {
            case .error: continue
            case .invalid: return false
            default: return true
            }
        }
        return false
    }

    /// Leaves out, last first, calls whose every branch another kept call
    /// also takes.
    private func withoutRedundant(_ calls: [CaseSet.Case]) -> [CaseSet.Case] {
        var counts: [Branch: Int] = [:]
        for call in calls { for branch in call.branches { counts[branch, default: 0] += 1 } }
        var keep = Array(repeating: true, count: calls.count)
        for index in calls.indices.reversed() where calls[index].branches.allSatisfy({ counts[$0, default: 0] > 1 }) {
            keep[index] = false
            for branch in calls[index].branches { counts[branch, default: 0] -= 1 }
        }
        return calls.indices.filter { keep[$0] }.map { calls[$0] }
    }

    /// Runs a call's inputs again under its final id (ids follow the order
    /// of the calls that are kept).
    private func rerun(_ inputs: [String], card: [String: Value]?, callID: String) -> CaseSet.Case {
        var session = CallSession(script: script, context: generator.context(callID: callID, card: card))
        session.recordsCoverage = true
        var events = session.start()
        for line in inputs {
            events += line.isEmpty ? session.endOfInput() : session.handle(line)
        }
        return CaseSet.Case(callID: callID, events: events, inputs: inputs, card: card, branches: session.coverage)
    }

    /// Why no call took `branch`, in the script's terms.
    private func reason(_ branch: Branch, taken: Set<Branch>) -> String {
        let id = branch.node
        guard let index = script.nodeIndex[id], reachable[index] else {
            return "no path from the start or a handler leads to '\(id)'"
        }
        let node = script.nodes[index]
        if case .node = branch {
            return "no call reached '\(id)': every way in needs a branch no tried answer took"
        }
        guard taken.contains(.node(id)) else { return "'\(id)' was never reached" }
        switch branch {
        case .when(_, let value):
            return "no tried answer made its 'when: \(node.when?.expression.source ?? "")' \(value)"
        case .rule(_, let rule):
            guard case .rules(let rules)? = node.next, rule < rules.count else { return "the rule was never taken" }
            if let always = rules[..<rule].firstIndex(where: { $0.condition == nil }) {
                return "rule \(always + 1) always holds before it"
            }
            guard let condition = rules[rule].condition else { return "no tried answer made every rule before it fail" }
            return "no tried answer made rule \(rule + 1) ('if: \(condition.expression.source)') the first to hold"
        case .fallThrough:
            if case .rules? = node.next { return "no tried answer made every rule of its 'next' fail" }
            return "the call never went on from '\(id)' to the node after it"
        case .optionGoto(_, let key):
            return "no call could choose '\(key)' (a 'validate' rule refuses it?)"
        case .next:
            return "the call never went on from '\(id)'"
        case .node:
            return ""
        }
    }
}
