import CallGuide
import Foundation
import FoundationXML
import XCTest

/// `callguide replay --assume/--assume-file` through the real binary: old
/// transcripts keep replaying past a question added since they were made.
final class EndToEndReplayAssumeTests: XCTestCase {
    private var sandbox: EndToEndSandbox!
    private var grown: String!
    private var transcript: String!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
        let script = try sandbox.exampleScript()
        transcript = sandbox.path("calls/0042.jsonl")
        try FileManager.default.createDirectory(atPath: sandbox.path("calls"), withIntermediateDirectories: true)
        try sandbox.record(script, transcript: transcript, lines: [
            "order", "Ann", "none", "floors", "quiet", "500", "yes", "yes",
            LocalDates.iso(daysFromToday: 3), "Main st 1", ":skip", "+1 555 123 4567", "9",
        ])
        // A new question before the delivery date; "no" now ends the call.
        let text = try String(contentsOfFile: script, encoding: .utf8).replacingOccurrences(of: "  delivery_date:\n", with: """
              items_check:
                ask: "Shall I check the items in stock?"
                type: yesno
                next:
                  - if: not items_check
                    goto: close_no_sale
                  - goto: delivery_date

              delivery_date:

            """)
        grown = try sandbox.write("grown.yaml", text)
    }

    override func tearDown() {
        sandbox = nil
    }

    func testWithoutAssumptionTheTranscriptStopsAtTheNewQuestion() throws {
        let result = try sandbox.callguide(["replay", grown, transcript])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("script gave ask items_check"), result.stdout)
    }

    func testAssumedAnswerPassesAndIsNamedInEveryReport() throws {
        let junit = sandbox.path("replay.xml")
        let result = try sandbox.callguide(["replay", grown, transcript, "--assume", "items_check=yes", "--junit", junit])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("PASS \(transcript!) (assumed items_check=yes)\n"), result.stdout)

        let json = try sandbox.callguide(["replay", grown, transcript, "--assume", "items_check=yes", "--format", "json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let first = try XCTUnwrap((object["results"] as? [[String: Any]])?.first)
        let assumed = try XCTUnwrap(first["assumed"] as? [[String: Any]])
        XCTAssertEqual(assumed.first?["node"] as? String, "items_check")
        XCTAssertEqual(assumed.first?["input"] as? String, "yes")

        let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: junit))
        let properties = try xml.nodes(forXPath: "//testcase/properties/property")
        XCTAssertEqual(properties.count, 1)
        XCTAssertEqual((properties.first as? XMLElement)?.attribute(forName: "name")?.stringValue, "assumed items_check")
        XCTAssertEqual((properties.first as? XMLElement)?.attribute(forName: "value")?.stringValue, "yes")
    }

    func testAssumeFileListIsTriedInTurn() throws {
        let file = try sandbox.write("assume.yaml", "# what QA assumes\nitems_check: [no, yes]\n")
        let result = try sandbox.callguide(["replay", grown, transcript, "--assume-file", file])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("(assumed items_check=yes)"), result.stdout)
    }

    func testAWrongAssumptionStillFails() throws {
        let result = try sandbox.callguide(["replay", grown, transcript, "--assume", "items_check=no"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("FAIL"), result.stdout)
        XCTAssertTrue(result.stdout.contains("assumed items_check=no"), result.stdout)
    }

    func testMistakesInTheAssumptionsAreUnusableInputWithTheirLine() throws {
        let file = try sandbox.write("assume.yaml", "items_check: yes\nitem_chek: no\n")
        let result = try sandbox.callguide(["replay", grown, transcript, "--assume-file", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("assume.yaml:2:1: error: 'item_chek' is not a node"), result.stderr)
        let option = try sandbox.callguide(["replay", grown, transcript, "--assume", "items_check=perhaps"])
        XCTAssertEqual(option.status, 2)
        XCTAssertTrue(option.stderr.contains("'perhaps' is not an answer to 'items_check'"), option.stderr)
        let shape = try sandbox.callguide(["replay", grown, transcript, "--assume", "items_check"])
        XCTAssertEqual(shape.status, 2)
        XCTAssertTrue(shape.stderr.contains("must be NODE=VALUE"), shape.stderr)
    }
}
