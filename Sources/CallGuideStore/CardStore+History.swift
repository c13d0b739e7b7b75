import CallGuide
import Foundation

extension CardStore {
    /// `last.NODE` for a card (workflow.md 2.3): for each node id, the
    /// latest non-null answer its stored calls gave to a question with
    /// exactly that id, by call start time (then by storing order), from
    /// any script. Names with no such answer are left out (null).
    public func lastAnswers(cardId: String, nodes: [String]) throws -> [String: Value] {
        guard !nodes.isEmpty else { return [:] }
        var wanted = Set(nodes)
        var found: [String: Value] = [:]
        let rows = try db.query("SELECT answers FROM calls WHERE card_id = ? ORDER BY started_at DESC, seq DESC", [.text(cardId)])
        for row in rows where !wanted.isEmpty {
            for answer in JSONValue.parseStored(row[0].string ?? "[]")?.arrayValue ?? [] {
                guard let node = answer["node"]?.stringValue, wanted.contains(node), let value = answer["value"]?.value, !value.isNull else { continue }
                found[node] = value
                wanted.remove(node)
            }
        }
        return found
    }

    /// `card.calls`: how many calls of the card are stored.
    public func callCount(cardId: String) throws -> Int {
        try db.scalar("SELECT count(*) FROM calls WHERE card_id = ?", [.text(cardId)]).int ?? 0
    }
}
