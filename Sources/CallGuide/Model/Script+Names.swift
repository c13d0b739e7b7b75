/// What a script reads from outside the call and refers to by id, for the
/// front-end to supply before the call starts (workflow, section 2.3).
extension Script {
    /// The NODE ids of the `last.NODE` names the script reads, sorted, each
    /// once: the CLI reads only these from the store and records them in
    /// the `start` event.
    public var lastNamesUsed: [String] {
        var names = Set<String>()
        forEachExpression { expression in
            for reference in expression.references { if case .last(let node) = reference.name { names.insert(node) } }
        }
        return names.sorted()
    }

    /// The script ids `task.script` and `transfer.script` name, with where
    /// they are written, in file order.
    public var scriptReferences: [(id: String, location: SourceLocation)] {
        var found: [(id: String, location: SourceLocation)] = []
        for node in nodes {
            if let task = node.task, let script = task.script { found.append((script, task.scriptLocation ?? task.location)) }
            if let transfer = node.transfer, let script = transfer.script {
                found.append((script, transfer.scriptLocation ?? transfer.groupLocation))
            }
        }
        return found
    }

    /// Calls `body` with every expression of the script, those inside
    /// texts included.
    func forEachExpression(_ body: (Expression) -> Void) {
        func text(_ text: LocalizedText?) {
            text?.forEachHole { expression, _, _ in body(expression) }
        }
        for node in nodes {
            if let when = node.when { body(when.expression) }
            if case .rules(let rules)? = node.next {
                for rule in rules { if let condition = rule.condition { body(condition.expression) } }
            }
            for assignment in node.set { body(assignment.value.expression) }
            text(node.hint)
            switch node.kind {
            case .say(let say): text(say)
            case .ask(let question):
                text(question.text)
                text(question.message)
                for option in question.options { text(option.label) }
                for rule in question.validate {
                    body(rule.require.expression)
                    text(rule.message)
                }
            case .offer(let offer): text(offer.text)
            case .end(_, _, let say): text(say)
            case .return, .silent: break
            case .flow(let call): for assignment in call.with { body(assignment.value.expression) }
            }
            if let task = node.task {
                if let due = task.due { body(due.expression) }
                if let to = task.to { body(to.expression) }
                text(task.note)
            }
        }
    }
}
