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

    func testNormalizingVersionOnePhonesRewritesThemAndListsCardsThatShareANumber() throws {
        let store = try makeStore()
        try store.importCards(csv: "name,phone\nOlga,050 111 22 33\nOlga P,+380501112233\nIvan,+38 (067) 123-45-67\nAnna,111 22 33\n")
        store.schema = ukraine
        let result = try store.normalizePhones()
        XCTAssertEqual(result.rewritten, 3, "Olga P's phone was in the store's form already")
        XCTAssertEqual(result.shared.map(\.phone), ["+380501112233"])
        XCTAssertEqual(result.shared.first?.cards.map(\.id), ["C000001", "C000002"], "listed, never merged")
        XCTAssertEqual(try store.exportCards().map(\.phone), ["+380501112233", "+380501112233", "+380671234567", "1112233"])
        XCTAssertEqual(try store.card("C000001")?.revision, 2, "a rewritten phone is a change of the card")
        let again = try store.normalizePhones()
        XCTAssertEqual(again.rewritten, 0)
        XCTAssertEqual(again.shared.map(\.phone), ["+380501112233"])
        XCTAssertTrue(store.isUnrecognizedPhone("1112233"))
        XCTAssertFalse(store.isUnrecognizedPhone("+380671234567"))
        store.schema = CardSchema()
        XCTAssertFalse(store.isUnrecognizedPhone("1112233"), "without the setting no phone is flagged")
    }

    func testWithUniquePhonesCardSetAndImportRefuseAnotherCardsPhone() throws {
        var schema = ukraine
        schema.uniquePhones = true
        let store = try makeStore(schema)
        let olga = try store.findOrCreateByPhone("050 111 22 33").card
        let ivan = try store.createCard(["name": .string("Ivan")])
        assertStoreError(.phoneTaken(phone: "+380501112233", card: olga.id)) {
            try store.setFields(ivan.id, text: ["phone": "+38 050 111 22 33"])
        }
        XCTAssertNoThrow(try store.setFields(olga.id, text: ["phone": "0501112233", "name": "Olga"]), "its own phone again")
        assertStoreError(.badImport(problems: [ImportProblem(line: 3, message: StoreError.phoneTaken(phone: "+380501112233", card: olga.id).description)])) {
            try store.importCards(csv: "id,name,phone\n\(ivan.id),Ivan,0671234567\n\(ivan.id),Ivan,0501112233\n")
        }
        XCTAssertNil(try store.card(ivan.id)?.phone, "nothing was imported")
        XCTAssertEqual(try store.importCards(csv: "name,phone\nOlga K,050 111 22 33\n").updated, 1, "a row without an id updates the card with that phone")
        store.schema.uniquePhones = false
        XCTAssertEqual(try store.setFields(ivan.id, text: ["phone": "0501112233"]).phone, "+380501112233", "allowed without unique_phones")
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
