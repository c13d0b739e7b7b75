import CallGuide
@testable import CallGuideStore
import Foundation
import XCTest

/// `report funnel` (reports.md 2) on a hand-made history.
class StoreFunnelReportTests: StoreTestCase {
    let schema = CardSchema(statuses: ["new", "potential", "client", "lost"])

    /// T0 = now: C1, C2, C3 made (new); `card set` C3 new -> lost.
    /// day 1: calls a, b: C1, C2 new -> potential (anna).
    /// day 2: call c: C1 potential -> client (petr).
    /// day 3: call d: C2 potential -> lost (anna).
    func storeHistory() throws -> (store: CardStore, day: (Int) -> String) {
        let store = try openStore(schema: schema, timeZone: TimeZone(identifier: "UTC")!)
        let start = Date()
        let cards = try (1...3).map { _ in try store.createCard([:]).id }
        try store.setFields(cards[2], ["status": .string("lost")])
        let day = { (n: Int) in start.addingTimeInterval(Double(n) * 86_400) }
        let moves: [(String, String, String, Int, String)] = [
            ("a", cards[0], "potential", 1, "anna"), ("b", cards[1], "potential", 1, "anna"),
            ("c", cards[0], "client", 2, "petr"), ("d", cards[1], "lost", 3, "anna"),
        ]
        for (id, card, status, n, name) in moves {
            try store.storeCall(record(id, card: card, operator: name, start: day(n)), cardChanges: ["status": .string(status)],
                                cardRevisionAtStart: nil, transitions: nil)
        }
        return (store, { store.day(of: day($0)) })
    }

    func testTheWholeHistory() throws {
        let (store, _) = try storeHistory()
        let report = try store.funnelReport()
        XCTAssertNotNil(report.historyStart)
        // Now: C1 client; C2 and C3 lost.
        XCTAssertEqual(report.now.map(\.status), ["client", "lost"])
        XCTAssertEqual(report.now.map(\.cards), [1, 2])
        // Three cards made new; new -> potential twice; then one each, by from/to.
        XCTAssertEqual(report.changes.map { "\($0.from ?? "*")>\($0.to)=\($0.count)" },
                       ["*>new=3", "new>potential=2", "new>lost=1", "potential>client=1", "potential>lost=1"])
        // In new: C1 C2 C3, all left (3 of 3); potential: C1 C2, both left;
        // client: C1, lost: C2 C3, none left.
        XCTAssertEqual(report.stages.map(\.status), ["new", "potential", "client", "lost"])
        XCTAssertEqual(report.stages.map(\.cards), [3, 2, 1, 2])
        XCTAssertEqual(report.stages.map(\.movedOn), [3, 2, 0, 0])
        XCTAssertEqual(report.stages.map(\.movedOnShare), [1, 1, 0, 0])
    }

    func testAPeriodCountsTheCardsInAStatusWhenItStarted() throws {
        let (store, day) = try storeHistory()
        // Days 2-3. At the start of day 2: C1, C2 potential, C3 lost. Then C1
        // -> client, C2 -> lost. potential: 2 cards, both moved on (100%);
        // client: C1; lost: C3 and C2.
        let report = try store.funnelReport(CallFilter(sinceDay: day(2), untilDay: day(3)))
        XCTAssertEqual(report.changes.map { "\($0.from ?? "*")>\($0.to)=\($0.count)" }, ["potential>client=1", "potential>lost=1"])
        XCTAssertEqual(report.stages.map(\.status), ["potential", "client", "lost"])
        XCTAssertEqual(report.stages.map(\.cards), [2, 1, 2])
        XCTAssertEqual(report.stages.map(\.movedOn), [2, 0, 0])

        // Only petr's calls: potential -> client; 1 of the 2 potential cards moved on.
        let petr = try store.funnelReport(CallFilter(sinceDay: day(2), untilDay: day(3), operator: "petr"))
        XCTAssertEqual(petr.changes.map(\.count), [1])
        XCTAssertEqual(petr.stages.first { $0.status == "potential" }?.movedOnShare, 0.5)
    }

    func testAnEmptyPeriodHasNoChangesAndNobodyMovedOn() throws {
        let (store, day) = try storeHistory()
        let report = try store.funnelReport(CallFilter(sinceDay: day(10)))
        XCTAssertEqual(report.changes, [])
        // Where each card stood when the period started: C1 client, C2 C3 lost.
        XCTAssertEqual(report.stages.map(\.cards), [1, 2])
        XCTAssertEqual(report.stages.map(\.movedOn), [0, 0])
        XCTAssertNil(try openStore("empty.db").funnelReport().historyStart)
    }

    func testImportAndCardSetRecordTheirChanges() throws {
        let store = try openStore(schema: schema, timeZone: TimeZone(identifier: "UTC")!)
        try store.importCards(csv: "name,status\nIvan,potential\n")
        try store.importCards(csv: "id,status\nC000001,client\n")
        try store.setFields("C000001", ["status": .string("lost")])
        let changes = try store.funnelReport().changes.map { "\($0.from ?? "*")>\($0.to)" }
        XCTAssertEqual(Set(changes), ["*>potential", "potential>client", "client>lost"])
        let commands = try store.db.query("SELECT command FROM status_changes ORDER BY seq").map { $0[0].string }
        XCTAssertEqual(commands, ["card import", "card import", "card set"])
    }

    /// A store from before migration 4 (the reports' tables) gets its calls' answers and offers
    /// copied into the new tables, and every card's status as the start of
    /// its history; migration 9 copies each call's day, operator and script
    /// beside its answers and offers.
    func testMigratingAnOlderStoreFillsTheReportTables() throws {
        let store = try openStore(schema: schema, timeZone: TimeZone(identifier: "UTC")!)
        let card = try store.createCard([:])
        try store.storeCall(record("1", card: card.id, offers: [true, false]), cardChanges: ["status": .string("client")],
                            cardRevisionAtStart: nil, transitions: nil)
        try store.db.executeScript("DROP TABLE call_answers; DROP TABLE call_offers; DROP TABLE script_questions; DROP TABLE status_changes")
        // The reports' migration run again over calls stored without its tables, as it
        // runs over an older store; later migrations are not re-run, so the
        // test does not depend on what comes after it.
        // Migration 9 then gives those rows their call's columns.
        switch backend {
        case .sqlite: try store.db.executeScript(ReportSchema.sqlite + ReportSchema.callColumns)
        case .postgres: try store.db.executeScript(ReportSchema.postgres + ReportSchema.postgresCallColumns)
        }
        let migrated = try openStore(schema: schema, timeZone: TimeZone(identifier: "UTC")!)
        let offers = try migrated.offerReport()
        XCTAssertEqual(offers.map(\.node), ["upsell0", "upsell1"])
        XCTAssertEqual(offers.map(\.sku), ["X1", "X1"])
        XCTAssertEqual(offers.map(\.accepted), [1, 0])
        XCTAssertEqual(try migrated.offerReport(CallFilter(sinceDay: "2024-05-01", untilDay: "2024-05-01", operator: "olga", script: "order")).count, 2)
        XCTAssertEqual(try migrated.offerReport(CallFilter(sinceDay: "2024-05-02")), [])
        XCTAssertEqual(try migrated.offerReport(CallFilter(operator: "petr")), [])
        let answers = try migrated.db.query("SELECT node, value, started_day, operator, script_id, script_version FROM call_answers")
        XCTAssertEqual(answers.map { $0.values.map(\.string) }, [["name", "\"Ivan\"", "2024-05-01", "olga", "order", "1"]])
        let offerColumns = try migrated.db.query("SELECT DISTINCT started_day, operator, script_id, script_version FROM call_offers")
        XCTAssertEqual(offerColumns.map { $0.values.map(\.string) }, [["2024-05-01", "olga", "order", "1"]])
        let history = try migrated.db.query("SELECT card_id, from_status, to_status, command FROM status_changes")
            .map { [$0[0].string, $0[1].string, $0[2].string, $0[3].string] }
        XCTAssertEqual(history, [[card.id, nil, "client", "history start"]])
        let funnel = try migrated.funnelReport()
        XCTAssertEqual(funnel.changes, [])
        XCTAssertEqual(funnel.stages.map(\.status), ["client"])
    }
}
