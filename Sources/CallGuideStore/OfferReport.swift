import CallGuide
import Foundation

/// One line of `report offers`: an offer node and the `item.sku` it
/// offered (reports.md 2).
public struct OfferReportRow: Equatable, Sendable {
    public var node: String
    /// The item's `sku` as text; nil when the offer's item has none.
    public var sku: String?
    public var made: Int
    public var accepted: Int
    /// The sum of `item.price` over the accepted offers, in decimal
    /// arithmetic (prices are money: 0.1 + 0.2 is 0.3); nil when none of
    /// this line's offers had a price.
    public var acceptedRevenue: Decimal?

    public init(node: String, sku: String?, made: Int, accepted: Int, acceptedRevenue: Decimal?) {
        self.node = node
        self.sku = sku
        self.made = made
        self.accepted = accepted
        self.acceptedRevenue = acceptedRevenue
    }

    /// Accepted per offer made, 0...1; nil when nothing was offered.
    public var acceptanceRate: Double? { made == 0 ? nil : Double(accepted) / Double(made) }
}

extension CardStore {
    /// The offers made in the calls the filter selects, one row per offer
    /// node and sku, ordered by node then sku. SQL counts per node, sku and
    /// price (a few rows whatever the number of calls) from the offers'
    /// own index (`call_offers_report`), never joining an offer to its
    /// call; the prices are added up here as decimals, never as floating
    /// point.
    public func offerReport(_ filter: CallFilter = CallFilter()) throws -> [OfferReportRow] {
        let (clause, values) = filter.reportTableSQL
        let rows = try db.query(
            """
            SELECT node, sku, price, count(*), COALESCE(sum(accepted), 0)
            FROM call_offers \(clause)
            GROUP BY node, sku, price ORDER BY node, sku, price
            """, values)
        var result: [OfferReportRow] = []
        for row in rows {
            let node = row[0].string ?? ""
            let sku = row[1].string.flatMap { JSONValue.parseStored($0)?.value.textValue }
            let price = row[2].string.flatMap { Self.decimal(fromJSON: $0) }
            let made = row[3].int ?? 0
            let accepted = row[4].int ?? 0
            let revenue = price.map { $0 * Decimal(accepted) }
            if let last = result.last, last.node == node, last.sku == sku {
                var merged = last
                merged.made += made
                merged.accepted += accepted
                if let revenue { merged.acceptedRevenue = (merged.acceptedRevenue ?? 0) + revenue }
                result[result.count - 1] = merged
            } else {
                result.append(OfferReportRow(node: node, sku: sku, made: made, accepted: accepted, acceptedRevenue: revenue))
            }
        }
        return result
    }

    /// A price stored as JSON: a number, or a text holding one (`"12.50"`).
    static func decimal(fromJSON text: String) -> Decimal? {
        switch JSONValue.parseStored(text)?.value {
        case .number(let value)?: return value
        case .string(let text)?: return Decimal(string: text.trimmingCharacters(in: .whitespaces), locale: Locale(identifier: "en_US_POSIX"))
        default: return nil
        }
    }
}
