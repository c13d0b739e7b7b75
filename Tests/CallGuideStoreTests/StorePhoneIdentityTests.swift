import CallGuide
import CallGuideStore
import XCTest

/// One client, one card however the phone is typed (store.md 4): with a
/// `phone` setting phones are stored in international form, and a phone
/// KEY finds the same number, else the one card ending with its digits.
class StorePhoneIdentityTests: StoreTestCase {
    let ukraine = CardSchema(phoneFormat: PhoneFormat(country: 380, trunk: "0"))

    func testPhonesAreStoredInInternationalFormWhereverTheyEnter() throws {
        let store = try makeStore(ukraine)
        let (called, created) = try store.findOrCreateByPhone("050 111 22 33")
        XCTAssertTrue(created)
        XCTAssertEqual(called.phone, "+380501112233")
        XCTAssertFalse(try store.findOrCreateByPhone("+38 (050) 111-22-33").created)
        XCTAssertFalse(try store.findOrCreateByPhone("380501112233").created)
        let set = try store.setFields(called.id, text: ["phone": "0671234567"])
        XCTAssertEqual(set.phone, "+380671234567")
        try store.importCards(csv: "name,phone\nOlga,0 93 765 43 21\nIvan,+380671234567\n")
        XCTAssertEqual(try store.exportCards().map(\.phone), ["+380671234567", "+380937654321"])
        XCTAssertEqual(try store.card(key: "093-765-43-21")?.name, "Olga")
    }

    func testWithoutTheSettingAPhoneIsStoredAsTyped() throws {
        let store = try makeStore()
        XCTAssertEqual(try store.findOrCreateByPhone("050 111 22 33").card.phone, "050 111 22 33")
        XCTAssertTrue(try store.findOrCreateByPhone("+380501112233").created)
    }

    func testAKeyFindsTheOneCardEndingWithItsDigitsAndSaysSo() throws {
        let store = try makeStore(ukraine)
        let card = try store.createCard(["phone": .string("+48 501 112 233"), "name": .string("Anna")])
        let found = try XCTUnwrap(store.lookUp(key: "0501112233"))
        XCTAssertEqual(found.card.id, card.id)
        XCTAssertEqual(found.suffix?.explanation, "found by the last 9 digits")
        XCTAssertNil(try store.lookUp(key: card.id)?.suffix)
        XCTAssertNil(try store.lookUp(key: "+48501112233")?.suffix)
        // Fewer than 9 digits never match on the end.
        XCTAssertNil(try store.lookUp(key: "01112233"))
        // Erasing a client is never done on a guess from the end of a phone.
        assertStoreError(.noSuchCard(key: "0501112233")) { _ = try store.forget("0501112233", answerType: { _, _ in nil }) }
        XCTAssertEqual(try store.card(card.id)?.name, "Anna")
    }

    func testSeveralCardsEndingWithTheKeyAreListedNotGuessed() throws {
        let store = try makeStore(ukraine)
        let anna = try store.createCard(["phone": .string("+48 501 112 233"), "name": .string("Anna")])
        let karl = try store.createCard(["phone": .string("+49 501 112 233"), "name": .string("Karl")])
        XCTAssertEqual(ambiguousIDs { _ = try store.lookUp(key: "0501112233") }, [anna.id, karl.id])
        XCTAssertEqual(ambiguousIDs { try store.setFields("0501112233", text: ["name": "Olga"]) }, [anna.id, karl.id])
        XCTAssertEqual(try store.card(key: "+49 501 112 233")?.name, "Karl")
    }

    /// The ids listed by the `ambiguousKey` error `body` throws.
    private func ambiguousIDs(_ body: () throws -> Void) -> [String] {
        do {
            try body()
        } catch StoreError.ambiguousKey(_, let cards) {
            return cards.map(\.id)
        } catch {
            XCTFail("expected several cards, got \(error)")
        }
        return []
    }
}
