import CallGuide
import CallGuideStore
import Foundation
import XCTest

class StoreImportTests: StoreTestCase {
    let schema = CardSchema(
        fields: [.field("budget", .number), .field("segment", .choice, ["retail", "wholesale"]), .field("vip_since", .date)],
        statuses: ["new", "active"])

    func testImportCreatesAndUpdatesCards() throws {
        let store = try makeStore(schema)
        let existing = try store.createCard(["phone": .string("+7 900 111 22 33"), "name": .string("Old name")])
        let csv = """
            name,phone,email,budget,segment,status\r
            "Petrov, Ivan",+7 (900) 111-22-33,ivan@example.com,1500.5,retail,active\r
            Anna,380445551234,,,wholesale,\r

            """
        let summary = try store.importCards(csv: csv)
        XCTAssertEqual([summary.created, summary.updated], [1, 1])
        let ivan = try XCTUnwrap(store.card(existing.id))
        XCTAssertEqual(ivan.name, "Petrov, Ivan")
        XCTAssertEqual(ivan.fields["budget"], .number(Decimal(string: "1500.5")!))
        XCTAssertEqual(ivan.status, "active")
        let anna = try XCTUnwrap(store.card(key: "380445551234"))
        XCTAssertEqual(anna.status, "new")
        XCTAssertEqual(anna.fields["segment"], .string("wholesale"))
        XCTAssertNil(anna.email)
    }

    func testImportWithAnIdKeepsIt() throws {
        let store = try makeStore(schema)
        try store.importCards(csv: "id,name\nC000017,Olga\n")
        XCTAssertEqual(try store.card("C000017")?.name, "Olga")
        try store.importCards(csv: "id,name\nC000017,Olga K\n")
        XCTAssertEqual(try store.card("C000017")?.name, "Olga K")
        XCTAssertEqual(try store.cardCount(), 1)
    }

    func testEveryBadRowIsNamedAndNothingIsImported() throws {
        let store = try makeStore(schema)
        let csv = """
            name,budget,segment,vip_since,email
            Good,10,retail,2024-01-31,a@b.c
            Bad budget,ten,retail,,
            "Multi
            line good",1,wholesale,,
            Bad segment,1,vip,,
            Short row,1
            Bad date and email,1,retail,2024-02-30,nope
            """
        do {
            try store.importCards(csv: csv)
            XCTFail("the import should have been refused")
        } catch StoreError.badImport(let problems) {
            XCTAssertEqual(problems.map(\.line), [3, 6, 7, 8])
            XCTAssertTrue(problems[0].message.contains("budget"), problems[0].message)
            XCTAssertTrue(problems[1].message.contains("segment"), problems[1].message)
            XCTAssertTrue(problems[2].message.contains("expected 5 fields, found 2"), problems[2].message)
            XCTAssertTrue(problems[3].message.contains("vip_since") && problems[3].message.contains("email"), problems[3].message)
        }
        XCTAssertEqual(try store.cardCount(), 0)
    }

    /// The import commits in batches (store.md 2), so the whole input is
    /// checked first: a phone too short to store, after more rows than a
    /// batch holds, still imports nothing and is named by its line.
    func testARowOnlyTheWriteWouldRefuseStillImportsNothing() throws {
        let store = try makeStore(schema)
        var csv = "name,phone\n"
        for index in 0..<1_200 { csv += "Client \(index),+7 900 \(String(format: "%07d", index))\n" }
        csv += "Short phone,12\n"
        do {
            try store.importCards(csv: csv)
            XCTFail("the import should have been refused")
        } catch StoreError.badImport(let problems) {
            XCTAssertEqual(problems.map(\.line), [1_202])
            XCTAssertTrue(problems[0].message.contains("column 'phone': '12'"), problems[0].message)
        }
        XCTAssertEqual(try store.cardCount(), 0)
        csv.removeLast("Short phone,12\n".count)
        XCTAssertEqual(try store.importCards(csv: csv).created, 1_200)
        XCTAssertEqual(try store.cardCount(), 1_200)
        XCTAssertEqual(try store.searchCards(text: "cl", limit: 2000).count, 1_200, "word starts written for every batch")
    }

    func testUnknownColumnsAreErrors() throws {
        let store = try makeStore(schema)
        assertStoreError(.badImport(problems: [ImportProblem(line: 1, message: "column 2: unknown card field 'shoe_size'")])) {
            try store.importCards(csv: "name,shoe_size\nIvan,42\n")
        }
        assertStoreError(.badImport(problems: [ImportProblem(line: 1, message: "the file is empty; expected a header row of field names")])) {
            try store.importCards(csv: "")
        }
        XCTAssertEqual(try store.cardCount(), 0)
    }

    func testExportReadsBackIntoAnotherStore() throws {
        let store = try makeStore(schema)
        _ = try store.createCard(["name": .string("Petrov, Ivan"), "phone": .string("+7 900 111 22 33"), "budget": .number(12.5)])
        _ = try store.createCard(["name": .string("Анна \"Q\""), "segment": .string("retail")])
        let csv = try store.exportCardsCSV()
        XCTAssertTrue(csv.hasPrefix("id,phone,name,email,company,region,status,budget,segment,vip_since\r\n"))
        let other = try openStore("other.db", schema: schema)
        let summary = try other.importCards(csv: csv)
        XCTAssertEqual([summary.created, summary.updated], [2, 0])
        let exported = try store.exportCards()
        let imported = try other.exportCards()
        XCTAssertEqual(imported.map(\.id), exported.map(\.id))
        XCTAssertEqual(imported.map(\.name), exported.map(\.name))
        XCTAssertEqual(imported.map(\.fields), exported.map(\.fields))
    }
}
