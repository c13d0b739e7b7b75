import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// `report --by version|outcome|week|month` on calls whose figures were
/// worked out by hand (reports.md 2).
class StoreReportGroupingTests: StoreTestCase {
    /// A: 2024-12-29 (Sunday, ISO 2024-W52), 60 s, NPS 10, order@1, sale (converted)
    /// B: 2024-12-30 (Monday, 2025-W01), 120 s, NPS 6, order@1, no_sale
    /// C: 2025-01-05 (Sunday, 2025-W01), 30 s, NPS 9, order@2, sale (converted)
    /// D: 2025-01-06 (Monday, 2025-W02), 90 s, NPS 8, order@2, sale (converted)
    func storeFourCalls() throws -> CardStore {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        let noon = { (epoch: TimeInterval) in Date(timeIntervalSince1970: epoch) }
        var calls = [
            record("A", card: nil, start: noon(1_735_473_600), seconds: 60, outcome: "sale", converted: true, nps: 10),
            record("B", card: nil, start: noon(1_735_560_000), seconds: 120, outcome: "no_sale", nps: 6),
            record("C", card: nil, start: noon(1_736_078_400), seconds: 30, outcome: "sale", converted: true, nps: 9),
            record("D", card: nil, start: noon(1_736_164_800), seconds: 90, outcome: "sale", converted: true, nps: 8),
        ]
        calls[2].scriptVersion = "2"
        calls[3].scriptVersion = "2"
        for call in calls { try store.storeCall(call, cardChanges: [:], cardRevisionAtStart: nil, transitions: nil) }
        return store
    }

    func testWeeksAreISOWeeksWithNPSFromTheirCounts() throws {
        let rows = try storeFourCalls().report(groupBy: .week)
        XCTAssertEqual(rows.map(\.key), ["2024-W52", "2025-W01", "2025-W02"])
        XCTAssertEqual(rows.map(\.calls), [1, 2, 1])
        // W52: 1 promoter of 1 = +100. W01: B detractor, C promoter: 50% - 50% = 0.
        // W02: one passive: 0% - 0% = 0.
        XCTAssertEqual(rows.map(\.nps), [100, 0, 0])
        XCTAssertEqual(rows.map(\.promoters), [1, 1, 0])
        XCTAssertEqual(rows.map(\.detractors), [0, 1, 0])
        XCTAssertEqual(rows.map(\.passives), [0, 0, 1])
        // W01 mean duration: (120 + 30) / 2 = 75 s.
        XCTAssertEqual(rows[1].meanDurationSeconds, 75, accuracy: 0.001)
    }

    func testMonthsAddUpTheirDays() throws {
        let rows = try storeFourCalls().report(groupBy: .month)
        XCTAssertEqual(rows.map(\.key), ["2024-12", "2025-01"])
        XCTAssertEqual(rows.map(\.calls), [2, 2])
        // 2024-12: A 10, B 6: 50% - 50% = 0; 2025-01: C 9, D 8: 50% - 0% = +50.
        XCTAssertEqual(rows.map(\.nps), [0, 50])
        // 2024-12: (60 + 120) / 2 = 90 s; 2025-01: (30 + 90) / 2 = 60 s.
        XCTAssertEqual(rows[0].meanDurationSeconds, 90, accuracy: 0.001)
        XCTAssertEqual(rows[1].meanDurationSeconds, 60, accuracy: 0.001)
        XCTAssertEqual(rows.map(\.conversions), [1, 2])
    }

    func testVersionsInTheOrderTheyWereFirstUsedAndOutcomes() throws {
        let store = try storeFourCalls()
        let versions = try store.report(groupBy: .version)
        XCTAssertEqual(versions.map(\.key), ["order@1", "order@2"])
        // order@1: A converted, B not: 1 of 2; order@2: C and D: 2 of 2.
        XCTAssertEqual(versions.map(\.conversions), [1, 2])
        XCTAssertEqual(versions.map(\.conversionRate), [0.5, 1])
        let outcomes = try store.report(groupBy: .outcome)
        XCTAssertEqual(outcomes.map(\.key), ["no_sale", "sale"])
        XCTAssertEqual(outcomes.map(\.calls), [1, 3])
        // Filters still apply: since 2025-01-01 only C and D, one week each.
        XCTAssertEqual(try store.report(CallFilter(sinceDay: "2025-01-01"), groupBy: .week).map(\.calls), [1, 1])
    }

    func testAnEmptyPeriodHasNoRowsByWeekAndAZeroRowOverall() throws {
        let store = try storeFourCalls()
        XCTAssertEqual(try store.report(CallFilter(sinceDay: "2026-01-01"), groupBy: .week), [])
        let overall = try XCTUnwrap(store.report(CallFilter(sinceDay: "2026-01-01")).first)
        XCTAssertEqual(overall.calls, 0)
        XCTAssertNil(overall.nps)
    }
}

/// `report offers` (reports.md 2) on hand-made calls.
class StoreOfferReportTests: StoreTestCase {
    func offer(_ node: String, sku: String?, price: Value?, accepted: Bool) -> CallRecord.OfferMade {
        var item: [ItemEntry] = []
        if let sku { item.append(ItemEntry(key: "sku", value: .string(sku))) }
        if let price { item.append(ItemEntry(key: "price", value: price)) }
        return CallRecord.OfferMade(node: node, item: item, accepted: accepted)
    }

    func testMadeAcceptedRateAndRevenueAddUpAsDecimals() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        var one = record("1", card: nil, operator: "olga")
        one.offers = [offer("filters", sku: "F1", price: .number(Decimal(string: "0.1")!), accepted: true),
                      offer("warranty", sku: "W2", price: .string("19.99"), accepted: false)]
        var two = record("2", card: nil, operator: "petr")
        two.offers = [offer("filters", sku: "F1", price: .number(Decimal(string: "0.2")!), accepted: true),
                      offer("warranty", sku: "W2", price: .string("19.99"), accepted: true)]
        var three = record("3", card: nil, operator: "petr")
        three.offers = [offer("filters", sku: "F2", price: nil, accepted: true), offer("filters", sku: "F1", price: .number(5), accepted: false)]
        for call in [one, two, three] { try store.storeCall(call, cardChanges: [:], cardRevisionAtStart: nil, transitions: nil) }

        let rows = try store.offerReport()
        XCTAssertEqual(rows.map(\.node), ["filters", "filters", "warranty"])
        XCTAssertEqual(rows.map(\.sku), ["F1", "F2", "W2"])
        // filters/F1: made in 1, 2, 3 = 3, accepted in 1 and 2 = 2; revenue 0.1 + 0.2 = 0.3
        // exactly (the refused 5 is not counted). F2: 1 of 1, no price. W2: 1 of 2, 19.99.
        XCTAssertEqual(rows.map(\.made), [3, 1, 2])
        XCTAssertEqual(rows.map(\.accepted), [2, 1, 1])
        XCTAssertEqual(rows[0].acceptedRevenue, Decimal(string: "0.3"))
        XCTAssertNil(rows[1].acceptedRevenue)
        XCTAssertEqual(rows[2].acceptedRevenue, Decimal(string: "19.99"))
        XCTAssertEqual(try XCTUnwrap(rows[0].acceptanceRate), 2.0 / 3, accuracy: 0.0001)

        // --operator petr: F1 made in 2 and 3, accepted in 2: 0.2.
        let petr = try store.offerReport(CallFilter(operator: "petr"))
        XCTAssertEqual(petr.map(\.made), [2, 1, 1])
        XCTAssertEqual(petr.first?.acceptedRevenue, Decimal(string: "0.2"))
    }

    func testAnEmptyPeriodHasNoOffers() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        try store.storeCall(record("1", card: nil, offers: [true]), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        XCTAssertEqual(try store.offerReport(CallFilter(sinceDay: "2030-01-01")), [])
        XCTAssertEqual(try store.offerReport().map(\.made), [1])
    }
}
