@testable import CallGuide
import XCTest

final class CallSessionFlowTests: XCTestCase {
    let branching = """
        callguide: 1
        id: flow
        variables: {total: 0}
        nodes:
          hello: {say: "Hello, {call.operator}"}
          plan:
            ask: Which plan?
            type: choice
            options:
              basic: Basic
              premium: {label: Premium, goto: premium_info}
          basic_info:
            say: Basic it is
            next: size
          premium_info:
            say: Premium it is
          size:
            ask: How many?
            type: integer
            min: 1
            max: 10
            set: {total: "size * 10"}
            next:
              - if: size > 5
                goto: big
              - goto: done
          big:
            say: "A big order: {total}"
          done:
            end: sale
            say: "Total {total}"
        """

    func testOptionGotoRulesAndFallThrough() throws {
        let script = try XCTUnwrap(loadScript(branching))
        XCTAssertEqual(runCall(script, ["premium", "7"]).events,
                       ["start", "say hello", "ask plan", "answer plan=premium", "say premium_info", "ask size",
                        "answer size=7", "say big", "say done", "end sale"])
        XCTAssertEqual(runCall(script, ["1", "2"]).events,
                       ["start", "say hello", "ask plan", "answer plan=basic", "say basic_info", "ask size",
                        "answer size=2", "say done", "end sale"])
    }

    func testTemplatesAndSetUseDecimals() throws {
        let script = try XCTUnwrap(loadScript(branching))
        let run = runCall(script, ["basic", "3"])
        guard case .say(_, let hello) = run.raw[1] else { return XCTFail("expected say") }
        XCTAssertEqual(hello, "Hello, anna")
        XCTAssertEqual(run.session.variables["total"], .number(30))
        guard case .say(_, let closing) = run.raw[run.raw.count - 2] else { return XCTFail("expected say") }
        XCTAssertEqual(closing, "Total 30")
    }

    func testRejectedAnswerLeavesInvalidAndAsksNothingNew() throws {
        let script = try XCTUnwrap(loadScript(branching))
        let run = runCall(script, ["gold", "", "premium", "11", "abc", "4"])
        XCTAssertEqual(run.events,
                       ["start", "say hello", "ask plan", "invalid plan", "answer plan=premium", "say premium_info",
                        "ask size", "invalid size", "invalid size", "answer size=4", "say done", "end sale"])
    }

    func testEndOfInputAbandonsAndKeepsAnswers() throws {
        let script = try XCTUnwrap(loadScript(branching))
        let run = runCall(script, ["basic"])
        XCTAssertEqual(run.events.last, "end abandoned")
        guard case .end(let end) = run.raw.last else { return XCTFail() }
        XCTAssertEqual(end.node, "size")
        XCTAssertEqual(end.answers.map(\.node), ["plan"])
    }

    func testHangupKeepsReason() throws {
        let script = try XCTUnwrap(loadScript(branching))
        let run = runCall(script, ["basic", ":hangup customer busy"], endInput: false)
        guard case .end(let end) = run.raw.last else { return XCTFail() }
        XCTAssertEqual(end.outcome, "hangup")
        XCTAssertEqual(end.reason, "customer busy")
        XCTAssertEqual(end.node, "size")
    }

    func testNoteUnknownCommandAndEscapedAnswer() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            nodes:
              q: {ask: Anything?}
              e: {end: done}
            """))
        let run = runCall(script, [":note calls back later", ":bogus", "\\:)"])
        XCTAssertEqual(run.events, ["start", "ask q", "note calls back later", "invalid q", "answer q=:)", "end done"])
        XCTAssertEqual(run.session.notes, ["calls back later"])
    }
}

final class CallSessionRulesTests: XCTestCase {
    func testWhenSkipsNodeWithoutApplyingSaveOrSet() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            variables: {flag: false}
            nodes:
              has_car: {ask: Do you have a car?, type: yesno}
              model:
                ask: Which model?
                when: has_car
                set: {flag: "true"}
              e: {end: done}
            """))
        let run = runCall(script, ["no"])
        XCTAssertEqual(run.events, ["start", "ask has_car", "answer has_car=no", "skip model when", "end done"])
        XCTAssertEqual(run.session.variables["flag"], .bool(false))
        guard case .end(let end) = run.raw.last else { return XCTFail() }
        XCTAssertEqual(end.answers.map(\.node), ["has_car", "model"])
        XCTAssertEqual(end.answers.last?.value, .null)
    }

    func testHardAndSoftValidation() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            nodes:
              budget:
                ask: Budget?
                type: number
                validate:
                  - {require: answer > 0, message: must be positive}
                  - {require: answer >= 100, message: "that is low: {answer}", soft: true}
              e: {end: done}
            """))
        let run = runCall(script, ["-5", "50"])
        XCTAssertEqual(run.events, ["start", "ask budget", "invalid budget", "answer budget=50", "warning budget", "end done"])
        guard case .invalid(_, _, let error) = run.raw[2], case .warning(_, let message) = run.raw[4] else { return XCTFail() }
        XCTAssertEqual(error, "must be positive")
        XCTAssertEqual(message, "that is low: 50")
    }

    func testSkipOnlyOptionalQuestions() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            nodes:
              a: {ask: Required?}
              b: {ask: Optional?, optional: true, save: card.region}
              e: {end: done}
            """))
        let run = runCall(script, [":skip", "x", ":skip"])
        XCTAssertEqual(run.events, ["start", "ask a", "invalid a", "answer a=x", "ask b", "skip b operator", "end done"])
        XCTAssertTrue(run.session.cardChanges.isEmpty)
    }

    func testOperatorSkipAppliesNeitherSaveNorSet() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            variables: {asked: false}
            nodes:
              email:
                ask: Email?
                type: email
                optional: true
                save: card.email
                set: {asked: "true"}
              e: {end: done}
            """))
        let run = runCall(script, [":skip"])
        XCTAssertEqual(run.events, ["start", "ask email", "skip email operator", "end done"])
        XCTAssertEqual(run.session.variables["asked"], .bool(false))
        XCTAssertTrue(run.session.cardChanges.isEmpty)
    }

    func testSaveToCardAndStatusTransitionRefused() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            nodes:
              name: {ask: Name?, save: card.name}
              s:
                set: {card.status: "'vip'"}
              e: {end: done}
            """))
        let context = testContext(cardData: ["status": .string("new")], transitions: ["new": ["potential"]])
        let run = runCall(script, ["Olga"], context: context)
        XCTAssertEqual(run.events, ["start", "ask name", "answer name=Olga", "error s", "end done"])
        XCTAssertEqual(run.session.cardChanges.map(\.field), ["name"])
    }

    func testRuntimeErrorDoesNotLoseTheCall() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            variables: {ratio: 0}
            nodes:
              n: {ask: How many?, type: number}
              s:
                set: {ratio: "10 / n"}
              e: {end: done}
            """))
        let run = runCall(script, ["0"])
        XCTAssertEqual(run.events, ["start", "ask n", "answer n=0", "error s", "end done"])
        XCTAssertEqual(run.session.variables["ratio"], .number(0))
    }

    func testLoopWithoutInputIsStopped() throws {
        let yaml = """
            callguide: 1
            id: t
            variables: {i: 0}
            nodes:
              a:
                set: {i: "i + 1"}
                next:
                  - if: i < 100000000
                    goto: a
                  - goto: e
              e: {end: done}
            """
        let result = ScriptLoader.load(Array(yaml.utf8))
        let script = try XCTUnwrap(result.checked)
        let run = runCall(script, [])
        XCTAssertEqual(run.events.suffix(2), ["error a", "end error"])
    }

    func testDecimalArithmeticInTexts() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: t
            nodes:
              s: {say: "{0.1 + 0.2} {1252.5 * 0.9} {990 - 10.00}"}
              e: {end: done}
            """))
        let run = runCall(script, [])
        guard case .say(_, let text) = run.raw[1] else { return XCTFail() }
        XCTAssertEqual(text, "0.3 1127.25 980")
    }
}

final class CallSessionUnreadCardTests: XCTestCase {
    /// store.md 2: a call whose card could not be read records the key in
    /// its `start`, and a replay rebuilds the same context from it.
    func testTheStartEventCarriesTheKeyOfAnUnreadCard() throws {
        let script = try XCTUnwrap(loadScript("callguide: 1\nid: s\nnodes:\n  name: {ask: Name?, save: card.name}\n  done: {end: sale}\n"))
        var context = testContext()
        context.cardKey = "+380501112233"
        var session = CallSession(script: script, context: context)
        guard case .start(let start)? = session.start().first else { return XCTFail("no start event") }
        XCTAssertEqual(start.cardKey, "+380501112233")
        XCTAssertFalse(start.cardAvailable)
        XCTAssertNil(start.card)
        XCTAssertEqual(CallContext(start: start, started: "x").cardKey, "+380501112233")
    }
}
