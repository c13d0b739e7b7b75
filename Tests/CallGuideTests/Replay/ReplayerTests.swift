@testable import CallGuide
import XCTest

final class ReplayerTests: XCTestCase {
    let original = """
        callguide: 1
        id: shop
        nodes:
          plan:
            ask: Which plan?
            type: choice
            options:
              basic: Basic
              premium: {label: Premium, goto: premium_info}
          basic_info: {say: Basic it is, next: budget}
          premium_info: {say: Premium it is}
          budget:
            ask: Budget?
            type: number
            max: 30000
          done: {end: sale}
        """

    /// Records a call the way the REPL does: every event, numbered from line 1.
    private func record(_ yaml: String, _ lines: [String]) throws -> [RecordedEvent] {
        let script = try XCTUnwrap(loadScript(yaml))
        let events = runCall(script, lines, endInput: true).raw
        return events.enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
    }

    private func replay(_ recorded: [RecordedEvent], against yaml: String) throws -> ReplayResult {
        Replayer.replay(recorded, against: try XCTUnwrap(loadScript(yaml)))
    }

    func testTheRecordingScriptAlwaysPasses() throws {
        for lines in [["premium", "25 000"], ["1", "abc", "100"], ["2", ":back", "1", "5"], ["basic"]] {
            let recorded = try record(original, lines)
            let result = try replay(recorded, against: original)
            XCTAssertNil(result.divergence, "\(lines): \(result.divergence?.message ?? "")")
        }
    }

    func testRemovedOptionIsNamed() throws {
        let recorded = try record(original, ["premium", "100"])
        let edited = original.replacingOccurrences(of: "      premium: {label: Premium, goto: premium_info}\n", with: "      gold: Gold\n")
        let divergence = try XCTUnwrap(try replay(recorded, against: edited).divergence)
        XCTAssertEqual(divergence.message, "option 'premium' no longer exists in question 'plan'")
        XCTAssertEqual(divergence.line, 3)
    }

    func testTightenedBoundIsNamed() throws {
        let recorded = try record(original, ["basic", "25 000"])
        let divergence = try XCTUnwrap(try replay(recorded, against: original.replacingOccurrences(of: "max: 30000", with: "max: 20000")).divergence)
        XCTAssertTrue(divergence.message.hasPrefix("answer '25 000' is no longer accepted by 'budget'"), divergence.message)
    }

    func testInsertedQuestionIsNamed() throws {
        let recorded = try record(original, ["basic", "100"])
        let edited = original.replacingOccurrences(of: "  done: {end: sale}", with: "  email: {ask: Email?, type: email}\n  done: {end: sale}")
        let divergence = try XCTUnwrap(try replay(recorded, against: edited).divergence)
        XCTAssertEqual(divergence.expected, "end sale")
        XCTAssertEqual(divergence.actual, "ask email")
        XCTAssertTrue(divergence.message.contains("a new question"), divergence.message)
    }

    func testChangedOutcomeIsNamed() throws {
        let recorded = try record(original, ["basic", "100"])
        let divergence = try XCTUnwrap(try replay(recorded, against: original.replacingOccurrences(of: "{end: sale}", with: "{end: no_sale}")).divergence)
        XCTAssertEqual(divergence.message, "outcome changed from sale to no_sale")
    }

    func testCutOffCallPassesAsFarAsItGoes() throws {
        var recorded = try record(original, ["basic", "100"])
        recorded.removeLast(3)
        let result = try replay(recorded, against: original)
        XCTAssertNil(result.divergence)
        XCTAssertFalse(result.complete)
    }

    func testCoverageCountsBranchesTaken() throws {
        let script = try XCTUnwrap(loadScript(original))
        let recorded = try record(original, ["premium", "100"])
        XCTAssertTrue(Replayer.replay(recorded, against: script).coverage.isEmpty, "coverage only when asked")
        let result = Replayer.replay(recorded, against: script, recordsCoverage: true)
        XCTAssertTrue(result.coverage.contains(.optionGoto("plan", "premium")))
        XCTAssertFalse(result.coverage.contains(.node("basic_info")))
        let summary = CoverageSummary(script: script, exercised: result.coverage)
        XCTAssertEqual(summary.nodes.total, 5)
        XCTAssertEqual(summary.nodes.hit, 4)
        XCTAssertTrue(summary.missed.contains { $0.branch == .node("basic_info") })
    }
}
