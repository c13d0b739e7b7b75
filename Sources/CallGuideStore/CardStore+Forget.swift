import CallGuide
import Foundation

/// The type of a call's answer, told by the workspace's scripts: nil when
/// the script or the node is not known (then a text value counts as
/// personal, to be on the safe side).
public typealias AnswerTypeLookup = (_ script: String, _ node: String) -> AnswerType?

/// What `forget` did: the tombstone left, the calls cleaned, and the
/// transcript files that still hold the client's data.
public struct ForgetResult: Sendable {
    public var card: Card
    /// What was erased, to mask the same values in transcripts.
    public var erased: ErasedData
    public var calls: [CallRecord]
    /// The calls' transcript paths, as stored.
    public var transcripts: [String] { calls.compactMap(\.transcriptPath) }
}

/// The personal values `forget` erased, and where: transcript masking uses
/// them to mask the very same values.
public struct ErasedData: Sendable {
    /// Each erased text value with its mask (the card's name, phone...).
    public var masks: [(value: String, mask: String)] = []
    /// Per call id, the answer nodes whose values were erased.
    public var answerNodes: [String: Set<String>] = [:]

    mutating func add(_ value: Value, type: AnswerType?) {
        guard case .string(let text) = value, !text.isEmpty else { return }
        let masked: String
        switch type {
        case .phone?: masked = Redaction.phone(text)
        case .email?: masked = Redaction.email(text)
        case .date?: masked = Redaction.maskedDate
        case .text?: masked = Redaction.maskedText
        default: masked = Redaction.maskedText
        }
        if !masks.contains(where: { $0.value == text }) { masks.append((text, masked)) }
    }
}

extension CardStore {
    /// The card fields `forget` erases and `--redact` masks: the built-in
    /// name, phone, email, company and region, and custom fields of a
    /// personal type (text, phone, email, date) or undeclared text.
    public func isPersonalField(_ field: String, value: Value) -> Bool {
        switch field {
        case "id", "status": return false
        case "name", "phone", "email", "company", "region": return true
        default:
            if let type = schema.declaration(field)?.type { return Redaction.isPersonal(type) }
            if case .string = value { return true }
            return false
        }
    }

    /// Removes a client's personal data (store.md 6) in one transaction and
    /// keeps a tombstone card: id, status, dates, and the fields that are
    /// not personal. In the card's calls, the notes and the answers that
    /// are free text, phones, emails or dates are erased (set to null), as
    /// are those fields in the calls' card changes; choices, numbers,
    /// yes/no, NPS scores, outcomes and offers stay, so reports still add up.
    public func forget(_ key: String, answerType: AnswerTypeLookup) throws -> ForgetResult {
        guard Self.isKey(key) else { throw StoreError.badKey(key: key) }
        return try db.writeTransaction {
            // The same id or number only: erasing is never done on a guess
            // from the end of a phone.
            guard var card = try card(key) ?? card(phone: key) else { throw StoreError.noSuchCard(key: key) }
            var erased = ErasedData()
            var revisions = try fieldRevisions(of: card.id)
            let fields = Card.builtInFields + card.fields.keys.sorted()
            var changed = false
            for field in fields where !card[field].isNull && isPersonalField(field, value: card[field]) {
                erased.add(card[field], type: fieldType(field))
                card[field] = .null
                changed = true
            }
            if changed {
                card.revision += 1
                card.updatedAt = Date()
                for field in fields { revisions[field] = card.revision }
                try update(card, revisions: revisions)
            }
            var calls = try self.calls(CallFilter(cardId: card.id))
            for index in calls.indices {
                var call = calls[index]
                var nodes: Set<String> = []
                for answerIndex in call.answers.indices {
                    let answer = call.answers[answerIndex]
                    let type = answerType(call.scriptId, answer.node)
                    let personal = type.map(Redaction.isPersonal) ?? Self.isText(answer.value)
                    guard personal, !answer.value.isNull else { continue }
                    erased.add(answer.value, type: type)
                    call.answers[answerIndex].value = .null
                    nodes.insert(answer.node)
                }
                erased.answerNodes[call.id] = nodes
                for (field, value) in call.cardChanges where isPersonalField(field, value: value) {
                    erased.add(value, type: fieldType(field))
                    call.cardChanges[field] = .null
                }
                call.cardChangeProblems = call.cardChangeProblems.map { problem in
                    guard case .conflict(let field, let stored, let value) = problem, isPersonalField(field, value: value) else { return problem }
                    erased.add(stored, type: fieldType(field))
                    erased.add(value, type: fieldType(field))
                    return .conflict(field: field, stored: .null, call: .null)
                }
                for note in call.notes { erased.add(.string(note), type: .text) }
                call.notes = []
                try rewriteCall(call)
                try rewriteAnswerRows(call)
                calls[index] = call
            }
            // Longest first: a value inside another is masked after it.
            erased.masks.sort { $0.value.count > $1.value.count }
            return ForgetResult(card: card, erased: erased, calls: calls)
        }
    }

    /// The card as `--redact` shows it: names, phones, emails and text
    /// fields masked (store.md 6); the id, status, numbers and choices as
    /// they are.
    public func redacted(_ card: Card) -> Card {
        var masked = card
        for field in Card.builtInFields + card.fields.keys.sorted() where field != "region" {
            if let mask = mask(field: field, value: card[field]) { masked[field] = mask }
        }
        return masked
    }

    /// A card field's value masked (store.md 6: a name or company keeps its
    /// first letter, a phone its country code and last two digits, an email
    /// its first letter and domain, a text is `***`); nil when the field is
    /// not personal or empty.
    public func mask(field: String, value: Value) -> Value? {
        guard !value.isNull, isPersonalField(field, value: value) else { return nil }
        if field == "name" || field == "company" { return value.textValue.map { .string(Redaction.name($0)) } }
        return Redaction.value(value, type: fieldType(field) ?? .text) ?? .string(Redaction.maskedText)
    }

    /// A call as `calls --redact` shows it: personal answers, notes and
    /// personal card changes masked.
    public func redacted(_ call: CallRecord, answerType: AnswerTypeLookup) -> CallRecord {
        var masked = call
        for index in masked.answers.indices {
            let answer = masked.answers[index]
            let type = answerType(call.scriptId, answer.node)
            guard type.map(Redaction.isPersonal) ?? Self.isText(answer.value) else { continue }
            masked.answers[index].value = Redaction.value(answer.value, type: type ?? .text) ?? answer.value
        }
        masked.notes = call.notes.map { _ in Redaction.maskedText }
        for (field, value) in call.cardChanges {
            if let mask = mask(field: field, value: value) { masked.cardChanges[field] = mask }
        }
        masked.cardChangeProblems = call.cardChangeProblems.map { problem in
            guard case .conflict(let field, _, let value) = problem, isPersonalField(field, value: value) else { return problem }
            return .conflict(field: field, stored: .string(Redaction.maskedText), call: .string(Redaction.maskedText))
        }
        return masked
    }

    func fieldType(_ field: String) -> AnswerType? {
        schema.declaration(field)?.type
    }

    static func isText(_ value: Value) -> Bool {
        if case .string = value { return true }
        return false
    }

    /// Writes a call's answers, notes and card changes back.
    func rewriteCall(_ call: CallRecord) throws {
        let answers = JSONValue.array(call.answers.map { .object([("node", .string($0.node)), ("value", JSONValue($0.value))]) })
        try db.run(
            "UPDATE calls SET answers = ?, notes = ?, card_changes = ?, card_change_problems = ? WHERE id = ?",
            [.text(answers.text), .text(JSONValue.array(call.notes.map(JSONValue.string)).text),
             .text(JSONValue.object(call.cardChanges).text),
             .text(JSONValue.array(call.cardChangeProblems.map(Self.json(of:))).text), .text(call.id)])
    }
}
