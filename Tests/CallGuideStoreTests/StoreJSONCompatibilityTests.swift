import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// The store's JSON columns are written by the shared JSONWriter now; text
/// written by the store's former writer (Decimal descriptions, `\u00XX`
/// escapes, escaped `/`) must still read back the same.
final class StoreJSONCompatibilityTests: StoreTestCase {
    func testColumnsWrittenByTheFormerWriterStillRead() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("no sqlite3 command") }
        let store = try makeStore(CardSchema(fields: [CardFieldDeclaration.field("price", .number), CardFieldDeclaration.field("note", .text)]))
        let card = try store.createCard(["name": .string("Olga"), "price": .number(1)])
        // The former writer's output for {note: "a\u{1}b/é", price: 0.1}.
        let oldFields = #"{"note":"a\u0001b\/é","price":0.1}"#
        let oldAnswers = #"[{"node":"budget","value":1250.25},{"node":"tags","value":["x","y\u001f"]}]"#
        try store.storeCall(record("call-1", card: card.id), cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        let sql = "UPDATE cards SET fields = '\(oldFields)'; UPDATE calls SET answers = '\(oldAnswers)';"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [dbPath(), sql]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)

        let reopened = try makeStore(CardSchema(fields: [CardFieldDeclaration.field("price", .number), CardFieldDeclaration.field("note", .text)]))
        let read = try XCTUnwrap(reopened.card(card.id))
        XCTAssertEqual(read.fields["price"], .number(Decimal(string: "0.1")!))
        XCTAssertEqual(read.fields["note"], .string("a\u{1}b/é"))
        let call = try XCTUnwrap(reopened.call("call-1"))
        XCTAssertEqual(call.answers.map(\.node), ["budget", "tags"])
        XCTAssertEqual(call.answers.first?.value, .number(Decimal(string: "1250.25")!))
        XCTAssertEqual(call.answers.last?.value, .list([.string("x"), .string("y\u{1f}")]))

        // And what the store writes now reads back exactly.
        try reopened.storeCall(record("call-2", card: card.id), cardChanges: ["price": .number(Decimal(string: "0.3")!)],
                               cardRevisionAtStart: nil, transitions: nil)
        XCTAssertEqual(try reopened.card(card.id)?.fields["price"], .number(Decimal(string: "0.3")!))
    }
}
