import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// Storing a call that was made while the store was away (store.md 2):
/// idempotent by call id, and a call that never read its card conflicts
/// with every field it writes that the card already has.
class StoreSyncTests: StoreTestCase {
    func testTheSameCallStoredTwiceIsStoredOnce() throws {
        let store = try makeStore()
        let card = try store.createCard(["name": .string("Ivan")])
        var call = record("call-1", card: card.id)
        call.transcriptPath = "transcripts/a.jsonl"
        let first = try store.storeCall(call, cardChanges: ["region": .string("Kyiv")], baseline: .revision(card.revision), transitions: nil)
        XCTAssertFalse(first.alreadyStored)
        call.cardChanges = ["region": .string("Kyiv")]
        let second = try store.storeCall(call, cardChanges: ["region": .string("Kyiv")], baseline: .fields([:]), transitions: nil)
        XCTAssertTrue(second.alreadyStored)
        XCTAssertEqual(second.applied, [])
        XCTAssertEqual(try store.callCount(), 1)
        XCTAssertEqual(try store.card(card.id)?.revision, first.card?.revision, "the card is not written again")
    }

    func testAnotherCallWithAStoredIdIsAnErrorNamingBoth() throws {
        let store = try makeStore()
        var call = record("call-1", card: nil)
        call.transcriptPath = "transcripts/a.jsonl"
        try store.storeCall(call, cardChanges: [:], baseline: nil, transitions: nil)
        var other = record("call-1", card: nil, operator: "lena")
        other.transcriptPath = "transcripts/b.jsonl"
        assertStoreError(.callIDTaken(id: "call-1", stored: "transcripts/a.jsonl", new: "transcripts/b.jsonl")) {
            try store.storeCall(other, cardChanges: [:], baseline: nil, transitions: nil)
        }
        XCTAssertEqual(try store.call("call-1")?.operator, "olga")
        XCTAssertTrue(StoreError.callIDTaken(id: "call-1", stored: "transcripts/a.jsonl", new: "transcripts/b.jsonl").description
            .contains("transcripts/b.jsonl has the call id call-1, which the store already holds for another call (transcripts/a.jsonl)"))
    }

    func testACallThatNeverReadItsCardConflictsWithEveryFieldTheCardHas() throws {
        let store = try makeStore()
        let card = try store.createCard(["name": .string("Ivan"), "email": .string("ivan@example.com")])
        let result = try store.storeCall(
            record("unread", card: card.id),
            cardChanges: ["name": .string("Ivan"), "email": .string("new@example.com"), "region": .string("Lviv")],
            baseline: .unread, transitions: nil)
        XCTAssertEqual(result.applied, ["region"], "only the empty field is written")
        XCTAssertEqual(result.conflicts, [
            .conflict(field: "email", stored: .string("ivan@example.com"), call: .string("new@example.com")),
            .conflict(field: "name", stored: .string("Ivan"), call: .string("Ivan")),
        ])
        let after = try XCTUnwrap(store.card(card.id))
        XCTAssertEqual(after.email, "ivan@example.com")
        XCTAssertEqual(after.region, "Lviv")
    }
}
