/// Qualifies a module's names as its caller sees them: `nps` becomes
/// `closing.nps` in ids, gotos, targets, handler starts and every name an
/// expression or text reads (script language 9.1). `card.*`, `call.*`,
/// `last.*`, `task.*` and `answer` are the call's, not the module's, and
/// stay as written.
struct ModuleRenaming {
    let prefix: String

    init(alias: String) { prefix = alias + "." }

    func name(_ name: String) -> String { prefix + name }

    func target(_ target: Target) -> Target {
        if case .variable(let variable) = target { return .variable(name(variable)) }
        return target
    }

    func expression(_ expression: Expression) -> Expression {
        Expression(source: expression.source, root: node(expression.root), startOffset: expression.startOffset)
    }

    func located(_ located: LocatedExpression) -> LocatedExpression {
        LocatedExpression(expression: expression(located.expression), position: located.position)
    }

    func text(_ text: LocalizedText) -> LocalizedText {
        text.mapTemplates { template in
            Template(parts: template.parts.map { part in
                if case .expression(let inner, let offset) = part { return .expression(expression(inner), offset: offset) }
                return part
            })
        }
    }

    private func node(_ node: ExpressionNode) -> ExpressionNode {
        switch node {
        case .literal: return node
        case .list(let items, let offset): return .list(items.map(self.node), offset: offset)
        case .name(.plain(let id), let offset): return .name(.plain(name(id)), offset: offset)
        case .name: return node
        case .unary(let op, let operand, let offset): return .unary(op, self.node(operand), offset: offset)
        case .binary(let op, let left, let right, let offset): return .binary(op, self.node(left), self.node(right), offset: offset)
        case .call(let function, let arguments, let offset): return .call(function, arguments.map(self.node), offset: offset)
        }
    }

    func assignment(_ assignment: Assignment) -> Assignment {
        Assignment(target: target(assignment.target), targetLocation: assignment.targetLocation, value: located(assignment.value))
    }

    func next(_ next: Next?) -> Next? {
        switch next {
        case .node(let id, let location)?: return .node(name(id), location: location)
        case .rules(let rules)?:
            return .rules(rules.map { Rule(condition: $0.condition.map(located), goto: name($0.goto), gotoLocation: $0.gotoLocation, location: $0.location) })
        case nil: return nil
        }
    }

    /// The node under its qualified id, everything in it renamed.
    func node(_ original: Node) -> Node {
        let kind: NodeKind
        switch original.kind {
        case .say(let say): kind = .say(text(say))
        case .ask(var question):
            question.text = text(question.text)
            if let message = question.message { question.message = text(message) }
            if !question.options.isEmpty {
                question.options = question.options.map {
                    Option(key: $0.key, label: text($0.label), goto: $0.goto.map(name), gotoLocation: $0.gotoLocation, location: $0.location)
                }
            }
            if !question.validate.isEmpty {
                question.validate = question.validate.map { ValidationRule(require: located($0.require), message: text($0.message), soft: $0.soft) }
            }
            if let save = question.save { question.save = target(save) }
            kind = .ask(question)
        case .offer(var offer):
            offer.text = text(offer.text)
            offer.save = offer.save.map(target)
            kind = .offer(offer)
        case .end(let outcome, let location, let say): kind = .end(outcome: outcome, outcomeLocation: location, say: say.map(text))
        case .return: kind = .return
        case .silent: kind = .silent
        case .flow(var call):
            call.with = call.with.map(assignment)
            call.target = call.target.map(name)
            kind = .flow(call)
        }
        var task = original.task
        if var spec = task {
            spec.due = spec.due.map(located)
            spec.to = spec.to.map(located)
            spec.note = spec.note.map(text)
            task = spec
        }
        var renamed = Node(
            id: name(original.id), location: original.location, kind: kind, when: original.when.map(located),
            next: next(original.next), set: original.set.map(assignment), hint: original.hint.map(text),
            tags: original.tags, task: task, transfer: original.transfer)
        renamed.isPlaceholder = original.isPlaceholder
        return renamed
    }
}
