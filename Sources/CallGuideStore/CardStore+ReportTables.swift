import CallGuide
import Foundation

/// One option of a stored question: its key and the label operators saw.
public struct QuestionOption: Equatable, Sendable {
    public var key: String
    public var label: String
    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// What the store keeps of a question of a script version: enough for
/// `report answers` to read the answers without the script file.
public struct StoredQuestion: Equatable, Sendable {
    public var node: String
    public var type: AnswerType
    /// In the script's order (yes/no for a `yesno` question).
    public var options: [QuestionOption]
    public init(node: String, type: AnswerType, options: [QuestionOption] = []) {
        self.node = node
        self.type = type
        self.options = options
    }
}

extension CardStore {
    /// The rows of `call_answers` and `call_offers` for a call just inserted
    /// (`ReportSchema`), each with its call's day, operator and script
    /// (`ReportSchema.callColumns`).
    func insertReportRows(_ record: CallRecord) throws {
        try insertAnswerRows(record)
        for offer in record.offers {
            let sku = offer.item.first { $0.key == "sku" }.map { JSONValue($0.value).text }
            let price = offer.item.first { $0.key == "price" }.map { JSONValue($0.value).text }
            try db.run(
                """
                INSERT INTO call_offers (call_seq, node, sku, price, accepted, started_day, operator, script_id, script_version)
                SELECT seq, ?, ?, ?, ?, started_day, operator, script_id, script_version FROM calls WHERE id = ?
                """,
                [.text(offer.node), SQLValue(sku), SQLValue(price), .integer(offer.accepted ? 1 : 0), .text(record.id)])
        }
    }

    /// Writes a call's answers to `call_answers` again (after `forget`
    /// erased some).
    func rewriteAnswerRows(_ record: CallRecord) throws {
        try db.run("DELETE FROM call_answers WHERE call_seq = (SELECT seq FROM calls WHERE id = ?)", [.text(record.id)])
        try insertAnswerRows(record)
    }

    private func insertAnswerRows(_ record: CallRecord) throws {
        for answer in record.answers {
            try db.run(
                """
                INSERT INTO call_answers (call_seq, node, value, started_day, operator, script_id, script_version)
                SELECT seq, ?, ?, started_day, operator, script_id, script_version FROM calls WHERE id = ?
                """,
                [.text(answer.node), .text(JSONValue(answer.value).text), .text(record.id)])
        }
    }

    /// Keeps the questions of a script version (the newest definition wins
    /// when a script with no version changes).
    func storeQuestions(_ questions: [StoredQuestion], script: String, version: String?, at instant: Date) throws {
        for question in questions {
            let options = JSONValue.array(question.options.map { .array([.string($0.key), .string($0.label)]) })
            try db.run(
                """
                INSERT INTO script_questions (script_id, script_version, node, type, options, seen_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (script_id, script_version, node) DO UPDATE SET type = excluded.type, options = excluded.options,
                    seen_at = CASE WHEN excluded.seen_at > script_questions.seen_at THEN excluded.seen_at ELSE script_questions.seen_at END
                """,
                [.text(script), .text(version ?? ""), .text(question.node), .text(question.type.rawValue), .text(options.text),
                 .real(instant.timeIntervalSince1970)])
        }
    }

    /// Records that a card's status changed (`from` nil: a new card), by a
    /// call or by a command (`card set`, `card import`, `card new`).
    func recordStatusChange(card: String, from: String?, to: String, at instant: Date, call: String? = nil, command: String? = nil) throws {
        try db.run(
            """
            INSERT INTO status_changes (seq, card_id, from_status, to_status, changed_at, call_id, command)
            VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM status_changes), ?, ?, ?, ?, ?, ?)
            """,
            [.text(card), SQLValue(from), .text(to), .real(instant.timeIntervalSince1970), SQLValue(call), SQLValue(command)])
    }
}
