import CallGuide
import Foundation
import XCTest

/// `run --card` through the real binary: the card is found or created, shown
/// before the first question, and updated when the call is stored.
final class CardsRunTests: XCTestCase {
    func testUnknownPhoneCreatesCardShownBeforeFirstQuestionAndAnswersLandInIt() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let result = try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers(budget: "1250.50"))
        XCTAssertEqual(result.status, 0, result.stderr)
        let output = result.stdout
        let created = try XCTUnwrap(output.range(of: "New caller: card C000001 created for +7 900 123-45-67."), output)
        let shown = try XCTUnwrap(output.range(of: "Card C000001: (no name yet), +7 900 123-45-67 [new]"), output)
        let firstQuestion = try XCTUnwrap(output.range(of: "Name?"), output)
        XCTAssertLessThan(created.lowerBound, shown.lowerBound)
        XCTAssertLessThan(shown.lowerBound, firstQuestion.lowerBound, "the card is shown before the first prompt")
        XCTAssertTrue(output.contains("No earlier calls."), output)

        let card = try workspace.card("+79001234567")
        XCTAssertEqual(card["id"]?.string, "C000001")
        XCTAssertEqual(card["name"]?.string, "Olga")
        XCTAssertEqual(card["company"]?.string, "Acme")
        XCTAssertEqual(card["status"]?.string, "potential")
        XCTAssertEqual(card["fields"]?["budget"]?.number, Decimal(string: "1250.5"), "a number field keeps its exact decimal")
        XCTAssertEqual(card["calls"]?.elements.count, 1)
    }

    func testCardShowsNameStatusAndAtMostFiveLastCalls() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        // Six calls on the harness's shared card, by operator "lena", script "synthetic", outcome "done".
        let stored = try workspace.callguide(["__store-calls", "6", "--db", workspace.database, "--operator", "lena"])
        XCTAssertEqual(stored.status, 0, stored.stderr)
        _ = try workspace.callguide(["card", "set", "+7 000 000-00-01", "name=Ivan Petrov", "--db", workspace.database])
        let result = try workspace.runCall(card: "+7 000 000-00-01", answers: WorkspaceFixture.answers(name: "Ivan Petrov"))
        XCTAssertEqual(result.status, 0, result.stderr)
        let beforeQuestion = String(result.stdout[..<(result.stdout.range(of: "Name?")?.lowerBound ?? result.stdout.endIndex)])
        XCTAssertTrue(beforeQuestion.contains("Card C000001: Ivan Petrov, +7 000 000-00-01 [new]"), beforeQuestion)
        XCTAssertTrue(beforeQuestion.contains("Last calls:"), beforeQuestion)
        let today = Self.today()
        let callLines = beforeQuestion.split(separator: "\n").filter { $0.contains("lena") && $0.contains("synthetic") }
        XCTAssertEqual(callLines.count, 5, "at most five calls are listed:\n\(beforeQuestion)")
        for line in callLines {
            XCTAssertTrue(line.contains(today) && line.contains("synthetic") && line.contains("done"), String(line))
        }
    }

    func testEveryCallIsStoredWithOrWithoutCard() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: nil, answers: WorkspaceFixture.answers()).status, 0)
        XCTAssertEqual(try workspace.runCall(card: "+7 900 555-00-11", answers: WorkspaceFixture.answers()).status, 0)
        let calls = try workspace.calls()
        XCTAssertEqual(calls.count, 2)
        XCTAssertEqual(Set(calls.map { $0["card"]?.string ?? "none" }), ["none", "C000001"])
        XCTAssertEqual(calls.first?["answers"]?["customer_name"]?.string, "Olga")
    }

    func testForbiddenStatusIsRefusedAndTheRestOfTheCallIsStored() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        // new -> vip is not among the transitions of `callguide init`.
        let transcript = workspace.root + "/transcripts/refused.jsonl"
        let result = try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers(name: "Pavel", status: "vip"),
                                           extra: ["--transcript", transcript])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("error: the card's status cannot change from 'new' to 'vip'"), result.stdout)
        let errors = transcriptEvents(transcript).filter { $0["event"]?.string == "error" }
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?["node"]?.string, "new_status")
        let card = try workspace.card("C000001")
        XCTAssertEqual(card["status"]?.string, "new", "the status is unchanged")
        XCTAssertEqual(card["name"]?.string, "Pavel", "the rest of the call's changes are applied")
        XCTAssertEqual(try workspace.calls().count, 1)

        // An allowed move (new -> in_work) is applied.
        XCTAssertEqual(try workspace.runCall(card: "C000001", answers: WorkspaceFixture.answers(status: "in_work")).status, 0)
        XCTAssertEqual(try workspace.card("C000001")["status"]?.string, "in_work")
    }

    func testConcurrentChangeToTheSameFieldKeepsStoredValueAndTellsTheOperator() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers()).status, 0)
        let transcript = workspace.root + "/transcripts/call-a.jsonl"
        let callA = try LiveCallguide(
            ["run", workspace.script, "--card", "C000001", "--operator", "anna", "--db", workspace.database, "--transcript", transcript],
            in: workspace.root)
        callA.type(["Olga", "Call A Ltd"])
        XCTAssertTrue(LiveCallguide.wait { transcriptEvents(transcript).filter { $0["event"]?.string == "answer" }.count == 2 })
        // Meanwhile the company changes on the card.
        let set = try workspace.callguide(["card", "set", "C000001", "company=Set Meanwhile", "--db", workspace.database])
        XCTAssertEqual(set.status, 0, set.stderr)
        callA.type(["500", "potential", "no", "no", "7"])
        XCTAssertEqual(callA.finish(), 0, callA.output)

        let card = try workspace.card("C000001")
        XCTAssertEqual(card["company"]?.string, "Set Meanwhile", "the stored value stays")
        XCTAssertEqual(card["fields"]?["budget"]?.number, 500, "a field nobody else touched is applied")
        let stored = try workspace.calls().first { $0["transcript"]?.string?.hasSuffix("/call-a.jsonl") == true }
        XCTAssertEqual(stored?["card_changes"]?["company"]?.string, "Call A Ltd", "A's value is kept in A's record")
        guard case .array(let notApplied)? = stored?["card_changes_not_applied"] else { return XCTFail("no card_changes_not_applied") }
        XCTAssertEqual(notApplied.map { $0["field"]?.string }, ["company"], "the record says which change was not applied")
        XCTAssertTrue(callA.output.contains("Card not changed:"), callA.output)
        XCTAssertTrue(callA.output.contains("company"), callA.output)
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
