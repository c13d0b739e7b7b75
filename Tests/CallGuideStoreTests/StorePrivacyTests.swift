import CallGuide
import CallGuideStore
import Foundation
import Glibc
import XCTest

/// store.md 6 in the store: file modes, CSV formula neutralization,
/// validation at the edges, `forget` and `--redact`.
class StorePrivacyTests: StoreTestCase {
    let schema = CardSchema(
        fields: [.field("budget", .number), .field("segment", .choice, ["retail", "wholesale"]), .field("remark", .text),
                 .field("birthday", .date)],
        statuses: ["new", "active"])

    func mode(_ path: String) -> mode_t {
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0, path)
        return status.st_mode & 0o777
    }

    func testDatabaseAndItsSideFilesAreTheOwnersAloneUnderUmask022() throws {
        try skipUnlessSQLite()
        let previous = umask(0o022)
        defer { umask(previous) }
        let store = try makeStore(schema)
        _ = try store.createCard(["name": .string("Olga")])
        // While the store is open, WAL mode keeps its side files.
        for suffix in ["", "-wal", "-shm"] {
            XCTAssertEqual(mode(dbPath() + suffix), 0o600, "callguide.db\(suffix)")
        }
    }

    func testAGroupGetsReadAndWriteAndTheGroupOwnsTheFiles() throws {
        try skipUnlessSQLite()
        let previous = umask(0o022)
        defer { umask(previous) }
        let store = try CardStore(path: dbPath(), schema: schema, permissions: FilePermissions(group: getegid()))
        _ = try store.createCard(["name": .string("Olga")])
        for suffix in ["", "-wal", "-shm"] {
            XCTAssertEqual(mode(dbPath() + suffix), 0o660, "callguide.db\(suffix)")
            var status = stat()
            stat(dbPath() + suffix, &status)
            XCTAssertEqual(status.st_gid, getegid())
        }
    }

    func testFormulaCellsGetAQuoteNumbersAndPhonesDoNot() {
        XCTAssertEqual(CSV.neutralize("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")")
        XCTAssertEqual(CSV.neutralize("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSV.neutralize("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0")
        XCTAssertEqual(CSV.neutralize("-2+3"), "'-2+3")
        XCTAssertEqual(CSV.neutralize("\tx"), "'\tx")
        XCTAssertEqual(CSV.neutralize("\rx"), "'\rx")
        for kept in ["-12.5", "+3", "-1e3", "+7 (900) 123-45-67", "+380501112233", "Olga", "", "'quoted", "a=b"] {
            XCTAssertEqual(CSV.neutralize(kept), kept)
        }
        // A quote already there before a formula character is doubled, so
        // reading it back gives the very text.
        XCTAssertEqual(CSV.neutralize("'=x"), "''=x")
        for text in ["=1+2", "'=x", "-x", "@y", "plain", "'plain", "-5"] {
            XCTAssertEqual(CSV.unneutralize(CSV.neutralize(text)), text)
        }
        XCTAssertTrue(CSV.write([["=1+2", "-5"]]).hasPrefix("'=1+2,-5"))
    }

    func testAnExportWithFormulaLikeValuesImportsBackUnchanged() throws {
        let store = try makeStore(schema)
        _ = try store.createCard([
            "name": .string("=HYPERLINK(\"http://evil\",\"x\")"), "company": .string("@Acme"), "region": .string("-north"),
            "phone": .string("+7 900 111-22-33"), "budget": .number(-5), "remark": .string("'=already quoted"),
        ])
        let csv = try store.exportCardsCSV()
        XCTAssertTrue(csv.contains("'@Acme") && csv.contains("'-north") && csv.contains(",+7 900 111-22-33,") && csv.contains(",-5,"), csv)
        XCTAssertFalse(csv.contains(",=") || csv.contains(",@"), csv)
        let other = try openStore("other.db", schema: schema)
        try other.importCards(csv: csv)
        XCTAssertEqual(try other.exportCards().map(\.allFields), try store.exportCards().map(\.allFields))
        XCTAssertEqual(try other.exportCardsCSV(), csv)
    }

    func problems(_ store: CardStore, _ csv: String, options: ImportOptions = ImportOptions()) -> [ImportProblem] {
        do {
            try store.importCards(csv: csv, options: options)
            XCTFail("the import should have been refused")
        } catch StoreError.badImport(let problems) {
            return problems
        } catch {
            XCTFail("\(error)")
        }
        return []
    }

    func testImportRefusesForeignIdsShortAndLongPhonesNULAndInexactNumbers() throws {
        let store = try makeStore(schema)
        let found = problems(store, """
            id,phone,name,budget
            ../../etc/passwd,+7 900 111 22 33,A,1
            ,123,B,1
            ,1234567890123456789012,C,1
            ,+7 900 111 22 34,D\u{0}E,1
            ,+7 900 111 22 35,F,12345678901234567890123456789012345678901234
            ,+7 900 111 22 36,G,1 500\u{2009}000

            """)
        XCTAssertEqual(found.map(\.line), [2, 3, 4, 5, 6])
        XCTAssertTrue(found[0].message.contains("column 'id'") && found[0].message.contains("not a card id"), found[0].message)
        XCTAssertTrue(found[1].message.contains("column 'phone'") && found[1].message.contains("7 to 15 digits"), found[1].message)
        XCTAssertTrue(found[2].message.contains("column 'phone'"), found[2].message)
        XCTAssertTrue(found[3].message.contains("column 'name'") && found[3].message.contains("NUL"), found[3].message)
        XCTAssertTrue(found[4].message.contains("column 'budget'") && found[4].message.contains("exactly"), found[4].message)
        XCTAssertEqual(try store.cardCount(), 0)
    }

    func testImportReadsNumbersAsAnswersAreRead() throws {
        let store = try makeStore(schema)
        try store.importCards(csv: "phone,budget\n+7 900 111 22 33,\"1 500,50\"\n")
        XCTAssertEqual(try store.card(key: "79001112233")?.fields["budget"], .number(Decimal(string: "1500.5")!))
    }

    func testBlankCellsKeepStoredValuesUnlessBlankClears() throws {
        let store = try makeStore(schema)
        let card = try store.createCard(["phone": .string("+7 900 111 22 33"), "name": .string("Olga"), "budget": .number(10)])
        try store.importCards(csv: "id,name,budget\n\(card.id),,20\n")
        XCTAssertEqual(try store.card(card.id)?.name, "Olga")
        XCTAssertEqual(try store.card(card.id)?.fields["budget"], .number(20))
        try store.importCards(csv: "id,name,budget\n\(card.id),,20\n", options: ImportOptions(blankClears: true))
        XCTAssertNil(try store.card(card.id)?.name)
    }

    func testDryRunChecksEverythingAndWritesNothing() throws {
        let store = try makeStore(schema)
        let card = try store.createCard(["phone": .string("+7 900 111 22 33"), "name": .string("Olga")])
        let summary = try store.importCards(
            csv: "id,phone,name\n\(card.id),,Olga K\n,+7 911 000 00 01,New\n\(card.id),,Olga K\n", options: ImportOptions(dryRun: true))
        XCTAssertEqual(summary.actions.map(\.kind), [.update, .create, .update])
        XCTAssertEqual(summary.actions[0].fields, ["name"])
        XCTAssertEqual(try store.card(card.id)?.name, "Olga")
        XCTAssertEqual(try store.cardCount(), 1)
        XCTAssertEqual(problems(store, "phone\n12\n", options: ImportOptions(dryRun: true)).map(\.line), [2])
    }

    func testSetRefusesAKeyThatIsNeitherAnIdNorAPhone() throws {
        let store = try makeStore(schema)
        _ = try store.createCard(["phone": .string("+7 900 111 22 33")])
        assertStoreError(.badKey(key: "../../etc/passwd")) { try store.setFields("../../etc/passwd", text: ["name": "x"]) }
        assertStoreError(.invalidValue(field: "phone", value: "123", reason: "a phone number has 7 to 15 digits")) {
            try store.setFields("C000001", text: ["phone": "123"])
        }
        XCTAssertEqual(try store.setFields("C000001", text: ["budget": "1 500,50"]).fields["budget"], .number(Decimal(string: "1500.5")!))
    }

    func testFindCountsTheCardsItDidNotShow() throws {
        let store = try makeStore(schema)
        for index in 0..<7 { _ = try store.createCard(["name": .string("Ivanov \(index)")]) }
        XCTAssertEqual(try store.searchCards(text: "ivanov", limit: 3).count, 3)
        XCTAssertEqual(try store.countMatches(text: "ivanov"), 7)
        XCTAssertEqual(try store.countMatches(text: "iv"), 7)
        XCTAssertEqual(try store.countMatches(text: "petrov"), 0)
    }

    func testMasks() {
        XCTAssertEqual(Redaction.phone("+380501112233"), "+380*******33")
        XCTAssertEqual(Redaction.phone("+7 (900) 123-45-67"), "+7********67")
        XCTAssertEqual(Redaction.phone("0501112233"), "********33")
        XCTAssertEqual(Redaction.email("olga@example.com"), "o***@example.com")
        XCTAssertEqual(Redaction.name("Olga Smirnova"), "O***")
    }

    func testForgetErasesPersonalDataAndKeepsATombstoneAndTheFigures() throws {
        let store = try makeStore(schema)
        let card = try store.createCard([
            "phone": .string("+380501112233"), "name": .string("Olga"), "email": .string("olga@example.com"),
            "company": .string("Acme"), "remark": .string("likes cats"), "budget": .number(100), "segment": .string("retail"),
        ])
        var call = record("call-1", card: card.id, nps: 9, offers: [true])
        call.answers = [.init(node: "customer_name", value: .string("Olga")), .init(node: "plan", value: .string("premium")),
                        .init(node: "budget", value: .number(450)), .init(node: "delivery", value: .string("2026-12-03"))]
        call.notes = ["call her after 6"]
        try store.storeCall(call, cardChanges: ["name": .string("Olga"), "budget": .number(450)], cardRevisionAtStart: nil, transitions: nil)
        let types: [String: AnswerType] = ["customer_name": .text, "plan": .choice, "budget": .number, "delivery": .date]
        let result = try store.forget(card.id, answerType: { _, node in types[node] })

        let tombstone = try XCTUnwrap(store.card(card.id))
        XCTAssertEqual([tombstone.name, tombstone.phone, tombstone.email, tombstone.company], [nil, nil, nil, nil])
        XCTAssertNil(tombstone.fields["remark"])
        XCTAssertEqual(tombstone.fields["budget"], .number(450))
        XCTAssertEqual(tombstone.fields["segment"], .string("retail"))
        XCTAssertEqual(tombstone.status, card.status)
        XCTAssertEqual(tombstone.createdAt.timeIntervalSince1970, card.createdAt.timeIntervalSince1970, accuracy: 0.001)
        XCTAssertNil(try store.card(key: "+380501112233"), "the phone no longer finds the card")
        XCTAssertTrue(try store.searchCards(text: "olga").isEmpty, "the search index forgot the name")

        let stored = try XCTUnwrap(store.call("call-1"))
        XCTAssertEqual(stored.answers.map(\.value), [.null, .string("premium"), .number(450), .null])
        XCTAssertEqual(stored.notes, [])
        XCTAssertEqual(stored.cardChanges["name"], .null)
        XCTAssertEqual(stored.cardChanges["budget"], .number(450))
        XCTAssertEqual(stored.npsScore, 9)
        XCTAssertEqual(stored.offers.map(\.accepted), [true])
        XCTAssertEqual(result.erased.answerNodes["call-1"], ["customer_name", "delivery"])
        XCTAssertTrue(result.erased.masks.contains { $0.value == "+380501112233" && $0.mask == "+380*******33" })
    }

    func testRedactedCardMasksNamesPhonesEmailsAndTexts() throws {
        let store = try makeStore(schema)
        let card = try store.createCard([
            "phone": .string("+380501112233"), "name": .string("Olga"), "email": .string("olga@example.com"),
            "remark": .string("likes cats"), "budget": .number(100),
        ])
        let masked = store.redacted(card)
        XCTAssertEqual(masked.phone, "+380*******33")
        XCTAssertEqual(masked.name, "O***")
        XCTAssertEqual(masked.email, "o***@example.com")
        XCTAssertEqual(masked.fields["remark"], .string("***"))
        XCTAssertEqual(masked.fields["budget"], .number(100))
        XCTAssertFalse(try store.exportCardsCSV(redacted: true).contains("Olga"))
    }
}

/// `card set` and import read yes/no and dates as the prompt does.
final class StoreAnswerFormTests: StoreTestCase {
    func testYesNoAndDatesAreReadAsAtThePrompt() throws {
        let schema = CardSchema(fields: [.field("vip", .yesno), .field("since", .date)])
        let store = try makeStore(schema)
        let id = try store.createCard([:]).id
        let card = try store.setFields(id, text: ["vip": "да", "since": "01.12.2026"])
        XCTAssertEqual(card.fields["vip"], .bool(true))
        XCTAssertEqual(card.fields["since"], .string("2026-12-01"))
        XCTAssertEqual(try store.setFields(id, text: ["vip": "0"]).fields["vip"], .bool(false))
    }
}
