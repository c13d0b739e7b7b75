import Foundation

/// Tasks a call makes (workflow, sections 2.1, 2.2 and 2.5). They live in
/// the call's state, so `:back`, which recomputes the state from the
/// journal, undoes a task exactly as it undoes an answer.
extension CallSession {
    /// The tasks the call has made so far, in order.
    public var tasks: [CallTask] { state.tasks }

    /// Makes the `task:` of the node at `index`, which has just completed
    /// (answered, said, or a silent step; never when skipped). Its `set`
    /// has been applied, so the task reads what the node stored.
    mutating func makeTask(ofNodeAt index: Int, answer: Value, events: inout [CallEvent]) {
        guard let spec = script.nodes[index].task else { return }
        let id = script.nodes[index].id
        let scope = scope(answer)
        guard let dueExpression = spec.due else {
            events.append(.error(node: id, message: "the task of '\(id)' has no 'due': no task is made"))
            return
        }
        let dueValue: Value
        do {
            dueValue = try dueExpression.expression.evaluate(in: scope)
        } catch {
            events.append(.error(node: id, message: "\(error.message) in '\(dueExpression.expression.source)'; no task is made"))
            return
        }
        guard case .string(let due) = dueValue, LocalDateTime(dateOrDateTime: due) != nil else {
            let what = dueValue.isNull ? "null" : "'\(dueValue.displayText)', not a date or datetime"
            events.append(.error(node: id, message: "the task's 'due' (\(dueExpression.expression.source)) is \(what): no task is made"))
            return
        }
        var assignee: String?
        if let to = spec.to {
            do {
                switch try to.expression.evaluate(in: scope) {
                case .string(let name) where !name.trimmingCharacters(in: .whitespaces).isEmpty: assignee = name
                case .null, .string: break
                case let other:
                    events.append(.error(node: id, message: "the task's 'to' (\(to.expression.source)) is \(other.kindName), not an operator; it goes to \(context.operator)"))
                }
            } catch {
                events.append(.error(node: id, message: "\(error.message) in '\(to.expression.source)'; the task goes to \(context.operator)"))
            }
        }
        if assignee == nil, spec.group == nil { assignee = context.operator }
        let note = spec.note.map { render($0, nodeID: id, answer: answer, events: &events) }
        let task = CallTask(node: id, kind: spec.kind, due: due, assignee: assignee, group: assignee == nil ? spec.group : nil,
                            script: spec.script, note: note)
        state.tasks.append(task)
        events.append(.task(task))
        if isPast(due) {
            events.append(.warning(node: id, message: "the \(spec.kind.rawValue) is due \(due.replacingOccurrences(of: "T", with: " ")), before this call started; it is kept"))
        }
    }

    /// Whether `due` lies before the call's start: a whole day before
    /// today, a datetime before `now`.
    private func isPast(_ due: String) -> Bool {
        if CalendarDate(isoText: due) != nil { return due < context.today }
        return due < context.localStart
    }

    /// The `transfer:` of the `end` node at `index`: a `transfer` task for
    /// the group, due at the call's start (at once), carrying what the
    /// customer said.
    mutating func makeTransfer(ofNodeAt index: Int, events: inout [CallEvent]) {
        guard let transfer = script.nodes[index].transfer else { return }
        let lines = handover()
        let task = CallTask(
            node: script.nodes[index].id, kind: .transfer, due: context.localStart, assignee: nil, group: transfer.group,
            script: transfer.script ?? script.id, note: lines.isEmpty ? nil : lines.map(\.text).joined(separator: "\n"),
            handover: lines)
        state.tasks.append(task)
        events.append(.task(task))
    }

    /// The call's answers as "question: answer" lines in the words of this
    /// script (its texts in the call's language, an option by its label),
    /// then its notes. Skipped questions are left out.
    func handover() -> [HandoverLine] {
        var lines: [HandoverLine] = []
        var ignored: [CallEvent] = []
        for node in state.answerOrder where state.answered.contains(node) {
            guard let index = script.nodeIndex[node], let value = state.answers[node] else { continue }
            switch script.nodes[index].kind {
            case .ask(let question):
                let asked = render(question.text, nodeID: node, events: &ignored)
                lines.append(HandoverLine(question: asked, answer: shown(value, question, node: node)))
            case .offer(let offer):
                lines.append(HandoverLine(question: render(offer.text, nodeID: node, events: &ignored), answer: value.displayText))
            default:
                continue
            }
        }
        for note in notes { lines.append(HandoverLine(question: "note", answer: note)) }
        return lines
    }

    /// An answer as the operator reads it: options by their labels.
    private func shown(_ value: Value, _ question: Question, node: String) -> String {
        var ignored: [CallEvent] = []
        func label(_ key: Value) -> String {
            guard case .string(let key) = key, let option = question.option(key) else { return key.displayText }
            return render(option.label, nodeID: node, events: &ignored)
        }
        switch (question.type, value) {
        case (.choice, _): return label(value)
        case (.multi, .list(let keys)): return keys.map(label).joined(separator: ", ")
        case (.datetime, .string(let text)): return text.replacingOccurrences(of: "T", with: " ")
        default: return value.displayText
        }
    }

    /// The `end` event's version 1.1 fields (transcript, section 3).
    func endSummary(outcome: String) -> (converted: Bool, nps: Value, offers: [OfferRecord]) {
        let declared = script.outcomes.last { $0.name == outcome } ?? context.outcomes.last { $0.name == outcome }
        var nps = Value.null
        for node in state.answerOrder {
            guard let index = script.nodeIndex[node], script.nodes[index].question?.type == .nps,
                  let value = state.answers[node], !value.isNull else { continue }
            nps = value
            break
        }
        let offers = state.offersMade.map { node -> OfferRecord in
            var item: [ItemEntry] = []
            if let index = script.nodeIndex[node], case .offer(let offer) = script.nodes[index].kind {
                item = offer.item.map { ItemEntry(key: $0.key, value: $0.value) }
            }
            return OfferRecord(node: node, accepted: state.offersAccepted.contains(node), item: item)
        }
        return (declared?.converted ?? false, nps, offers)
    }
}
