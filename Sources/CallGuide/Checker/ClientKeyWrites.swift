/// W106: a script writes `card.phone` or `card.id`, the keys a client's
/// card is found by, from a question that is not marked as the client's
/// own number (issue 16). A courier's or a relative's number saved there
/// makes the client's next call, from their own phone, start a new card.
///
/// The writing node (or, for `set`, every question the value reads)
/// silences it with `tags: [client_phone]` (`client_id` for `card.id`):
/// the trainer states that this is the client's own number or id.
enum ClientKeyWrites {
    /// The card fields a call must not overwrite by accident, and the tag
    /// that says a write is meant.
    static let keys: [String: String] = ["phone": "client_phone", "id": "client_id"]

    static func check(_ script: Script) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let nodes = script.nodes
        for index in nodes.indices {
            let id = nodes[index].id
            let tags = nodes[index].tags
            var save: (Target, SourceLocation)?
            switch nodes[index].kind {
            case .ask(let question):
                if let target = question.save { save = (target, question.saveLocation ?? nodes[index].location) }
            case .offer(let offer):
                if let target = offer.save { save = (target, offer.saveLocation ?? nodes[index].location) }
            default:
                break
            }
            if let (target, location) = save, case .card(let field) = target, let tag = keys[field], !tags.contains(tag) {
                diagnostics.append(warning(field: field, tag: tag, source: "the answer to '\(id)'", at: location))
            }
            let set = nodes[index].set
            for assignment in set.indices {
                guard case .card(let field) = set[assignment].target, let tag = keys[field], !tags.contains(tag) else { continue }
                let questions = readQuestions(set[assignment].value.expression, node: id, script)
                if !questions.isEmpty, questions.allSatisfy({ script.node($0)?.tags.contains(tag) == true }) { continue }
                let source = questions.isEmpty ? "'\(set[assignment].value.expression.source)'"
                    : questions.map { "'\($0)'" }.joined(separator: ", ")
                diagnostics.append(warning(field: field, tag: tag, source: source, at: set[assignment].targetLocation))
            }
        }
        return diagnostics
    }

    /// The questions (and offers) whose answers an expression reads;
    /// `answer` is the answer of `node`, the one the `set` belongs to.
    private static func readQuestions(_ expression: Expression, node current: String, _ script: Script) -> [String] {
        var names: [String] = []
        for reference in expression.references {
            let name: String
            switch reference.name {
            case .plain(let plain): name = plain
            case .answer: name = current
            default: continue
            }
            guard let node = script.node(name), !names.contains(name) else { continue }
            switch node.kind {
            case .ask, .offer: names.append(name)
            default: continue
            }
        }
        return names
    }

    private static func warning(field: String, tag: String, source: String, at location: SourceLocation) -> Diagnostic {
        let why = field == "phone"
            ? "the card is found by the client's phone, so another number here (a courier's, a relative's) makes the client's next call start a new card"
            : "the card's id is its key, so a call must not change it by accident"
        return Diagnostic(
            .W106, "card.\(field) is written from \(source), which is not marked as the client's own: \(why)", at: location,
            hint: "save it to a field of its own (e.g. card.\(field == "phone" ? "delivery_phone" : "order_id")), or tag the question 'tags: [\(tag)]' if it is the client's own")
    }
}
