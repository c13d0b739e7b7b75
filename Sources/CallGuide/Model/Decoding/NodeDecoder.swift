import Foundation

/// Decodes one node of `nodes` (script language, section 2).
struct NodeDecoder {
    static let kindKeys = ["say", "ask", "offer", "end", "return"]
    static let commonKeys = ["when", "next", "set", "hint", "tags"]
    static let askKeys = ["ask", "type", "options", "min", "max", "pattern", "message", "optional", "validate", "save"]
    static let offerKeys = ["offer", "save", "optional", "item"]
    static let allKeys = Array(Set(kindKeys + commonKeys + askKeys + offerKeys)).sorted()

    /// `kindKeys` as fields, in the same order.
    static let kindFields: [(String, NodeFields.Key)] = [("say", .say), ("ask", .ask), ("offer", .offer), ("end", .end), ("return", .return)]
    static let kindKeyBits = NodeFields.KeySet(kindFields.map(\.1))
    static let sayAndEndBits = NodeFields.KeySet([.say, .end])
    static let askKeySet = NodeFields.KeySet(names: askKeys + commonKeys)
    static let offerKeySet = NodeFields.KeySet(names: offerKeys + commonKeys)
    static let endKeySet = NodeFields.KeySet(names: ["end", "say"] + commonKeys)
    static let sayKeySet = NodeFields.KeySet(names: ["say"] + commonKeys)
    static let returnKeySet = NodeFields.KeySet(names: ["return"] + commonKeys)
    static let silentKeySet = NodeFields.KeySet(names: commonKeys)

    /// The keys allowed on a node of this kind (nil: a silent step), as a bit
    /// set: the same keys as the `allowed` lists in `decode`.
    static func allowedKeySet(_ kindKey: String?) -> NodeFields.KeySet {
        switch kindKey {
        case "ask": return askKeySet
        case "offer": return offerKeySet
        case "end": return endKeySet
        case "say": return sayKeySet
        case "return": return returnKeySet
        default: return silentKeySet
        }
    }

    mutating func decode(id: String, location: SourceLocation, _ node: YAMLNode, context: inout DecodingContext) -> Node? {
        guard let pairs = node.mapping else {
            context.report(.E005, "node '\(id)' must be a mapping with a kind key (say, ask, offer, end or return), not \(node.shapeName)", at: location)
            return nil
        }
        let fields = NodeFields(pairs)
        let present = fields.present
        // Kind keys as bits: this runs for every node, and arrays of names
        // would cost allocations each time.
        var kinds = present.intersection(Self.kindKeyBits)
        if kinds == Self.sayAndEndBits { kinds = NodeFields.KeySet([.end]) }
        if kinds.count > 1 {
            let names = Self.kindFields.filter { kinds.contains($0.1) }.map(\.0)
            context.report(.E005, "node '\(id)' has several kind keys (\(names.joined(separator: ", "))); a node is one of say, ask, offer, end or return (an end may also have say)", at: location)
            return nil
        }
        let kindKey = Self.kindFields.first { kinds.contains($0.1) }?.0
        // Checking keys one by one only matters when one is not allowed.
        if !fields.onlyHasKeys(in: Self.allowedKeySet(kindKey)) {
            let allowed: [String]
            switch kindKey {
            case "ask": allowed = Self.askKeys + Self.commonKeys
            case "offer": allowed = Self.offerKeys + Self.commonKeys
            case "end": allowed = ["end", "say"] + Self.commonKeys
            case let key?: allowed = [key] + Self.commonKeys
            case nil: allowed = Self.commonKeys
            }
            let kindName = kindKey ?? "silent"
            context.checkKeys(pairs, allowed: allowed, in: "node '\(id)'") { key in
                guard Self.allKeys.contains(key) else { return nil }
                return "'\(key)' does not belong on \(kindName == "silent" ? "a silent step" : "a '\(kindName)' node") ('\(id)')"
            }
        }
        if kindKey == nil, !present.contains(.when), !present.contains(.next), !present.contains(.set) {
            context.report(.E005, "node '\(id)' has no kind: give it one of say, ask, offer, end or return (or next/set for a silent step)", at: location)
            return nil
        }

        var result = Node(id: id, location: location, kind: .silent)
        if let when = fields[.when] { result.when = context.expression(when, "'when'") }
        if let next = fields[.next] { result.next = decodeNext(next, context: &context) }
        if let set = fields[.set] { result.set = decodeSet(set, context: &context) }
        if let hint = fields[.hint] { result.hint = context.localizedText(hint, "the hint") }
        if let tags = fields[.tags] { result.tags = context.identifierList(tags, "'tags'") }

        switch kindKey {
        case "say":
            guard let text = context.localizedText(fields[.say]!, "the 'say' text") else { return nil }
            result.kind = .say(text)
        case "ask":
            guard let question = decodeQuestion(fields, id: id, location: location, context: &context) else { return nil }
            result.kind = .ask(question)
        case "offer":
            guard let text = context.localizedText(fields[.offer]!, "the offer text") else { return nil }
            var offer = Offer(text: text)
            if let optional = fields[.optional] { offer.optional = context.bool(optional, "'optional'") ?? false }
            if let save = fields[.save] {
                offer.save = context.target(save, "'save'")
                offer.saveLocation = save.start
            }
            if let item = fields[.item] { offer.item = decodeItem(item, context: &context) }
            result.kind = .offer(offer)
        case "end":
            let outcomeNode = fields[.end]!
            guard let outcome = context.identifier(outcomeNode, "outcome") else { return nil }
            let say = fields[.say].flatMap { context.localizedText($0, "the closing 'say' text") }
            result.kind = .end(outcome: outcome, outcomeLocation: outcomeNode.start, say: say)
        case "return":
            let value = fields[.`return`]!
            if case .bool(true)? = value.scalar?.resolved {} else {
                context.report(.E002, "'return' must be true", at: value.start)
            }
            result.kind = .return
        default:
            break
        }
        return result
    }

    private func decodeQuestion(_ fields: NodeFields, id: String, location: SourceLocation, context: inout DecodingContext) -> Question? {
        guard let text = context.localizedText(fields[.ask]!, "the question text") else { return nil }
        var question = Question(text: text)
        if let typeNode = fields[.type], let typeName = context.text(typeNode, "the question type") {
            if let type = AnswerType(rawValue: typeName) {
                question.type = type
            } else {
                context.report(.E002, "unknown question type '\(typeName)'", at: typeNode.start,
                               hint: Suggestions.hint(for: typeName, among: AnswerType.allCases.map(\.rawValue)))
            }
        }
        if let options = fields[.options] {
            question.options = decodeOptions(options, multi: question.type == .multi, context: &context)
            if ![.choice, .multi].contains(question.type) {
                context.report(.E002, "'options' belong on choice and multi questions, not on '\(question.type.rawValue)'", at: options.start)
            }
        } else if [.choice, .multi].contains(question.type) {
            context.report(.E012, "\(question.type.rawValue) question '\(id)' needs 'options'", at: location)
        }
        if let minNode = fields[.min] {
            question.min = context.number(minNode, "'min'")
            question.minLocation = minNode.start
        }
        if let maxNode = fields[.max] { question.max = context.number(maxNode, "'max'") }
        if fields[.min] != nil || fields[.max] != nil, ![.number, .integer, .scale].contains(question.type) {
            context.report(.E002, "'min' and 'max' belong on number, integer and scale questions", at: (fields[.min] ?? fields[.max])!.start)
        }
        if let patternNode = fields[.pattern] {
            question.pattern = context.text(patternNode, "'pattern'")
            question.patternLocation = patternNode.start
            if question.type != .text {
                context.report(.E002, "'pattern' belongs on text questions", at: patternNode.start)
            }
        }
        if let message = fields[.message] { question.message = context.localizedText(message, "'message'") }
        if let optional = fields[.optional] { question.optional = context.bool(optional, "'optional'") ?? false }
        if let save = fields[.save] {
            question.save = context.target(save, "'save'")
            question.saveLocation = save.start
        }
        if let validate = fields[.validate] { question.validate = decodeValidate(validate, context: &context) }
        return question
    }

    private func decodeOptions(_ node: YAMLNode, multi: Bool, context: inout DecodingContext) -> [Option] {
        var options: [Option] = []
        var seen: [String: SourceLocation] = [:]
        func add(_ option: Option) {
            if let first = seen[option.key] {
                context.report(.E012, "duplicate option key '\(option.key)' (first at line \(first.line))", at: option.location)
                return
            }
            seen[option.key] = option.location
            options.append(option)
        }
        if let items = node.sequence {
            for item in items {
                guard let key = context.identifier(item, "option key") else { continue }
                let label = LocalizedText(variants: [.init(language: nil, template: Template(parts: [.literal(key)]), position: DecodingContext.position(of: item))], location: item.start)
                add(Option(key: key, label: label, location: item.start))
            }
        } else if let pairs = node.mapping.map(DecodingContext.withoutToolKeys) {
            for pair in pairs {
                guard let key = context.identifier(pair.key, "option key") else { continue }
                var option = Option(key: key, label: LocalizedText(variants: [], location: pair.value.start), location: pair.key.start)
                if let fields = pair.value.mapping, pair.value["label"] != nil || pair.value["goto"] != nil {
                    context.checkKeys(fields, allowed: ["label", "goto"], in: "option '\(key)'")
                    if let labelNode = pair.value["label"], let label = context.localizedText(labelNode, "the option label") {
                        option.label = label
                    } else {
                        option.label = LocalizedText(variants: [.init(language: nil, template: Template(parts: [.literal(key)]), position: DecodingContext.position(of: pair.key))], location: pair.key.start)
                    }
                    if let gotoNode = pair.value["goto"] {
                        option.goto = context.identifier(gotoNode, "goto node id")
                        option.gotoLocation = gotoNode.start
                        if multi {
                            context.report(.E012, "'goto' on an option of a multi question: several options can be chosen at once, so use 'next' rules instead", at: gotoNode.start)
                        }
                    }
                } else if let label = context.localizedText(pair.value, "the option label") {
                    option.label = label
                }
                add(option)
            }
        } else {
            context.report(.E002, "'options' must be a mapping key -> label or a list of keys", at: node.start)
            return []
        }
        if options.isEmpty, node.sequence?.isEmpty == true || node.mapping?.isEmpty == true {
            context.report(.E012, "'options' is empty", at: node.start)
        }
        return options
    }

    private func decodeValidate(_ node: YAMLNode, context: inout DecodingContext) -> [ValidationRule] {
        guard let items = node.sequence else {
            context.report(.E002, "'validate' must be a list of {require, message, soft}", at: node.start)
            return []
        }
        var rules: [ValidationRule] = []
        for item in items {
            guard let fields = context.mapping(item, "a validate rule") else { continue }
            context.checkKeys(fields, allowed: ["require", "message", "soft"], in: "the validate rule")
            guard let requireNode = item["require"] else {
                context.report(.E002, "a validate rule needs 'require'", at: item.start)
                continue
            }
            guard let require = context.expression(requireNode, "'require'") else { continue }
            let message = item["message"].flatMap { context.localizedText($0, "the message") }
                ?? LocalizedText(variants: [.init(language: nil, template: Template(parts: [.literal("the answer breaks the rule '\(require.expression.source)'")]), position: require.position)], location: requireNode.start)
            let soft = item["soft"].flatMap { context.bool($0, "'soft'") } ?? false
            rules.append(ValidationRule(require: require, message: message, soft: soft))
        }
        return rules
    }

    private func decodeNext(_ node: YAMLNode, context: inout DecodingContext) -> Next? {
        if node.scalar != nil {
            guard let id = context.identifier(node, "next node id") else { return nil }
            return .node(id, location: node.start)
        }
        guard let items = node.sequence else {
            context.report(.E002, "'next' must be a node id or a list of {if, goto} rules", at: node.start)
            return nil
        }
        var rules: [Rule] = []
        for item in items {
            guard let fields = context.mapping(item, "a next rule") else { continue }
            context.checkKeys(fields, allowed: ["if", "goto"], in: "the next rule")
            guard let gotoNode = item["goto"] else {
                context.report(.E002, "a next rule needs 'goto'", at: item.start)
                continue
            }
            let condition = item["if"].flatMap { context.expression($0, "'if'") }
            if item["if"] != nil, condition == nil { continue }
            guard let goto = context.identifier(gotoNode, "goto node id") else { continue }
            rules.append(Rule(condition: condition, goto: goto, gotoLocation: gotoNode.start, location: item.start))
        }
        if items.isEmpty {
            context.report(.E002, "'next' is an empty list of rules", at: node.start)
        }
        return .rules(rules)
    }

    private func decodeSet(_ node: YAMLNode, context: inout DecodingContext) -> [Assignment] {
        guard let pairs = context.mapping(node, "'set'") else { return [] }
        return pairs.compactMap { pair in
            guard let target = context.target(pair.key, "a 'set' target"),
                  let value = context.expression(pair.value, "the value of '\(target)'") else { return nil }
            return Assignment(target: target, targetLocation: pair.key.start, value: value)
        }
    }

    private func decodeItem(_ node: YAMLNode, context: inout DecodingContext) -> [(key: String, value: Value)] {
        guard let pairs = context.mapping(node, "'item'") else { return [] }
        var entries: [(key: String, value: Value)] = []
        for pair in pairs {
            guard let key = context.text(pair.key, "an item key"),
                  let value = context.value(pair.value, "item '\(key)'") else { continue }
            if key == "price", case .number = value {} else if key == "price" {
                context.report(.E002, "the item's price must be a number", at: pair.value.start)
                continue
            }
            entries.append((key, value))
        }
        return entries
    }
}
