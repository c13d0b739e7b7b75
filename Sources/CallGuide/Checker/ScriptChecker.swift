import Foundation

/// Checks a decoded script against the rules that need the whole script:
/// references, expression types, options, bounds, patterns and the flow
/// graph (script language, section 8).
struct ScriptChecker {
    let script: Script
    let cardFields: [CardFieldDeclaration]
    /// The workspace's script ids, when the front-end gave them (W108).
    let knownScriptIDs: Set<String>?
    /// The outcomes `callguide.yaml` declares, for W109.
    let workspaceOutcomes: [OutcomeDeclaration]
    /// The modules `use:` loaded (9.1): their names and types.
    let moduleNames: ModuleNames
    let modules: [String: LoadedModule]
    private(set) var diagnostics: [Diagnostic] = []
    /// Whether each pattern seen so far compiles.
    private var compiledPatterns: [String: Bool] = [:]

    init(script: Script, configuration: WorkspaceConfiguration?, modules: [String: LoadedModule] = [:]) {
        self.script = script
        self.knownScriptIDs = configuration?.knownScriptIDs
        self.workspaceOutcomes = configuration?.outcomes ?? []
        // Card fields of modules join the script's (9.1).
        self.cardFields = CardFieldDeclaration.builtIn + (configuration?.cardFields ?? []) + script.cardFields
            + modules.keys.sorted().flatMap { modules[$0]!.script.cardFields }
        self.modules = modules
        self.moduleNames = ModuleNames(modules: modules, uses: script.uses)
    }

    /// Every check, one after another: the flow graph's analyses, the
    /// per-node checks (W108 among them), W105, W106, W107, W109-W110 and W114-W115. The result sorts the findings, so their
    /// order here does not matter.
    mutating func run() -> [Diagnostic] {
        checkStartAndHandlers()
        var analysis = FlowAnalysis(script: script, graph: ScriptGraph(script), modules: moduleNames)
        diagnostics += analysis.run()
        checkNodes()
        diagnostics += LanguageCoverage.check(script)
        diagnostics += ClientKeyWrites.check(script)
        diagnostics += OutcomeUsage.check(script, workspaceOutcomes: workspaceOutcomes + modules.keys.sorted().flatMap { modules[$0]!.script.outcomes })
        diagnostics += FAQChecks.check(script)
        return diagnostics
    }

    private mutating func checkNodes() {
        var environment = ScriptTypeEnvironment(script: script, cardFields: cardFields, modules: moduleNames)
        for index in script.nodes.indices {
            environment.answerNode = environment.answeringNode(forNodeAt: index)
            checkNode(at: index, environment: environment)
        }
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: location, hint: hint))
    }

    private var nodeIds: [String] { script.nodes.map(\.id) }

    private mutating func checkNodeReference(_ id: String, at location: SourceLocation, what: String) {
        guard script.nodeIndex[id] == nil else { return }
        report(.E006, "\(what) '\(id)' is not a node of this script", at: location,
               hint: Suggestions.hint(for: id, among: nodeIds))
    }

    private mutating func checkStartAndHandlers() {
        if !script.nodes.isEmpty { checkNodeReference(script.start, at: script.startLocation, what: "start node") }
        var seen = Set<String>()
        for handler in script.handlers {
            if !seen.insert(handler.name).inserted {
                report(.E002, "handler '\(handler.name)' is declared twice", at: handler.location)
            }
            checkNodeReference(handler.start, at: handler.startLocation, what: "handler start")
        }
    }

    /// Reads the node's fields in place (`nodes[index].field`): binding the
    /// node to a name copies all of it.
    private mutating func checkNode(at index: Int, environment: ScriptTypeEnvironment) {
        let nodes = script.nodes
        if let when = nodes[index].when {
            checkExpression(when, expecting: .bool, environment)
            // `answer` is null in `when`: the node has not been answered yet.
            if let offset = Self.firstAnswerOffset(in: when.expression.root) {
                report(.E008, "'answer' has no value in 'when': the node is not answered yet; name the question instead", at: when.location(ofOffset: offset))
            }
            checkPossible(when, what: "the 'when' of '\(nodes[index].id)'")
        }
        switch nodes[index].next {
        case .node(let id, let location)?:
            checkNodeReference(id, at: location, what: "next node")
        case .rules(let rules)?:
            for rule in rules.indices {
                checkNodeReference(rules[rule].goto, at: rules[rule].gotoLocation, what: "goto node")
                if let condition = rules[rule].condition {
                    checkExpression(condition, expecting: .bool, environment)
                    checkPossible(condition, what: "rule \(rule + 1) of '\(nodes[index].id)'")
                }
            }
            if !rules.isEmpty, !rules.contains(where: { $0.condition == nil }) {
                report(.W103, "the rules of '\(nodes[index].id)' have no default rule ({goto: NODE} without 'if'): when none holds, the call falls through to the next node", at: rules[0].location)
            }
        case nil:
            break
        }
        let set = nodes[index].set
        for assignment in set.indices {
            checkTarget(set[assignment].target, at: set[assignment].targetLocation)
            checkExpression(set[assignment].value, expecting: nil, environment)
        }
        if let hint = nodes[index].hint { checkText(hint, environment) }

        switch nodes[index].kind {
        case .say(let text):
            checkText(text, environment)
        case .ask(let question):
            checkQuestion(question, nodeID: nodes[index].id, nodeLocation: nodes[index].location, environment)
        case .offer(let offer):
            checkText(offer.text, environment)
            if let save = offer.save { checkTarget(save, at: offer.saveLocation ?? nodes[index].location) }
        case .end(_, _, let say):
            if let say { checkText(say, environment) }
        case .return, .silent:
            break
        case .flow(let call):
            checkFlow(call, environment)
        }
        if let task = nodes[index].task { checkTask(task, environment) }
        if let transfer = nodes[index].transfer, let id = transfer.script {
            checkScriptReference(id, at: transfer.scriptLocation ?? transfer.groupLocation)
        }
    }

    /// `flow: ALIAS[.NODE]` names a module of `use:` and one of its nodes;
    /// `with:` sets the module's declared variables (9.1).
    private mutating func checkFlow(_ call: FlowCall, _ environment: ScriptTypeEnvironment) {
        guard let module = modules[call.alias] else {
            // A module that failed to load is reported at its `use:` line.
            guard !script.uses.contains(where: { $0.alias == call.alias }) else { return }
            report(.E006, "'\(call.alias)' is not a module of this script (name it under 'use:')", at: call.location,
                   hint: Suggestions.hint(for: call.alias, among: script.uses.map(\.alias)))
            return
        }
        if let node = call.node, module.script.nodeIndex[node] == nil {
            report(.E006, "'\(node)' is not a node of module '\(call.alias)' (\(module.path))", at: call.location,
                   hint: Suggestions.hint(for: node, among: module.script.nodes.map(\.id)))
        }
        for assignment in call.with {
            if case .variable(let name) = assignment.target, module.script.variable(name) == nil {
                report(.E006, "'\(name)' is not a variable of module '\(call.alias)' ('with' sets the module's variables)", at: assignment.targetLocation,
                       hint: Suggestions.hint(for: name, among: module.script.variables.map(\.name)))
            } else if case .card = assignment.target {
                report(.E002, "'with' sets the module's variables, not '\(assignment.target)' (use 'set' for the card)", at: assignment.targetLocation)
            }
            checkExpression(assignment.value, expecting: nil, environment)
        }
    }

    /// Workflow 2.1: `due` a date or datetime, `to` a text, `note` a text,
    /// `script` a known script id.
    private mutating func checkTask(_ task: TaskSpec, _ environment: ScriptTypeEnvironment) {
        if let due = task.due {
            let (type, problems) = ExpressionTypeChecker.check(due.expression, expecting: nil, in: environment)
            for problem in problems {
                report(problem.code, problem.message, at: due.location(ofOffset: problem.offset), hint: problem.hint)
            }
            if problems.isEmpty, !Self.canBeMoment(due.expression.root, type: type) {
                report(.E009, "a task's 'due' must be a date or a datetime, but this is \(type.phrase)", at: due.location(ofOffset: due.expression.startOffset),
                       hint: "e.g. due: add_days(today(), 1), or the answer of a date or datetime question")
            }
        }
        if let to = task.to {
            let (type, problems) = ExpressionTypeChecker.check(to.expression, expecting: nil, in: environment)
            for problem in problems {
                report(problem.code, problem.message, at: to.location(ofOffset: problem.offset), hint: problem.hint)
            }
            if problems.isEmpty, !type.isUnknown, !type.isText || type.isMoment {
                report(.E009, "a task's 'to' must be an operator's name (a text), but this is \(type.phrase)", at: to.location(ofOffset: to.expression.startOffset))
            }
        }
        if let note = task.note { checkText(note, environment) }
        if let id = task.script { checkScriptReference(id, at: task.scriptLocation ?? task.location) }
    }

    /// Whether a `due` of this type can hold a date or datetime: a date,
    /// a datetime, or a text built by an expression (`today() + 'T10:00'`,
    /// checked when the call runs); not a text question's answer, a text
    /// variable or a literal that is no date.
    private static func canBeMoment(_ node: ExpressionNode, type: ValueType) -> Bool {
        if type.isMoment || type.isUnknown { return true }
        guard type == .string else { return false }
        switch node {
        case .literal(.string(let text), _): return LocalDateTime(dateOrDateTime: text) != nil
        case .name(.last, _): return true
        case .name: return false
        default: return true
        }
    }

    /// W108: a script id the workspace does not have (it may come later).
    private mutating func checkScriptReference(_ id: String, at location: SourceLocation) {
        guard let known = knownScriptIDs, id != script.id, !known.contains(id) else { return }
        report(.W108, "there is no script '\(id)' in the workspace (yet): a task for it cannot be worked until there is", at: location,
               hint: Suggestions.hint(for: id, among: known.sorted()))
    }

    /// W107: a condition no answer can make true (`ImpossibleCondition`).
    private mutating func checkPossible(_ condition: LocatedExpression, what: @autoclosure () -> String) {
        guard let (offset, reason) = ImpossibleCondition.find(in: condition.expression.root, script: script) else { return }
        report(.W107, "\(what()) can never be true: \(reason)", at: condition.location(ofOffset: offset))
    }

    /// The offset of the first read of `answer`, in the order of
    /// `Expression.references`, without building that array.
    private static func firstAnswerOffset(in node: ExpressionNode) -> Int? {
        switch node {
        case .literal:
            return nil
        case .list(let items, _), .call(_, let items, _):
            for item in items { if let offset = firstAnswerOffset(in: item) { return offset } }
            return nil
        case .name(let name, let offset):
            if case .answer = name { return offset }
            return nil
        case .unary(_, let operand, _):
            return firstAnswerOffset(in: operand)
        case .binary(_, let left, let right, _):
            return firstAnswerOffset(in: left) ?? firstAnswerOffset(in: right)
        }
    }

    @inline(__always)
    private mutating func checkQuestion(_ question: Question, nodeID: String, nodeLocation: SourceLocation, _ environment: ScriptTypeEnvironment) {
        checkText(question.text, environment)
        // By position: binding each option or rule to a name copies all of it.
        let options = question.options
        for option in options.indices {
            checkText(options[option].label, environment)
            if let goto = options[option].goto {
                checkNodeReference(goto, at: options[option].gotoLocation ?? options[option].location, what: "goto node")
            }
        }
        if let message = question.message { checkText(message, environment) }
        let validate = question.validate
        for rule in validate.indices {
            checkExpression(validate[rule].require, expecting: .bool, environment)
            checkText(validate[rule].message, environment)
        }
        if let save = question.save { checkTarget(save, at: question.saveLocation ?? nodeLocation) }
        if let min = question.min, let max = question.max, min > max {
            report(.E013, "'min' (\(min)) is greater than 'max' (\(max))", at: question.minLocation ?? nodeLocation)
        }
        if question.type == .scale, question.min == nil || question.max == nil {
            report(.E013, "scale question '\(nodeID)' needs both 'min' and 'max'", at: question.minLocation ?? nodeLocation)
        }
        if let pattern = question.pattern {
            if !isValidPattern(pattern) {
                report(.E014, "'pattern' is not a valid regular expression: \(pattern)", at: question.patternLocation ?? nodeLocation)
            }
        }
    }

    /// Whether `pattern` compiles; each distinct pattern is compiled once
    /// (scripts repeat theirs, and compiling one with `\p{L}` builds a
    /// Unicode set).
    private mutating func isValidPattern(_ pattern: String) -> Bool {
        if let known = compiledPatterns[pattern] { return known }
        let valid = AnswerPattern.compile(pattern) != nil
        compiledPatterns[pattern] = valid
        return valid
    }

    private mutating func checkTarget(_ target: Target, at location: SourceLocation) {
        switch target {
        case .variable(let name):
            if script.variable(name) == nil {
                report(.E006, "'\(name)' is not a declared variable (declare it under 'variables')", at: location,
                       hint: Suggestions.hint(for: name, among: script.variables.map(\.name)))
            }
        case .card(let field):
            if !cardFields.contains(where: { $0.name == field }) {
                report(.E006, "'card.\(field)' is not a card field (declare it under 'card')", at: location,
                       hint: Suggestions.hint(for: field, among: cardFields.map(\.name)).map { $0.replacingOccurrences(of: "'", with: "'card.", options: [], range: $0.range(of: "'")) })
            }
        }
    }

    private mutating func checkExpression(_ located: LocatedExpression, expecting: ValueType?, _ environment: ScriptTypeEnvironment) {
        let (_, problems) = ExpressionTypeChecker.check(located.expression, expecting: expecting, in: environment)
        for problem in problems {
            report(problem.code, problem.message, at: located.location(ofOffset: problem.offset), hint: problem.hint)
        }
    }

    private mutating func checkText(_ text: LocalizedText, _ environment: ScriptTypeEnvironment) {
        text.forEachHole { expression, offset, position in
            let (_, problems) = ExpressionTypeChecker.check(expression, expecting: nil, in: environment)
            for problem in problems {
                report(problem.code, problem.message, at: position.location(ofOffset: offset + problem.offset), hint: problem.hint)
            }
        }
    }
}
