@testable import CallGuideCLI
import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// The engine's tasks wired to the store (workflow.md 2): the worked example
/// of Docs/examples/proposal, as `init` writes it, through the real binary.
final class TaskWiringEndToEndTests: XCTestCase {
    let kyiv = TimeZone(identifier: "Europe/Kyiv")!

    func testTheInboundCallBooksACallbackThatTheFollowUpWorksReadingLast() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        let check = try workspace.fixture.callguide(["check", "scripts/inbound-proposal.yaml", "scripts/proposal-follow-up.yaml"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        let inbound = try workspace.run(["run", "scripts/inbound-proposal.yaml", "--card", "C000001"],
                                        input: ["Olga", "office", "5000", "P-17", "tomorrow 10:30"].map { $0 + "\n" }.joined())
        XCTAssertEqual(inbound.status, 0, inbound.stderr)
        XCTAssertTrue(inbound.stdout.contains("Task T000001 booked.") && inbound.stdout.contains("Task T000002 booked."), inbound.stdout)
        let call = try XCTUnwrap(try workspace.fixture.calls().first?["id"]?.string)
        let today = CalendarDate(instant: Date(), in: kyiv)
        let todo = try workspace.task("T000001")
        XCTAssertEqual(todo["kind"]?.string, "todo")
        XCTAssertEqual(todo["due"]?.string, today.description)
        XCTAssertEqual(todo["note"]?.string, "E-mail proposal P-17")
        let callback = try workspace.task("T000002")
        XCTAssertEqual(callback["kind"]?.string, "callback")
        XCTAssertEqual(callback["due"]?.string, "\(today.adding(days: 1)!)T10:30")
        XCTAssertEqual(callback["assignee"]?.string, "anna")
        XCTAssertEqual(callback["script"]?.string, "proposal_follow_up")
        XCTAssertEqual(callback["created_by"]?.string, call)
        XCTAssertEqual(callback["note"]?.string, "Proposal P-17 sent \(today)")

        let followUp = try workspace.run(["run", "--task", "T000002"], input: "yes\nyes\n")
        XCTAssertEqual(followUp.status, 0, followUp.stderr)
        XCTAssertTrue(followUp.stdout.contains("(Proposal P-17 sent \(today))"), followUp.stdout)
        XCTAssertTrue(followUp.stdout.contains("Last time you mentioned a budget of 5000."), followUp.stdout)
        XCTAssertTrue(followUp.stdout.contains("Task T000002 done."), followUp.stdout)
        let start = try XCTUnwrap(try workspace.fixture.calls().last?["transcript"]?.string).flatMap { transcriptEvents($0).first }
        XCTAssertEqual(start?["last"]?["budget"]?.number, 5000, "what the call read is in its start event")
        XCTAssertEqual(start?["task"]?["id"]?.string, "T000002")
    }

    func testATransferGoesToTheSeniorGroupWithWhatWasSaid() throws {
        let workspace = try TaskWorkspace.make()
        defer { workspace.remove() }
        let inbound = try workspace.run(["run", "scripts/inbound-proposal.yaml", "--card", "C000001"], input: "Olga\nspecial\n")
        XCTAssertEqual(inbound.status, 0, inbound.stderr)
        let transfer = try workspace.task("T000001")
        XCTAssertEqual(transfer["kind"]?.string, "transfer")
        XCTAssertEqual(transfer["group"]?.string, "senior")
        XCTAssertEqual(transfer["assignee"], .null)
        let anna = try workspace.run(["next"], as: "anna")
        XCTAssertTrue(anna.stdout.contains("Nothing to do for anna"), anna.stdout)
        let boris = try workspace.run(["next"], as: "boris", input: "8000\nyes\nyes\n")
        XCTAssertEqual(boris.status, 0, boris.stderr)
        let out = boris.stdout
        let said = try XCTUnwrap(out.range(of: "Already said (handed over):"), out)
        let name = try XCTUnwrap(out.range(of: "May I have your name?: Olga"), out)
        let prompt = try XCTUnwrap(out.range(of: "What budget do you have in mind?"), "no budget was said, so the follow-up asks it: \(out)")
        XCTAssertTrue(said.lowerBound < name.lowerBound && name.lowerBound < prompt.lowerBound, out)
        XCTAssertEqual(try workspace.task("T000001")["status"]?.string, "done")
    }

    func testTheExampleInDocsIsWhatInitWrites() throws {
        let folder = BuiltProducts.packageRoot.appendingPathComponent("Docs/examples/proposal")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("inbound-proposal.yaml"), encoding: .utf8), ProposalExample.inbound + "\n")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("proposal-follow-up.yaml"), encoding: .utf8), ProposalExample.followUp + "\n")
    }
}
