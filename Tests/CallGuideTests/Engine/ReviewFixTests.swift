@testable import CallGuide
import XCTest

/// Rules a review found the first version got wrong, each pinned by a test.
final class ReviewFixTests: XCTestCase {
    func testReturnNodesApplyTheirSet() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            variables: {objected: false}
            handlers: {price: {label: Price, start: talk}}
            nodes:
              q: {ask: Anything?}
              e: {end: done}
              talk: {say: Let me check}
              back:
                return: true
                set: {objected: "true"}
            """))
        let run = runCall(script, ["!price"], endInput: false)
        XCTAssertEqual(run.events.suffix(2), ["return q", "ask q"])
        XCTAssertEqual(run.session.variables["objected"], .bool(true))
    }

    func testRequireHoldsOnlyForTrueOrNullAndReportsFailures() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            variables: {label: "x", zero: 0}
            nodes:
              a:
                ask: A?
                type: number
                validate:
                  - {require: "answer / zero > 1", message: never judged}
                  - {require: "answered(b)", message: "fine: b is unanswered, but this is false", soft: true}
              b: {ask: B?}
              e: {end: done}
            """))
        let run = runCall(script, ["5"], endInput: false)
        XCTAssertEqual(run.events, ["start", "ask a", "error a", "answer a=5", "warning a", "ask b"])
    }

    func testOfferCountsAsMadeWhenHeardEvenIfSkipped() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            nodes:
              filters: {offer: Filters?, optional: true}
              bag: {offer: A bag?}
              e: {end: done}
            """))
        let run = runCall(script, [":skip", "yes"])
        XCTAssertEqual(run.session.offersMade, ["filters", "bag"])
        XCTAssertEqual(run.session.offersAccepted, ["bag"])
    }

    func testToolKeysAreIgnoredWhereKeysAreNames() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            variables: {x-doc: "a note", total: 0}
            nodes:
              x-templates: &digits {hint: digits only}
              budget:
                <<: *digits
                ask: Budget?
                type: choice
                options: {low: Low, x-todo: later, high: High}
              e: {end: done}
            """))
        XCTAssertEqual(script.nodes.map(\.id), ["budget", "e"])
        XCTAssertEqual(script.node("budget")?.question?.options.map(\.key), ["low", "high"])
        XCTAssertEqual(script.variables.map(\.name), ["total"])
    }

    func testPatternsThatBacktrackForeverAreStopped() throws {
        let script = try XCTUnwrap(loadScript(#"""
            callguide: 1
            id: t
            nodes:
              name:
                ask: Name?
                pattern: "([A-Za-z]+ ?)+"
              e: {end: done}
            """#))
        let started = Date()
        let run = runCall(script, [String(repeating: "a", count: 40) + "1"], endInput: false)
        XCTAssertEqual(run.events, ["start", "ask name", "invalid name"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the budget stops the match")
    }

    func testCheckerAndEngineAgreeOnPatterns() {
        // A comment in free-spacing mode swallows the anchoring suffix, so this
        // does not compile in the whole-answer form both sides use.
        let result = ScriptLoader.load(Array("""
            callguide: 1
            id: t
            nodes:
              code: {ask: Code?, pattern: "(?x)[0-9]+ # digits"}
              e: {end: done}
            """.utf8))
        XCTAssertEqual(result.diagnostics.map(\.code), [.E014])
    }

    func testAnswerInWhenIsAnError() {
        let result = ScriptLoader.load(Array("""
            callguide: 1
            id: t
            nodes:
              q: {ask: Q?, when: "answer == 'x'"}
              e: {end: done}
            """.utf8))
        XCTAssertEqual(result.diagnostics.map { "\($0.code.rawValue) \($0.location)" }, ["E008 4:23"])
    }

    func testEscapedQuotedExpressionsPointAtTheScalar() {
        let result = ScriptLoader.load(Array("""
            callguide: 1
            id: t
            nodes:
              name: {ask: Name?}
              big:
                when: 'lower(name) == ''bob'' and budgte > 1'
                say: Hi
              e: {end: done}
            """.utf8))
        XCTAssertEqual(result.diagnostics.map { "\($0.code.rawValue) \($0.location)" }, ["E008 6:11"])
    }

    func testUnknownSaveTargetPointsAtTheSave() {
        let result = ScriptLoader.load(Array("""
            callguide: 1
            id: t
            nodes:
              q:
                ask: Budget?
                save: budgt
              e: {end: done}
            """.utf8))
        XCTAssertEqual(result.diagnostics.map { "\($0.code.rawValue) \($0.location)" }, ["E006 6:11"])
    }
}
