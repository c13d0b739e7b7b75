import Foundation

/// Shared state and helpers for turning a YAML tree into the typed model:
/// collects every problem instead of stopping at the first one.
struct DecodingContext {
    var diagnostics: [Diagnostic] = []

    mutating func report(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, length: Int? = nil, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: location, length: length, hint: hint))
    }

    /// The width of a plain scalar on one line, to underline all of it
    /// (a key with spaces is more than the renderer's one word).
    static func plainWidth(_ node: YAMLNode) -> Int? {
        guard let scalar = node.scalar, scalar.style == .plain, node.start.line == node.end.line else { return nil }
        return scalar.text.count
    }

    /// The pairs of a mapping, or an E002 saying what was expected. Keys
    /// beginning with `x-` are left out: they are room for tools anywhere,
    /// also where keys are names (nodes, variables, options...).
    mutating func mapping(_ node: YAMLNode, _ what: String) -> YAMLMapping? {
        if let pairs = node.mapping { return Self.withoutToolKeys(pairs) }
        report(.E002, "\(what) must be a mapping, not \(node.shapeName)", at: node.start)
        return nil
    }

    static func withoutToolKeys(_ pairs: YAMLMapping) -> YAMLMapping {
        guard pairs.hasToolKey() else { return pairs }
        return pairs.pairs { $0.key.scalarText?.isToolKey != true }
    }

    /// Reports keys that are not in `allowed` (E003 with a suggestion);
    /// keys beginning with `x-` are room for tools and ignored. `what` is
    /// made only for a report: most mappings have no unknown key.
    mutating func checkKeys(
        _ pairs: YAMLMapping, allowed: [String], in what: @autoclosure () -> String,
        explain: (String) -> String? = { _ in nil }
    ) {
        var previous: YAMLPair?
        for pair in pairs {
            defer { previous = pair }
            guard let key = pair.key.scalarText else {
                report(.E002, "a key in \(what()) must be a plain name", at: pair.key.start)
                continue
            }
            if key.isToolKey || allowed.contains(key) { continue }
            if let explanation = explain(key) {
                report(.E003, explanation, at: pair.key.start)
            } else {
                report(.E003, "unknown key '\(key)' in \(what())", at: pair.key.start, length: Self.plainWidth(pair.key),
                       hint: Suggestions.hint(for: key, among: allowed) ?? Self.flowCommaHint(pair, after: previous))
            }
        }
    }

    /// A scalar read as its source text (names, texts, ids).
    mutating func text(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        filledScalar(node, what(), shape: "a text").map { node.storage.scalars[$0].text }
    }

    /// The node's scalar index when it is a scalar with something written
    /// in it; otherwise an E002 saying it must be `shape`, or is empty.
    private mutating func filledScalar(_ node: YAMLNode, _ what: @autoclosure () -> String, shape: String) -> Int? {
        guard let scalar = node.scalarIndex else {
            report(.E002, "\(what()) must be \(shape), not \(node.shapeName)", at: node.start)
            return nil
        }
        if node.storage.isPlainNull(scalar) {
            report(.E002, "\(what()) is empty", at: node.start)
            return nil
        }
        return scalar
    }

    /// The kinds of identifier that expressions read by name, and so may
    /// not be `last`, `task` or `calls`.
    static let namesReadByExpressions: Set<String> = ["node id", "variable name", "card field name"]

    /// A hint for a key that is the tail of a text cut at an unquoted comma
    /// in a flow mapping (`{yes: Yes, wants to buy now}`): a plain key with
    /// a space and no value, on the line where the pair before it ends (a
    /// block mapping has one pair per line).
    static func flowCommaHint(_ pair: YAMLPair, after previous: YAMLPair?) -> String? {
        guard let previous, let before = previous.value.scalar, previous.value.end.line == pair.key.start.line,
              let key = pair.key.scalar, key.style == .plain, key.text.contains(" "),
              let value = pair.value.scalar, value.style == .plain, case .null = value.resolved, value.text.isEmpty else { return nil }
        return "a comma separates entries in { }: if this is the rest of the text before it, quote the whole text: \"\(before.text), \(key.text)\""
    }

    /// An identifier (section 1.1): reports malformed and reserved names.
    /// `hint` goes with a malformed one.
    mutating func identifier(_ node: YAMLNode, _ what: @autoclosure () -> String, hint: String? = nil) -> String? {
        guard let name = text(node, what()) else { return nil }
        if !Identifier.isValid(name) {
            report(.E002, "'\(name)' is not a valid \(what()): use a letter or '_', then letters, digits or '_'", at: node.start, length: Self.plainWidth(node), hint: hint)
            return nil
        }
        if Identifier.isReserved(name) {
            let named = what()
            let article = named.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            report(.E002, "'\(name)' is a reserved word and cannot be \(article) \(named)", at: node.start)
            return nil
        }
        if QualifiedName.reservedNames.contains(name) {
            // Version 1.1 reads `last.NODE`, `task.FIELD` and `card.calls`:
            // a name that expressions read may not be spelled so.
            let kind = what()
            if Self.namesReadByExpressions.contains(kind) {
                report(.E002, "'\(name)' is reserved since version 1.1 (last.NODE, task.FIELD, card.calls) and cannot be a \(kind); rename it", at: node.start)
                return nil
            }
        }
        return name
    }

    mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        if case .bool(let value)? = node.scalar?.resolved { return value }
        report(.E002, "\(what) must be true or false", at: node.start)
        return nil
    }

    mutating func number(_ node: YAMLNode, _ what: String) -> Decimal? {
        if let value = Self.value(of: node), case .number(let number) = value { return number }
        report(.E002, "\(what) must be a number", at: node.start)
        return nil
    }

    /// A typed YAML value (variables, item data): number, string, bool,
    /// null, or a list of them.
    mutating func value(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Value? {
        if let value = Self.value(of: node) { return value }
        report(.E002, "\(what()) must be a number, text, true/false, null or a list of them", at: node.start)
        return nil
    }

    static func value(of node: YAMLNode) -> Value? {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .integer(let i): return .number(Decimal(i))
            case .float:
                if let d = Decimal(plainDecimalText: scalar.text) { return .number(d) }
                let cleaned = scalar.text.utf8.contains(UInt8(ascii: "_"))
                    ? scalar.text.replacingOccurrences(of: "_", with: "") : scalar.text
                guard let d = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN else { return nil }
                return .number(d)
            case .string(let s): return .string(s)
            }
        case .sequence(let items):
            var values: [Value] = []
            for item in items {
                guard item.scalar != nil, let v = value(of: item) else { return nil }
                values.append(v)
            }
            return .list(values)
        case .mapping:
            return nil
        }
    }

    /// Where offsets within a scalar's text fall in the file.
    static func position(of node: YAMLNode) -> ScalarPosition {
        // One read of the node's record, and none of its scalar's value.
        let storage = node.storage
        let record = storage.records[Int(node.index)]
        let start = record.start
        guard record.kind == .scalar, start.line == record.end.line else {
            return ScalarPosition(start: start, textColumn: nil)
        }
        let scalar = Int(record.first)
        switch storage.scalars[scalar].style {
        case .plain: return ScalarPosition(start: start, textColumn: start.column)
        case .singleQuoted, .doubleQuoted:
            // Escapes (`\"`, `''`) make the text shorter than its source:
            // then offsets cannot be mapped one to one, so point at the start.
            let sourceWidth = record.end.column - start.column - 2
            // Columns count Characters; for ASCII text that is its byte
            // count, and for most other text its scalar count (see
            // `simpleCharacterCount`): both much cheaper than breaking it
            // into Characters.
            let text = storage.scalars[scalar].text
            let utf8 = text.utf8
            let counted = utf8.withContiguousStorageIfAvailable { bytes in
                bytes.allSatisfy { $0 < 0x80 } ? bytes.count : simpleCharacterCount(bytes)
            }
            let width = (counted ?? nil) ?? text.count
            guard sourceWidth == width else { return ScalarPosition(start: start, textColumn: nil) }
            return ScalarPosition(start: start, textColumn: start.column + 1)
        case .literal, .folded: return ScalarPosition(start: start, textColumn: nil)
        }
    }

    /// An expression (`when`, `if`, `set`, `require`), parsed at load time.
    mutating func expression(_ node: YAMLNode, _ what: @autoclosure () -> String) -> LocatedExpression? {
        guard let scalar = filledScalar(node, what(), shape: "an expression") else { return nil }
        let position = Self.position(of: node)
        do {
            let expression = try ExpressionParser.parse(node.storage.scalars[scalar].text)
            return LocatedExpression(expression: expression, position: position)
        } catch {
            report(.E007, error.message, at: position.location(ofOffset: error.offset))
            return nil
        }
    }

    /// A text that may be localized (a mapping language -> text) and may
    /// hold `{EXPR}` templates.
    mutating func localizedText(_ node: YAMLNode, _ what: String) -> LocalizedText? {
        if let pairs = node.mapping {
            var variants: [LocalizedText.Variant] = []
            if pairs.isEmpty {
                report(.E002, "\(what) has no texts", at: node.start)
                return nil
            }
            variants.reserveCapacity(pairs.count)
            for pair in pairs {
                guard let language = text(pair.key, "a language code") else { continue }
                if let template = template(pair.value, what) {
                    variants.append(.init(language: language, template: template, position: Self.position(of: pair.value)))
                }
            }
            return variants.isEmpty ? nil : LocalizedText(variants: variants, location: node.start)
        }
        guard let template = template(node, what) else { return nil }
        // A scalar's position starts at the node's start, its location.
        return LocalizedText(template: template, position: Self.position(of: node))
    }

    /// A title or label: plain text, or a mapping language -> plain text.
    mutating func localizedLabel(_ node: YAMLNode, _ what: String) -> LocalizedLabel? {
        guard let pairs = node.mapping else { return text(node, what).map { LocalizedLabel($0) } }
        if pairs.isEmpty {
            report(.E002, "\(what) has no texts", at: node.start)
            return nil
        }
        var variants: [LocalizedLabel.Variant] = []
        for pair in pairs {
            guard let language = text(pair.key, "a language code"), let label = text(pair.value, what) else { continue }
            variants.append(.init(language: language, text: label))
        }
        return LocalizedLabel(variants: variants)
    }

    private mutating func template(_ node: YAMLNode, _ what: String) -> Template? {
        guard let source = text(node, what) else { return nil }
        do {
            return try Template.parse(source)
        } catch {
            report(.E007, error.message, at: Self.position(of: node).location(ofOffset: error.offset))
            return nil
        }
    }

    /// `VARIABLE` or `card.FIELD`.
    mutating func target(_ node: YAMLNode, _ what: String) -> Target? {
        guard let text = text(node, what) else { return nil }
        if text.hasPrefix("card.") {
            let field = String(text.dropFirst(5))
            guard Identifier.isValid(field) else {
                report(.E002, "'\(text)' is not a valid card field", at: node.start)
                return nil
            }
            return .card(field)
        }
        if let dot = text.firstIndex(of: "."), Identifier.isValid(String(text[..<dot])) {
            report(.E022, "'\(text)' belongs to module '\(text[..<dot])': a script may read a module's variables but not write them (set them on entry with 'flow: ... with:')", at: node.start)
            return nil
        }
        guard Identifier.isValid(text), !Identifier.isReserved(text) else {
            report(.E002, "\(what) must be a variable or card.FIELD, not '\(text)'", at: node.start)
            return nil
        }
        return .variable(text)
    }

    /// A list of identifiers (`tags`).
    mutating func identifierList(_ node: YAMLNode, _ what: String) -> [String] {
        guard let items = node.sequence else {
            report(.E002, "\(what) must be a list", at: node.start)
            return []
        }
        var names: [String] = []
        names.reserveCapacity(items.count)
        for item in items {
            if let name = identifier(item, "tag") { names.append(name) }
        }
        return names
    }
}

extension YAMLNode {
    /// How a shape is named in messages.
    var shapeName: String {
        switch content {
        case .scalar(let s):
            if case .null = s.resolved, s.style == .plain { return "empty" }
            return "a text ('\(s.text.prefix(30))')"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}
