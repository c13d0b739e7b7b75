import Foundation

/// Decodes one node of `nodes` (script language, section 2).
struct NodeDecoder {
    static let kindKeys = ["say", "ask", "offer", "end", "return", "flow"]
    static let commonKeys = ["when", "next", "set", "hint", "tags", "task"]
    static let askKeys = ["ask", "type", "options", "min", "max", "pattern", "message", "optional", "validate", "save"]
    static let offerKeys = ["offer", "save", "optional", "item"]
    static let allKeys = Array(Set(kindKeys + commonKeys + askKeys + offerKeys + ["transfer", "with"])).sorted()
    static let optionKeys = ["label", "goto"]
    static let validateRuleKeys = ["require", "message", "soft"]
    static let nextRuleKeys = ["if", "goto"]

    /// `kindKeys` as fields, in the same order.
    static let kindFields: [(String, NodeFields.Key)] = [("say", .say), ("ask", .ask), ("offer", .offer), ("end", .end), ("return", .return), ("flow", .flow)]
    static let kindKeyBits = NodeFields.KeySet(kindFields.map(\.1))
    static let sayAndEndBits = NodeFields.KeySet([.say, .end])
    static let askKeySet = NodeFields.KeySet(names: askKeys + commonKeys)
    static let offerKeySet = NodeFields.KeySet(names: offerKeys + commonKeys)
    static let endKeySet = NodeFields.KeySet(names: ["end", "say", "transfer"] + commonKeys)
    static let sayKeySet = NodeFields.KeySet(names: ["say"] + commonKeys)
    static let returnKeySet = NodeFields.KeySet(names: ["return"] + commonKeys)
    static let silentKeySet = NodeFields.KeySet(names: commonKeys)
    static let flowKeySet = NodeFields.KeySet(names: ["flow", "with"] + commonKeys)

    /// The keys allowed on a node of this kind (nil: a silent step), as a bit
    /// set: the same keys as the `allowed` lists in `decode`.
    static func allowedKeySet(_ kind: NodeFields.Key?) -> NodeFields.KeySet {
        switch kind {
        case .ask?: return askKeySet
        case .offer?: return offerKeySet
        case .end?: return endKeySet
        case .say?: return sayKeySet
        case .return?: return returnKeySet
        case .flow?: return flowKeySet
        default: return silentKeySet
        }
    }

    mutating func decode(id: String, location: SourceLocation, _ node: YAMLNode, context: inout DecodingContext) -> Node? {
        guard let pairs = node.mapping else {
            context.report(.E005, "node '\(id)' must be a mapping with a kind key (say, ask, offer, end or return), not \(node.shapeName)", at: location)
            return placeholder(nil, nil, [], id, location)
        }
        var fields = NodeFields(pairs)
        // Misspelt keys are reported here, each once, and read as the key
        // meant, so that what follows from them is not reported again.
        var misspelt: [String] = []
        if !fields.allKnown {
            misspelt = Self.adoptMisspeltKeys(pairs, &fields, id: id, context: &context)
        }
        let present = fields.present
        // Kind keys as bits: this runs for every node, and arrays of names
        // would cost allocations each time.
        var kinds = present.intersection(Self.kindKeyBits)
        if kinds == Self.sayAndEndBits { kinds = NodeFields.KeySet([.end]) }
        if kinds.count > 1 {
            let names = Self.kindFields.filter { kinds.contains($0.1) }.map(\.0)
            context.report(.E005, "node '\(id)' has several kind keys (\(names.joined(separator: ", "))); a node is one of say, ask, offer, end or return (an end may also have say)", at: location)
            return placeholder(fields, id: id, location: location, context: &context)
        }
        // The one kind bit left, if any (kind keys are the lowest bits).
        let kind = kinds.count == 1 ? NodeFields.Key(rawValue: kinds.bits.trailingZeroBitCount) : nil
        let kindKey = kind?.name
        // Checking keys one by one only matters when one is not allowed.
        if !fields.onlyHasKeys(in: Self.allowedKeySet(kind)) {
            let allowed: [String]
            switch kindKey {
            case "ask": allowed = Self.askKeys + Self.commonKeys
            case "offer": allowed = Self.offerKeys + Self.commonKeys
            case "end": allowed = ["end", "say", "transfer"] + Self.commonKeys
            case "flow": allowed = ["flow", "with"] + Self.commonKeys
            case let key?: allowed = [key] + Self.commonKeys
            case nil: allowed = Self.commonKeys
            }
            let kindName = kindKey ?? "silent"
            context.checkKeys(pairs, allowed: allowed + misspelt, in: "node '\(id)'") { key in
                guard Self.allKeys.contains(key) else { return nil }
                return "'\(key)' does not belong on \(kindName == "silent" ? "a silent step" : "a '\(kindName)' node") ('\(id)')"
            }
        }
        if kindKey == nil, !present.contains(.when), !present.contains(.next), !present.contains(.set) {
            // An unknown key already said what is wrong with the node.
            if misspelt.isEmpty {
                context.report(.E005, "node '\(id)' has no kind: give it one of say, ask, offer, end or return (or next/set for a silent step)", at: location)
            }
            return placeholder(fields, id: id, location: location, context: &context)
        }

        // Every part is decoded into a local and the node is made once at
        // the end: filling in a `Node` field by field copied it (and its
        // question) several times over.
        let when = fields[.when].flatMap { context.expression($0, "'when'") }
        let next = fields[.next].flatMap { decodeNext($0, context: &context) }
        let set = fields[.set].map { decodeSet($0, context: &context) } ?? []
        let hint = fields[.hint].flatMap { context.localizedText($0, "the hint") }
        let tags = fields[.tags].map { context.identifierList($0, "'tags'") } ?? []
        let task = fields[.task].flatMap { TaskDecoding.decodeTask($0, nodeID: id, context: &context) }
        let transfer = kind == .end ? fields[.transfer].flatMap { TaskDecoding.decodeTransfer($0, context: &context) } : nil

        let nodeKind: NodeKind
        switch kind {
        case .say?:
            guard let text = context.localizedText(fields[.say]!, "the 'say' text") else { return placeholder(when, next, set, id, location) }
            nodeKind = .say(text)
        case .ask?:
            guard let question = decodeQuestion(fields, id: id, location: location, context: &context) else { return placeholder(when, next, set, id, location) }
            nodeKind = .ask(question)
        case .offer?:
            guard let offer = decodeOffer(fields, context: &context) else { return placeholder(when, next, set, id, location) }
            nodeKind = .offer(offer)
        case .end?:
            let outcomeNode = fields[.end]!
            guard let outcome = context.identifier(outcomeNode, "outcome") else { return placeholder(when, next, set, id, location) }
            let say = fields[.say].flatMap { context.localizedText($0, "the closing 'say' text") }
            nodeKind = .end(outcome: outcome, outcomeLocation: outcomeNode.start, say: say)
        case .return?:
            let value = fields[.return]!
            if let scalar = value.scalarIndex, value.storage.isTrue(scalar) {} else {
                context.report(.E002, "'return' must be true", at: value.start)
            }
            nodeKind = .return
        case .flow?:
            guard let call = decodeFlow(fields, context: &context) else { return placeholder(when, next, set, id, location) }
            nodeKind = .flow(call)
        default:
            nodeKind = .silent
        }
        return Node(id: id, location: location, kind: nodeKind, when: when, next: next, set: set, hint: hint, tags: tags,
                    task: task, transfer: transfer)
    }

    /// The keys of `pairs` that are no key of a node: each is reported
    /// (E003) with the nearest key as "did you mean", and read as that key
    /// when the node lacks it. A node without a kind compares with the kind
    /// keys first (`sey` is `say` there, not `set`); others with the keys
    /// their kind allows. Returns the misspelt keys, reported.
    private static func adoptMisspeltKeys(
        _ pairs: YAMLMapping, _ fields: inout NodeFields, id: String, context: inout DecodingContext
    ) -> [String] {
        var misspelt: [String] = []
        var previous: YAMLPair?
        for pair in pairs {
            defer { previous = pair }
            guard let key = pair.key.scalarText, !key.isToolKey, NodeFields.Key(key) == nil else { continue }
            let kinds = fields.present.intersection(kindKeyBits)
            let kindKey = kinds.count == 1 ? NodeFields.Key(rawValue: kinds.bits.trailingZeroBitCount)?.name : nil
            let candidates: [String]
            switch kindKey {
            case nil: candidates = kindKeys + commonKeys
            case "ask": candidates = askKeys + commonKeys
            case "offer": candidates = offerKeys + commonKeys
            case "end": candidates = ["end", "say"] + commonKeys
            case "flow": candidates = ["flow", "with"] + commonKeys
            case let kind?: candidates = [kind] + commonKeys
            }
            misspelt.append(key)
            let meant = Suggestions.closest(to: key, among: candidates)
            if let meant, let meantKey = NodeFields.Key(meant), !fields.has(meantKey) {
                fields.adopt(meantKey, pair.value)
            }
            let message = kindKey == nil && meant == nil
                ? "unknown key '\(key)' in node '\(id)', which has no kind (say, ask, offer, end or return)"
                : "unknown key '\(key)' in node '\(id)'"
            context.report(.E003, message, at: pair.key.start, length: DecodingContext.plainWidth(pair.key), hint: meant.map { "did you mean '\($0)'?" } ?? DecodingContext.flowCommaHint(pair, after: previous))
        }
        return misspelt
    }

    /// A stand-in for a node whose kind could not be decoded (already
    /// reported): a silent step with its `when`, `next` and `set`.
    private func placeholder(_ fields: NodeFields, id: String, location: SourceLocation, context: inout DecodingContext) -> Node {
        let when = fields[.when].flatMap { context.expression($0, "'when'") }
        let next = fields[.next].flatMap { decodeNext($0, context: &context) }
        let set = fields[.set].map { decodeSet($0, context: &context) } ?? []
        return placeholder(when, next, set, id, location)
    }

    private func placeholder(_ when: LocatedExpression?, _ next: Next?, _ set: [Assignment], _ id: String, _ location: SourceLocation) -> Node {
        var node = Node(id: id, location: location, kind: .silent, when: when, next: next, set: set)
        node.isPlaceholder = true
        return node
    }

    /// `flow: ALIAS` or `flow: ALIAS.NODE`, with `with: {VAR: EXPR}`
    /// (script language 9.1). The alias and node are checked against the
    /// modules when the script is linked.
    private func decodeFlow(_ fields: NodeFields, context: inout DecodingContext) -> FlowCall? {
        let flowNode = fields[.flow]!
        guard let text = context.text(flowNode, "the flow") else { return nil }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy(Identifier.isValid) else {
            context.report(.E002, "'flow' names a module: write 'flow: ALIAS' or 'flow: ALIAS.NODE', not '\(text)'", at: flowNode.start)
            return nil
        }
        var with: [Assignment] = []
        if let withNode = fields[.with] {
            with = decodeSet(withNode, context: &context)
        }
        return FlowCall(alias: parts[0], node: parts.count > 1 ? parts[1] : nil, location: flowNode.start, with: with)
    }

    /// `optional` and `save`, which questions and offers share.
    private static func decodeOptional(_ fields: NodeFields, context: inout DecodingContext) -> Bool {
        fields[.optional].map { context.bool($0, "'optional'") ?? false } ?? false
    }

    private static func decodeSave(_ fields: NodeFields, context: inout DecodingContext) -> (Target?, SourceLocation?) {
        guard let saveNode = fields[.save] else { return (nil, nil) }
        return (context.target(saveNode, "'save'"), saveNode.start)
    }

    private func decodeOffer(_ fields: NodeFields, context: inout DecodingContext) -> Offer? {
        guard let text = context.localizedText(fields[.offer]!, "the offer text") else { return nil }
        let optional = Self.decodeOptional(fields, context: &context)
        let (save, saveLocation) = Self.decodeSave(fields, context: &context)
        let item = fields[.item].map { decodeItem($0, context: &context) } ?? []
        var offer = Offer(text: text, item: item, optional: optional, save: save)
        offer.saveLocation = saveLocation
        return offer
    }

    private func decodeQuestion(_ fields: NodeFields, id: String, location: SourceLocation, context: inout DecodingContext) -> Question? {
        guard let text = context.localizedText(fields[.ask]!, "the question text") else { return nil }
        // Parts go into locals and the question is made once (see `decode`).
        var type = AnswerType.text
        if let typeNode = fields[.type], let typeName = context.text(typeNode, "the question type") {
            if let known = AnswerType(rawValue: typeName) {
                type = known
            } else {
                context.report(.E002, "unknown question type '\(typeName)'", at: typeNode.start,
                               hint: Suggestions.hint(for: typeName, among: AnswerType.allCases.map(\.rawValue)))
            }
        }
        let takesOptions = type == .choice || type == .multi
        var options: [Option] = []
        if let optionsNode = fields[.options] {
            options = decodeOptions(optionsNode, multi: type == .multi, context: &context)
            if !takesOptions {
                context.report(.E002, "'options' belong on choice and multi questions, not on '\(type.rawValue)'", at: optionsNode.start)
            }
        } else if takesOptions {
            context.report(.E012, "\(type.rawValue) question '\(id)' needs 'options'", at: location)
        }
        let minNode = fields[.min], maxNode = fields[.max]
        let min = minNode.flatMap { context.number($0, "'min'") }
        let max = maxNode.flatMap { context.number($0, "'max'") }
        if let bound = minNode ?? maxNode, type != .number, type != .integer, type != .scale {
            context.report(.E002, "'min' and 'max' belong on number, integer and scale questions", at: bound.start)
        }
        var pattern: String?
        var patternLocation: SourceLocation?
        if let patternNode = fields[.pattern] {
            pattern = context.text(patternNode, "'pattern'")
            patternLocation = patternNode.start
            if type != .text {
                context.report(.E002, "'pattern' belongs on text questions", at: patternNode.start)
            }
        }
        let message = fields[.message].flatMap { context.localizedText($0, "'message'") }
        let optional = Self.decodeOptional(fields, context: &context)
        let (save, saveLocation) = Self.decodeSave(fields, context: &context)
        let validate = fields[.validate].map { decodeValidate($0, context: &context) } ?? []
        return Question(
            text: text, type: type, options: options, min: min, max: max, minLocation: minNode?.start,
            pattern: pattern, patternLocation: patternLocation, message: message, optional: optional,
            validate: validate, save: save, saveLocation: saveLocation)
    }

    private func decodeOptions(_ node: YAMLNode, multi: Bool, context: inout DecodingContext) -> [Option] {
        var options: [Option] = []
        // Duplicates are found by a scan while the list is short (nearly
        // always), by a dictionary beyond that.
        var seen: [String: SourceLocation]?
        func add(_ option: Option) {
            var first: SourceLocation?
            if let seen {
                first = seen[option.key]
            } else {
                first = options.first { $0.key == option.key }?.location
            }
            if let first {
                context.report(.E012, "duplicate option key '\(option.key)' (first at line \(first.line))", at: option.location)
                return
            }
            if seen != nil {
                seen![option.key] = option.location
            } else if options.count == 16 {
                var index: [String: SourceLocation] = [:]
                for earlier in options where index[earlier.key] == nil { index[earlier.key] = earlier.location }
                index[option.key] = option.location
                seen = index
            }
            options.append(option)
        }
        if let items = node.sequence {
            options.reserveCapacity(items.count)
            for item in items {
                guard let key = context.identifier(item, "option key") else { continue }
                let label = LocalizedText(template: Template(plainText: key), position: DecodingContext.position(of: item))
                add(Option(key: key, label: label, location: item.start))
            }
            if items.isEmpty { context.report(.E012, "'options' is empty", at: node.start) }
        } else if let mapping = node.mapping {
            let pairs = DecodingContext.withoutToolKeys(mapping)
            options.reserveCapacity(pairs.count)
            var previous: YAMLPair?
            for pair in pairs {
                defer { previous = pair }
                guard let key = context.identifier(pair.key, "option key", hint: DecodingContext.flowCommaHint(pair, after: previous)) else { continue }
                let value = pair.value
                let labelNode = value["label"], gotoNode = value["goto"]
                let label: LocalizedText
                var goto: String?
                if let fields = value.mapping, labelNode != nil || gotoNode != nil {
                    context.checkKeys(fields, allowed: Self.optionKeys, in: "option '\(key)'")
                    if let labelNode, let text = context.localizedText(labelNode, "the option label") {
                        label = text
                    } else {
                        label = LocalizedText(template: Template(plainText: key), position: DecodingContext.position(of: pair.key))
                    }
                    if let gotoNode {
                        goto = context.identifier(gotoNode, "goto node id")
                        if multi {
                            context.report(.E012, "'goto' on an option of a multi question: several options can be chosen at once, so use 'next' rules instead", at: gotoNode.start)
                        }
                    }
                } else {
                    label = context.localizedText(value, "the option label") ?? LocalizedText(variants: [], location: value.start)
                }
                add(Option(key: key, label: label, goto: goto, gotoLocation: gotoNode?.start, location: pair.key.start))
            }
            if options.isEmpty, mapping.isEmpty { context.report(.E012, "'options' is empty", at: node.start) }
        } else {
            context.report(.E002, "'options' must be a mapping key -> label or a list of keys", at: node.start)
            return []
        }
        return options
    }

    private func decodeValidate(_ node: YAMLNode, context: inout DecodingContext) -> [ValidationRule] {
        guard let items = node.sequence else {
            context.report(.E002, "'validate' must be a list of {require, message, soft}", at: node.start)
            return []
        }
        var rules: [ValidationRule] = []
        rules.reserveCapacity(items.count)
        for item in items {
            guard let fields = context.mapping(item, "a validate rule") else { continue }
            context.checkKeys(fields, allowed: Self.validateRuleKeys, in: "the validate rule")
            guard let requireNode = item["require"] else {
                context.report(.E002, "a validate rule needs 'require'", at: item.start)
                continue
            }
            guard let require = context.expression(requireNode, "'require'") else { continue }
            let message = item["message"].flatMap { context.localizedText($0, "the message") }
                ?? LocalizedText(.init(language: nil, template: Template(plainText: "the answer breaks the rule '\(require.expression.source)'"), position: require.position), location: requireNode.start)
            let soft = item["soft"].flatMap { context.bool($0, "'soft'") } ?? false
            rules.append(ValidationRule(require: require, message: message, soft: soft))
        }
        return rules
    }

    private func decodeNext(_ node: YAMLNode, context: inout DecodingContext) -> Next? {
        if node.scalarIndex != nil {
            guard let id = context.identifier(node, "next node id") else { return nil }
            return .node(id, location: node.start)
        }
        guard let items = node.sequence else {
            context.report(.E002, "'next' must be a node id or a list of {if, goto} rules", at: node.start)
            return nil
        }
        var rules: [Rule] = []
        rules.reserveCapacity(items.count)
        for item in items {
            guard let fields = context.mapping(item, "a next rule") else { continue }
            context.checkKeys(fields, allowed: Self.nextRuleKeys, in: "the next rule")
            guard let gotoNode = item["goto"] else {
                context.report(.E002, "a next rule needs 'goto'", at: item.start)
                continue
            }
            let ifNode = item["if"]
            let condition = ifNode.flatMap { context.expression($0, "'if'") }
            if ifNode != nil, condition == nil { continue }
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
        var assignments: [Assignment] = []
        assignments.reserveCapacity(pairs.count)
        for pair in pairs {
            guard let target = context.target(pair.key, "a 'set' target"),
                  let value = context.expression(pair.value, "the value of '\(target)'") else { continue }
            assignments.append(Assignment(target: target, targetLocation: pair.key.start, value: value))
        }
        return assignments
    }

    private func decodeItem(_ node: YAMLNode, context: inout DecodingContext) -> [(key: String, value: Value)] {
        guard let pairs = context.mapping(node, "'item'") else { return [] }
        var entries: [(key: String, value: Value)] = []
        entries.reserveCapacity(pairs.count)
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
