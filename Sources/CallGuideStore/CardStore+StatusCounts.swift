import Foundation

extension CardStore {
    /// How many cards are in each status now, counted by the database (one
    /// row per status, whatever the number of cards): the funnel's first
    /// part on the dashboard. Statuses in the workspace's order
    /// (`schema.statuses`), then any other stored status by name.
    public func cardsPerStatus() throws -> [(status: String, cards: Int)] {
        let counted = try db.query("SELECT status, count(*) FROM cards GROUP BY status ORDER BY status", [])
            .map { (status: $0[0].string ?? "", cards: $0[1].int ?? 0) }
        let order = Dictionary(schema.statuses.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return counted.sorted { (order[$0.status] ?? Int.max, $0.status) < (order[$1.status] ?? Int.max, $1.status) }
    }
}
