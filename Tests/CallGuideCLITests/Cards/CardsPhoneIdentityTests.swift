import CallGuide
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
