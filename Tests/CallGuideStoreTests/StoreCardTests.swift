import CallGuide
import CallGuideStore
import Foundation
import XCTest

class StoreCardTests: StoreTestCase {
    let schema = CardSchema(
        fields: [.field("budget", .number), .field("segment", .choice, ["retail", "wholesale"]), .field("visits", .integer)],
        statuses: ["new", "potential", "in_work", "active", "vip", "refused"],
        transitions: StatusTransitions(allowed: [
            "new": ["potential", "in_work", "refused"], "potential": ["in_work", "refused"], "in_work": ["active", "refused"],
            "active": ["vip"],
        ]))

    func testANewCardGetsASequentialIdAndTheFirstStatus() throws {
        let store = try makeStore(CardSchema(statuses: ["lead", "client"]))
        let first = try store.createCard(["name": .string("Ivan")])
        let second = try store.createCard([:])
        XCTAssertEqual(first.id, "C000001")
        XCTAssertEqual(second.id, "C000002")
        XCTAssertEqual(first.status, "lead")
        XCTAssertEqual(first.revision, 1)
        XCTAssertEqual(try makeStore().createCard([:]).status, "new")
    }

    func testLookupByIdOrPhoneComparesDigitsOnly() throws {
        let store = try makeStore()
        let card = try store.createCard(["phone": .string("+7 (900) 123-45-67"), "name": .string("Ivan")])
        XCTAssertEqual(try store.card(key: "79001234567")?.id, card.id)
        XCTAssertEqual(try store.card(key: "7-900-123 45 67")?.id, card.id)
        XCTAssertEqual(try store.card(key: card.id)?.name, "Ivan")
        XCTAssertNil(try store.card(key: "79001234568"))
        XCTAssertNil(try store.card(key: "nobody"))
    }

    func testFindOrCreateByPhoneCreatesOnlyOnce() throws {
        let store = try makeStore(schema)
        let (created, wasNew) = try store.findOrCreateByPhone("+7 900 000-00-01")
        XCTAssertTrue(wasNew)
        XCTAssertEqual(created.status, "new")
        let (found, wasNewAgain) = try store.findOrCreateByPhone("79000000001")
        XCTAssertFalse(wasNewAgain)
        XCTAssertEqual(found.id, created.id)
        XCTAssertEqual(try store.cardCount(), 1)
        XCTAssertThrowsError(try store.findOrCreateByPhone("no digits"))
    }

    func testSetFieldsTypesValuesAndBumpsTheRevision() throws {
        let store = try makeStore(schema)
        let card = try store.createCard(["name": .string("Ivan")])
        let updated = try store.setFields(card.id, text: ["budget": "1500.50", "segment": "retail", "email": "ivan@example.com"])
        XCTAssertEqual(updated.fields["budget"], .number(Decimal(string: "1500.50")!))
        XCTAssertEqual(updated.fields["segment"], .string("retail"))
        XCTAssertEqual(updated.email, "ivan@example.com")
        XCTAssertEqual(updated.revision, 2)
        let reread = try XCTUnwrap(store.card(card.id))
        XCTAssertEqual(reread.fields["budget"], .number(Decimal(string: "1500.5")!))
        XCTAssertEqual(reread.revision, 2)
        // Clearing a field.
        XCTAssertNil(try store.setFields(card.id, text: ["segment": ""]).fields["segment"])
    }

    func testSetFieldsRefusesBadValuesAndUnknownFields() throws {
        let store = try makeStore(schema)
        let id = try store.createCard([:]).id
        assertStoreError(.invalidValue(field: "budget", value: "lots", reason: "expected a number, e.g. 1500 or 1 500,50")) {
            try store.setFields(id, text: ["budget": "lots"])
        }
        assertStoreError(.invalidValue(field: "segment", value: "vip", reason: "expected one of retail, wholesale")) {
            try store.setFields(id, ["segment": .string("vip")])
        }
        assertStoreError(.invalidValue(field: "visits", value: "1.5", reason: "expected a whole number")) {
            try store.setFields(id, text: ["visits": "1.5"])
        }
        assertStoreError(.unknownField(field: "shoe_size")) { try store.setFields(id, text: ["shoe_size": "42"]) }
        assertStoreError(.noSuchCard(key: "C999999")) { try store.setFields("C999999", ["name": .string("x")]) }
        XCTAssertThrowsError(try store.setFields(id, ["id": .string("C1")]))
        XCTAssertThrowsError(try store.setFields(id, text: ["status": "unknown_status"]))
    }

    func testTheStatusMatrix() throws {
        let store = try makeStore(schema)
        let transitions = try XCTUnwrap(schema.transitions)
        // Every pair of configured statuses: allowed exactly when the matrix says so.
        for from in schema.statuses {
            for to in schema.statuses {
                let expected = from == to || (transitions.allowed[from] ?? []).contains(to)
                XCTAssertEqual(transitions.permits(from: from, to: to), expected, "\(from) -> \(to)")
            }
        }
        let id = try store.createCard([:]).id
        try store.setFields(id, text: ["status": "in_work"])
        assertStoreError(.statusTransitionRefused(card: id, from: "in_work", to: "new")) {
            try store.setFields(id, text: ["status": "new"])
        }
        try store.setFields(id, text: ["status": "active"])
        try store.setFields(id, text: ["status": "vip"])
        assertStoreError(.statusTransitionRefused(card: id, from: "vip", to: "active")) {
            try store.setFields(id, text: ["status": "active"])
        }
        XCTAssertEqual(try store.card(id)?.status, "vip")
        // Without transitions every change is allowed.
        let free = try openStore(schema: CardSchema(statuses: schema.statuses))
        XCTAssertEqual(try free.setFields(id, text: ["status": "new"]).status, "new")
    }

    func testExportListsEveryCardInOrder() throws {
        let store = try makeStore()
        _ = try store.createCard(["name": .string("A")])
        _ = try store.createCard(["name": .string("B")])
        XCTAssertEqual(try store.exportCards().map(\.name), ["A", "B"])
    }
}
