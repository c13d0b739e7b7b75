import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// `phone:` in callguide.yaml through the real binary (store.md 4): one
/// client keeps one card however the number is typed.
final class CardsPhoneIdentityTests: XCTestCase {
    private func workspace(phone: String) throws -> WorkspaceFixture {
        let workspace = try WorkspaceFixture.make()
        let configuration = workspace.root + "/callguide.yaml"
        let text = try String(contentsOfFile: configuration, encoding: .utf8)
        try (text + "\nphone: \(phone)\n").write(toFile: configuration, atomically: true, encoding: .utf8)
        return workspace
    }

    func testAPhoneTypedTwoWaysFindsTheSameCard() throws {
        let workspace = try workspace(phone: "{country: 380, trunk: \"0\"}")
        defer { workspace.remove() }
        let first = try workspace.runCall(card: "+380501112233", answers: WorkspaceFixture.answers())
        XCTAssertEqual(first.status, 0, first.stderr)
        let second = try workspace.runCall(card: "050 111 22 33", answers: WorkspaceFixture.answers(status: "in_work"))
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("C000001"), second.stdout)
        let cards = try workspace.json(["card", "export", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(cards.elements.count, 1)
        XCTAssertEqual(cards.elements.first?["phone"]?.string, "+380501112233")
    }

    func testDbMigrateNormalizesVersionOnePhonesListsSharedNumbersAndCardShowFlagsAnUnknownOne() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try "name,phone\nOlga,050 111 22 33\nOlga P,+380501112233\nAnna,111 22 33\n".write(toFile: workspace.root + "/cards.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(try workspace.callguide(["card", "import", "cards.csv", "--db", workspace.database]).status, 0)
        let configuration = workspace.root + "/callguide.yaml"
        let text = try String(contentsOfFile: configuration, encoding: .utf8)
        try (text + "\nphone: {country: 380, trunk: \"0\"}\n").write(toFile: configuration, atomically: true, encoding: .utf8)

        let migrated = try workspace.callguide(["db", "migrate", "--db", workspace.database])
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        XCTAssertEqual(migrated.stdout, """
            \(workspace.database): schema \(CardStore.schemaVersion), already up to date.
            Phones: 2 cards' phones written in international form (phone: in callguide.yaml).
            1 number is on more than one card; nothing was merged: keep one card per client with callguide card set or card forget:
              +380501112233: C000001 Olga, C000002 Olga P

            """)
        XCTAssertEqual(try workspace.json(["card", "export", "--format", "json", "--db", workspace.database]).elements.count, 3, "nothing merged")

        let flagged = try workspace.callguide(["card", "show", "C000003", "--db", workspace.database])
        XCTAssertTrue(flagged.stdout.contains("phone    1112233  (not recognized by phone: in callguide.yaml; check it)\n"), flagged.stdout)
        XCTAssertEqual(try workspace.card("C000003")["phone_unrecognized"], .bool(true))
        XCTAssertNil(try workspace.card("C000001")["phone_unrecognized"])
    }

    func testUniquePhonesRefusesAnotherCardsPhoneInCardSetAndImport() throws {
        let workspace = try workspace(phone: "{country: 380, trunk: \"0\"}\nunique_phones: true")
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: "050 111 22 33", answers: WorkspaceFixture.answers()).status, 0)
        XCTAssertEqual(try workspace.runCall(card: "067 123 45 67", answers: WorkspaceFixture.answers(name: "Ivan")).status, 0)
        let set = try workspace.callguide(["card", "set", "C000002", "phone=+38 050 111 22 33", "--db", workspace.database])
        XCTAssertEqual(set.status, 2, set.stdout)
        XCTAssertEqual(set.stderr, "callguide: the phone +380501112233 is card C000001's already, and callguide.yaml says unique_phones: true; change that card, or give its id\n")
        try "id,phone\nC000002,0501112233\n".write(toFile: workspace.root + "/move.csv", atomically: true, encoding: .utf8)
        let imported = try workspace.callguide(["card", "import", "move.csv", "--db", workspace.database])
        XCTAssertEqual(imported.status, 2, imported.stdout)
        XCTAssertTrue(imported.stderr.contains("move.csv:2: the phone +380501112233 is card C000001's already"), imported.stderr)
        XCTAssertEqual(try workspace.card("C000002")["phone"]?.string, "+380671234567")
    }

    func testTheEndOfAPhoneFindsOneCardAndSaysSoAndSeveralAreListed() throws {
        let workspace = try workspace(phone: "{country: 380, trunk: \"0\"}")
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: "+48 501 112 233", answers: WorkspaceFixture.answers(name: "Anna")).status, 0)
        let found = try workspace.runCall(card: "0501112233", answers: WorkspaceFixture.answers(name: "Anna"))
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertTrue(found.stdout.contains("found by the last 9 digits\n"), found.stdout)
        XCTAssertEqual(try workspace.json(["card", "export", "--format", "json", "--db", workspace.database]).elements.count, 1)

        XCTAssertEqual(try workspace.runCall(card: "+49 501 112 233", answers: WorkspaceFixture.answers(name: "Karl\u{1B}[2J")).status, 0)
        let several = try workspace.callguide(["card", "show", "0501112233", "--db", workspace.database])
        XCTAssertEqual(several.status, 2, several.stdout)
        XCTAssertTrue(several.stderr.contains("C000001  Anna  +48501112233"), several.stderr)
        XCTAssertTrue(several.stderr.contains("C000002  Karl^[[2J  +49501112233"), several.stderr)
    }

    func testABadPhoneSettingIsE002WithItsLine() throws {
        let workspace = try workspace(phone: "{country: ukraine, trunk: \"0\"}")
        defer { workspace.remove() }
        let result = try workspace.runCall(card: "0501112233", answers: WorkspaceFixture.answers())
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("error: 'country' must be a country calling code of 1 to 3 digits (380), not 'ukraine'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("callguide.yaml:"), result.stderr)
    }
}
