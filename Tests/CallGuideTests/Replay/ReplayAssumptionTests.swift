@testable import CallGuide
import XCTest

/// `replay --assume`: a question added since the call was recorded gets
/// the assumed answer and the replay goes on; any other change still fails.
final class ReplayAssumptionTests: XCTestCase {
    let original = """
        callguide: 1
        id: shop
        nodes:
          plan:
            ask: Which plan?
            type: choice
            options: [basic, premium]
          budget:
            ask: Budget?
            type: number
          done: {end: sale}
        """

    /// The same script with a yes/no question between plan and budget; a
    /// "no" now ends the call early.
    var grown: String {
        original.replacingOccurrences(of: "  budget:\n", with: """
              items_check:
                ask: Check the stock?
                type: yesno
                next:
                  - if: not items_check
                    goto: lost
                  - goto: budget
              lost: {end: no_sale}
              budget:

            """)
    }

    private func record(_ lines: [String]) throws -> [RecordedEvent] {
        let script = try XCTUnwrap(loadScript(original))
        return runCall(script, lines).raw.enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
    }

    private func replay(_ recorded: [RecordedEvent], against yaml: String, _ assumptions: [(String, [String])]) throws -> ReplayResult {
        Replayer.replay(recorded, against: try XCTUnwrap(loadScript(yaml)),
                        assumptions: ReplayAssumptions(assumptions.map { (node: $0.0, values: $0.1) }))
    }

    func testWithoutAnAssumptionTheNewQuestionIsTheDivergence() throws {
        let result = try replay(try record(["basic", "100"]), against: grown, [])
        XCTAssertEqual(result.divergence?.actual, "ask items_check")
        XCTAssertEqual(result.assumed, [])
    }

    func testAnAssumedAnswerIsFedAndTheReplayGoesOn() throws {
        let result = try replay(try record(["basic", "100"]), against: grown, [("items_check", ["yes"])])
        XCTAssertNil(result.divergence, result.divergence?.message ?? "")
        XCTAssertEqual(result.assumed.map(\.description), ["items_check=yes"])
        // Fed before the recorded `ask budget`, line 5 (start, ask, answer, ask...).
        XCTAssertEqual(result.assumed.first?.line, 4)
    }

    func testAnAssumptionThatLeadsElsewhereStillFails() throws {
        let result = try replay(try record(["basic", "100"]), against: grown, [("items_check", ["no"])])
        let divergence = try XCTUnwrap(result.divergence)
        XCTAssertEqual(divergence.expected, "ask budget")
        XCTAssertEqual(divergence.actual, "end no_sale")
        XCTAssertEqual(result.assumed.map(\.description), ["items_check=no"])
    }

    func testAListIsTriedInTurnUntilTheRestMatches() throws {
        let result = try replay(try record(["basic", "100"]), against: grown, [("items_check", ["no", "maybe", "yes"])])
        XCTAssertNil(result.divergence, result.divergence?.message ?? "")
        XCTAssertEqual(result.assumed.map(\.description), ["items_check=yes"])
        XCTAssertEqual(result.attempts, 3)
    }

    func testWhenNoValueMatchesTheFurthestDivergenceIsReported() throws {
        let recorded = try record(["basic", "100"])
        let edited = grown.replacingOccurrences(of: "done: {end: sale}", with: "done: {end: callback}")
        let result = try replay(recorded, against: edited, [("items_check", ["no", "yes"])])
        XCTAssertEqual(result.divergence?.message, "outcome changed from sale to callback")
        XCTAssertEqual(result.attempts, 2)
    }

    func testOtherChangesStillFailWithTheirOwnMessage() throws {
        let recorded = try record(["premium", "100"])
        let edited = grown.replacingOccurrences(of: "options: [basic, premium]", with: "options: [basic, gold]")
        let result = try replay(recorded, against: edited, [("items_check", ["yes"])])
        XCTAssertEqual(result.divergence?.message, "option 'premium' no longer exists in question 'plan'")
        XCTAssertEqual(result.assumed, [])
    }

    func testAQuestionTheTranscriptAnswersIsNotAssumed() throws {
        let result = try replay(try record(["basic", "100"]), against: original, [("budget", ["5"])])
        XCTAssertNil(result.divergence)
        XCTAssertEqual(result.assumed, [])
    }

    func testAnAssumedAnswerTheQuestionRefusesIsTheDivergence() throws {
        let edited = grown.replacingOccurrences(of: "    type: yesno\n", with: "    type: integer\n    min: 1\n    next: budget\n")
            .replacingOccurrences(of: """
                    next:
                      - if: not items_check
                        goto: lost
                      - goto: budget

                """, with: "")
        let result = try replay(try record(["basic", "100"]), against: edited, [("items_check", ["0"])])
        XCTAssertEqual(result.divergence?.message.hasPrefix("the assumed answer '0' is not accepted by 'items_check'"), true,
                       result.divergence?.message ?? "passed")
    }

    func testCombinationsAreBounded() throws {
        // Two new questions with 10 values each, none of which can match:
        // the search stops at the limit rather than trying all 100.
        let edited = original.replacingOccurrences(of: "  budget:\n", with: """
              a: {ask: A?, type: integer}
              b: {ask: B?, type: integer}
              gone: {end: no_sale}
              budget:

            """)
        let values = (1...10).map(String.init)
        let result = try replay(try record(["basic", "100"]), against: edited, [("a", values), ("b", values)])
        XCTAssertNotNil(result.divergence)
        XCTAssertEqual(result.attempts, Replayer.assumptionAttemptLimit)
    }

    func testTheFileIsReadWithLinesForItsMistakes() throws {
        let script = try XCTUnwrap(loadScript(grown))
        let good = ReplayAssumptions.load(Array("items_check: yes\nplan: [basic, '2']\n".utf8), for: script)
        XCTAssertEqual(good.assumptions?.values, ["items_check": ["yes"], "plan": ["basic", "2"]])
        let typo = ReplayAssumptions.load(Array("# QA\nitem_check: yes\n".utf8), for: script)
        XCTAssertNil(typo.assumptions)
        XCTAssertEqual(typo.diagnostics.first?.location.line, 2)
        XCTAssertEqual(typo.diagnostics.first?.message.contains("did you mean 'items_check'"), true)
        let bad = ReplayAssumptions.load(Array("items_check:\n  - yes\n  - perhaps\n".utf8), for: script)
        XCTAssertEqual(bad.diagnostics.first?.location.line, 3)
        XCTAssertEqual(bad.diagnostics.first?.code, .E002)
        let broken = ReplayAssumptions.load(Array("items_check: [yes\n".utf8), for: script)
        XCTAssertEqual(broken.diagnostics.first?.code, .E001)
        let skip = ReplayAssumptions.load(Array("budget: ':skip'\n".utf8), for: script)
        XCTAssertEqual(skip.diagnostics.first?.message, "'budget' is required and cannot be skipped")
    }
}
