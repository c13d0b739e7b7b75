import CallGuide
import CallGuideStore
import Foundation
import XCTest

class StoreCallTests: StoreTestCase {
    let transitions = StatusTransitions(allowed: ["new": ["in_work"], "in_work": ["active"]])

    func testACallIsStoredWithEverythingItCarries() throws {
        let store = try makeStore(CardSchema(fields: [.field("budget", .number)]))
        let card = try store.createCard(["name": .string("Ivan")])
        var call = record("call-1", card: card.id, nps: 9, offers: [true, false])
        call.transcriptPath = "transcripts/2024-05-01/call-1.jsonl"
        let result = try store.storeCall(
            call, cardChanges: ["budget": .number(1000), "region": .string("Kyiv")], cardRevisionAtStart: card.revision,
            transitions: nil)
        XCTAssertEqual(result.applied, ["budget", "region"])
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.card?.revision, 2)
        let stored = try XCTUnwrap(store.call("call-1"))
        XCTAssertEqual(stored.answers, call.answers)
        XCTAssertEqual(stored.notes, ["called back"])
        XCTAssertEqual(stored.npsScore, 9)
        XCTAssertEqual(stored.offers, call.offers)
        XCTAssertEqual(stored.offersAccepted, 1)
        XCTAssertEqual(stored.durationSeconds, 60)
        XCTAssertEqual(stored.cardChanges, ["budget": .number(1000), "region": .string("Kyiv")])
        XCTAssertEqual(stored.transcriptPath, "transcripts/2024-05-01/call-1.jsonl")
        XCTAssertEqual(try store.card(card.id)?.region, "Kyiv")
        XCTAssertEqual(try store.card(card.id)?.fields["budget"], .number(1000))
    }

    func testACallWithoutACardIsStored() throws {
        let store = try makeStore()
        let result = try store.storeCall(record("anon", card: nil), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        XCTAssertNil(result.card)
        XCTAssertEqual(try store.callCount(), 1)
        XCTAssertNil(try store.call("anon")?.cardId)
    }

    func testAFieldChangedOnBothSidesIsNotOverwritten() throws {
        let store = try makeStore()
        let card = try store.createCard(["name": .string("Ivan"), "email": .string("old@example.com")])
        let startRevision = card.revision
        // Meanwhile another operator changes the email.
        try store.setFields(card.id, ["email": .string("theirs@example.com")])
        let result = try store.storeCall(
            record("call-2", card: card.id),
            cardChanges: ["email": .string("mine@example.com"), "region": .string("Lviv")],
            cardRevisionAtStart: startRevision, transitions: nil)
        XCTAssertEqual(result.applied, ["region"])
        XCTAssertEqual(result.conflicts, [.conflict(field: "email", stored: .string("theirs@example.com"), call: .string("mine@example.com"))])
        let after = try XCTUnwrap(store.card(card.id))
        XCTAssertEqual(after.email, "theirs@example.com")
        XCTAssertEqual(after.region, "Lviv")
        let stored = try XCTUnwrap(store.call("call-2"))
        XCTAssertEqual(stored.cardChanges["email"], .string("mine@example.com"))
        XCTAssertEqual(stored.cardChangeProblems, result.problems)
    }

    func testTwoCallsThatReadTheSameVisitsAndBothWriteTheIncrementRecordAConflict() throws {
        let store = try makeStore(CardSchema(fields: [.field("visits", .number)]))
        let card = try store.setFields(store.createCard(["name": .string("Ivan")]).id, ["visits": .number(1)])
        // Both calls read visits = 1 at the same revision and compute 1 + 1.
        let first = try store.storeCall(
            record("call-a", card: card.id), cardChanges: ["visits": .number(2)], cardRevisionAtStart: card.revision,
            transitions: nil)
        XCTAssertEqual(first.applied, ["visits"])
        let second = try store.storeCall(
            record("call-b", card: card.id), cardChanges: ["visits": .number(2)], cardRevisionAtStart: card.revision,
            transitions: nil)
        XCTAssertEqual(second.applied, [])
        XCTAssertEqual(second.conflicts, [.conflict(field: "visits", stored: .number(2), call: .number(2))],
                       "the lost increment leaves a trace although the values agree")
        XCTAssertEqual(try store.call("call-b")?.cardChangeProblems, second.problems)
        XCTAssertEqual(try store.card(card.id)?.fields["visits"], .number(2))
    }

    func testAFieldChangedOnlyByTheCallIsAppliedEvenIfTheCardMoved() throws {
        let store = try makeStore()
        let card = try store.createCard(["name": .string("Ivan")])
        try store.setFields(card.id, ["company": .string("Acme")])
        let result = try store.storeCall(
            record("call-3", card: card.id), cardChanges: ["name": .string("Ivan Petrov")], cardRevisionAtStart: card.revision,
            transitions: nil)
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(try store.card(card.id)?.name, "Ivan Petrov")
        XCTAssertEqual(try store.card(card.id)?.company, "Acme")
    }

    func testAResumedCallComparesWithTheFieldsItSawAtItsStart() throws {
        let store = try makeStore()
        let card = try store.createCard(["name": .string("Ivan"), "email": .string("old@example.com")])
        // What the call's transcript recorded at its start.
        let seen = card.allFields
        // Before the resume, another operator changes the email and the company.
        try store.setFields(card.id, ["email": .string("theirs@example.com"), "company": .string("Acme")])
        let result = try store.storeCall(
            record("call-5", card: card.id),
            cardChanges: ["email": .string("mine@example.com"), "region": .string("Lviv"), "company": .string("Acme")],
            baseline: .fields(seen), transitions: nil)
        // The email changed under the call: kept. The region did not: applied.
        // The company changed under the call too: a conflict even though it
        // now holds what the call wanted (store.md section 5).
        XCTAssertEqual(result.applied, ["region"])
        XCTAssertEqual(result.conflicts, [
            .conflict(field: "company", stored: .string("Acme"), call: .string("Acme")),
            .conflict(field: "email", stored: .string("theirs@example.com"), call: .string("mine@example.com")),
        ])
        let after = try XCTUnwrap(store.card(card.id))
        XCTAssertEqual(after.email, "theirs@example.com")
        XCTAssertEqual(after.region, "Lviv")
    }

    func testAResumedCallWhoseCardDidNotChangeAppliesEverything() throws {
        let store = try makeStore()
        let card = try store.createCard(["name": .string("Ivan")])
        let result = try store.storeCall(
            record("call-6", card: card.id), cardChanges: ["name": .string("Ivan Petrov"), "email": .string("i@example.com")],
            baseline: .fields(card.allFields), transitions: nil)
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.applied, ["email", "name"])
    }

    func testAForbiddenStatusIsRefusedAndTheRestStored() throws {
        let store = try makeStore()
        let card = try store.createCard([:])
        let result = try store.storeCall(
            record("call-4", card: card.id), cardChanges: ["status": .string("active"), "name": .string("Olga")],
            cardRevisionAtStart: card.revision, transitions: transitions)
        XCTAssertEqual(result.refusedStatus, .statusRefused(from: "new", to: "active"))
        XCTAssertEqual(result.applied, ["name"])
        XCTAssertEqual(try store.card(card.id)?.status, "new")
        XCTAssertEqual(try store.card(card.id)?.name, "Olga")
        XCTAssertNotNil(try store.call("call-4"))
        let allowed = try store.storeCall(
            record("call-5", card: card.id), cardChanges: ["status": .string("in_work")], cardRevisionAtStart: nil,
            transitions: transitions)
        XCTAssertEqual(allowed.applied, ["status"])
    }

    func testAStoreThatFailsLeavesNoCallAndNoCardChange() throws {
        let store = try makeStore()
        let card = try store.createCard([:])
        try store.storeCall(record("dup", card: card.id), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        XCTAssertThrowsError(
            try store.storeCall(record("dup", card: card.id), cardChanges: ["name": .string("X")], cardRevisionAtStart: nil, transitions: nil))
        XCTAssertNil(try store.card(card.id)?.name)
        XCTAssertEqual(try store.callCount(), 1)
        assertStoreError(.noSuchCard(key: "C404")) {
            try store.storeCall(record("lost", card: "C404"), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        }
    }

    func testLastCallsAndFilteredListings() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        let card = try store.createCard([:])
        let day: Double = 86_400
        let base = Date(timeIntervalSince1970: 1_714_521_600)  // 2024-05-01 00:00 UTC
        for i in 0..<6 {
            try store.storeCall(
                record("c\(i)", card: i < 4 ? card.id : nil, operator: i % 2 == 0 ? "olga" : "petr", script: i < 3 ? "order" : "nps",
                    start: base.addingTimeInterval(Double(i) * day + 3600)),
                cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        }
        XCTAssertEqual(try store.lastCalls(cardId: card.id, limit: 3).map(\.id), ["c3", "c2", "c1"])
        XCTAssertEqual(try store.calls(since: "2024-05-02", until: "2024-05-04").map(\.id), ["c1", "c2", "c3"])
        XCTAssertEqual(try store.calls(operator: "petr").map(\.id), ["c1", "c3", "c5"])
        XCTAssertEqual(try store.calls(script: "nps").map(\.id), ["c3", "c4", "c5"])
        XCTAssertEqual(try store.calls(since: "2024-05-03", operator: "olga", script: "order").map(\.id), ["c2"])
    }
}
