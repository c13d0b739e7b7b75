import CallGuide
import Foundation
import XCTest

/// What the store already holds and the commands show (issue 15, item 3):
/// an offer's `item` in `calls` and `card show` JSON, and the outcome's
/// label on the end-of-call line.
final class CardsStoredDetailsTests: XCTestCase {
    func testCallsAndCardShowJSONKeepTheOfferItem() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try CardsCommandTests.importCards(workspace)
        let run = try workspace.runCall(card: "C000002", answers: WorkspaceFixture.answers())
        XCTAssertEqual(run.status, 0, run.stderr)

        let calls = try workspace.calls()
        XCTAssertEqual(calls.count, 1)
        let offer = try XCTUnwrap(calls.first?["offers"]?.elements.first)
        XCTAssertEqual(offer["node"]?.string, "filters")
        XCTAssertEqual(offer["accepted"], .bool(true))
        XCTAssertEqual(offer["item"]?["sku"]?.string, "F1", "\(offer)")

        let shown = try XCTUnwrap(workspace.card("C000002")["calls"]?.elements.first?["offers"]?.elements.first)
        XCTAssertEqual(shown["item"]?["sku"]?.string, "F1", "\(shown)")
    }

    func testEndOfCallLineShowsTheOutcomeKeyAndItsLabel() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let sale = try workspace.runCall(card: nil, answers: WorkspaceFixture.answers(buy: "yes"))
        XCTAssertEqual(sale.status, 0, sale.stderr)
        XCTAssertTrue(sale.stdout.contains("Call ended: sale — Sale"), sale.stdout)
        let noSale = try workspace.runCall(card: nil, answers: WorkspaceFixture.answers(buy: "no"))
        XCTAssertEqual(noSale.status, 0, noSale.stderr)
        XCTAssertTrue(noSale.stdout.contains("Call ended: no_sale — No sale"), noSale.stdout)
    }
}
