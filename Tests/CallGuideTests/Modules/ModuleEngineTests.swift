@testable import CallGuide
import XCTest

/// `use:` and `flow:` in the engine (script language 9.1): a module's nodes
/// under `ALIAS.NODE`, the flow frame on the handler stack, `with`, the
/// flow node's `set` after `return`, handlers by qualified and bare name.
final class ModuleEngineTests: XCTestCase {
    let workspace = ModuleWorkspace(["main.yaml": ModuleSamples.main, "shared/closing.yaml": ModuleSamples.closing])

    func testAFlowRunsTheModuleAndComesBackOnReturn() throws {
        let script = try XCTUnwrap(workspace.script())
        let call = runCall(script, ["Ann", "10"])
        XCTAssertEqual(call.events, ["start", "ask name", "answer name=Ann", "ask closing.nps", "answer closing.nps=10",
                                     "say closing.bye", "say done", "end done"])
        // `with` set the module's variable in the caller's names; the flow
        // node's `set` ran after the return and read `closing.nps`.
        let texts = call.raw.compactMap { event -> String? in if case .say(_, let text) = event { return text } else { return nil } }
        XCTAssertEqual(texts, ["Thanks, Ann, your score 10", "Promoter: yes; score 10"])
        XCTAssertEqual(call.session.variables["promoter"], .bool(true))
        XCTAssertEqual(call.session.variables["closing.thanks"], .string("Thanks, Ann"))
    }

    func testAModuleHandlerAnswersToItsBareAndQualifiedName() throws {
        let script = try XCTUnwrap(workspace.script())
        for name in ["!price", "!closing.price"] {
            let call = runCall(script, ["Ann", name, "7"])
            XCTAssertEqual(Array(call.events[3...7]), ["ask closing.nps", "handler closing.price at closing.nps", "say closing.price_answer",
                                                    "return closing.nps", "ask closing.nps"], name)
            // The handler's own `return` went back to the question, not out of the module.
            XCTAssertEqual(call.events.last, "end done", name)
        }
    }

    func testBackUndoesAnAnswerInsideAModule() throws {
        let script = try XCTUnwrap(workspace.script())
        var session = CallSession(script: script, context: testContext())
        _ = session.start()
        _ = session.handle("Ann")
        let back = session.handle(":back").map(describe)
        XCTAssertEqual(back, ["back name", "ask name"])
        _ = session.handle("Bob")
        let end = session.handle("3").map(describe)
        XCTAssertEqual(end, ["answer closing.nps=3", "say closing.bye", "say done", "end done"])
        XCTAssertEqual(session.variables["closing.thanks"], .string("Thanks, Bob"))
    }

    func testEachAliasIsAnInstanceWithItsOwnVariables() throws {
        let main = """
            callguide: 1
            id: twice
            use:
              first: shared/closing.yaml
              second: shared/closing.yaml
            handlers:
              price: {label: Price, start: our_price}
            nodes:
              one: {flow: first, with: {thanks: "'One'"}}
              two: {flow: second.nps}
              done: {end: done}
              our_price: {say: Cheapest in town}
              our_back: {return: true}
            """
        let twice = ModuleWorkspace(["main.yaml": main, "shared/closing.yaml": ModuleSamples.closing])
        let script = try XCTUnwrap(twice.script())
        let call = runCall(script, ["1", "2"])
        XCTAssertEqual(call.events, ["start", "ask first.nps", "answer first.nps=1", "say first.bye",
                                     "ask second.nps", "answer second.nps=2", "say second.bye", "end done"])
        XCTAssertEqual(call.session.variables["first.thanks"], .string("One"))
        XCTAssertEqual(call.session.variables["second.thanks"], .string("Thank you"))
        // One file read and parsed once for both aliases.
        XCTAssertEqual(twice.files.reads["shared/closing.yaml"], 1)
        // The script's own `price` hides both modules' (W111); without it
        // two modules with a handler `price` would be ambiguous (E020).
        XCTAssertEqual(twice.load().result.diagnostics.map(\.code), [.W111])
        let ambiguous = ModuleWorkspace(["main.yaml": main.replacingOccurrences(of: "  price: {label: Price, start: our_price}", with: "  other: {label: Other, start: our_price}"),
                                         "shared/closing.yaml": ModuleSamples.closing])
        XCTAssertEqual(ambiguous.load().result.diagnostics.map(\.code), [.E020])
    }

    func testModulesUseModulesAndAnEndInAModuleEndsTheCall() throws {
        let survey = """
            callguide: 1
            id: survey
            nodes:
              happy: {ask: Happy with us?, type: yesno, next: [{if: happy, goto: thanks}, {goto: sorry}]}
              thanks: {return: true}
              sorry: {end: unhappy, say: Sorry to hear it}
            """
        let wrap = """
            callguide: 1
            id: wrap
            use: {survey: survey.yaml}
            nodes:
              ask_it: {flow: survey}
              after: {say: "Happy: {survey.happy}"}
              back: {return: true}
            """
        let main = """
            callguide: 1
            id: main
            use: {wrap: shared/wrap.yaml}
            nodes:
              go: {flow: wrap}
              done: {end: done, say: "{wrap.survey.happy}"}
            """
        let nested = ModuleWorkspace(["main.yaml": main, "shared/wrap.yaml": wrap, "shared/survey.yaml": survey])
        let script = try XCTUnwrap(nested.script())
        XCTAssertEqual(script.modules.map(\.alias), ["wrap", "wrap.survey"])
        XCTAssertEqual(runCall(script, ["yes"]).events,
                       ["start", "ask wrap.survey.happy", "answer wrap.survey.happy=yes", "say wrap.after", "say done", "end done"])
        XCTAssertEqual(runCall(script, ["no"]).events,
                       ["start", "ask wrap.survey.happy", "answer wrap.survey.happy=no", "say wrap.survey.sorry", "end unhappy"])
    }

    func testCallScriptIsTheTopScriptsIdInsideAModule() throws {
        let module = """
            callguide: 1
            id: closing
            nodes:
              who: {say: "{call.script}"}
              back: {return: true}
            """
        let main = """
            callguide: 1
            id: order
            use: {closing: closing.yaml}
            nodes:
              go: {flow: closing}
              done: {end: done}
            """
        let script = try XCTUnwrap(ModuleWorkspace(["main.yaml": main, "closing.yaml": module]).script())
        let said = runCall(script, []).raw.compactMap { event -> String? in if case .say(_, let text) = event { return text } else { return nil } }
        XCTAssertEqual(said, ["order"])
    }
}

/// Typical questions of modules join the script's (9.1, 9.2).
final class ModuleFAQTests: XCTestCase {
    func testAModulesEntriesAreFoundUnderQualifiedIds() throws {
        let objections = """
            callguide: 1
            id: objections
            faq:
              - q: Is there a warranty?
                a: Two years.
              - id: sunday
                q: Do you deliver on Sundays?
                a: Yes.
            nodes:
              back: {return: true}
            """
        let main = """
            callguide: 1
            id: order
            use: {objections: shared/objections.yaml}
            faq:
              - q: Can I pay by card?
                a: Yes.
            nodes:
              budget: {ask: What budget?, type: number}
              done: {end: sale}
            """
        let script = try XCTUnwrap(ModuleWorkspace(["main.yaml": main, "shared/objections.yaml": objections]).script())
        XCTAssertEqual(script.faq.map(\.id), ["#1", "objections#1", "objections.sunday"])
        let run = runCall(script, ["?warranty", "?sunday", "100"])
        XCTAssertEqual(Array(run.events[2...3]), ["faq budget 'warranty' [objections#1]", "faq budget 'sunday' [objections.sunday]"])
    }

    func testAModuleWithFAQMakesQuestionMarkALookupInAScriptWithout() throws {
        let closing = "callguide: 1\nid: closing\nfaq:\n  - {q: Why do you ask?, a: To improve.}\nnodes:\n  back: {return: true}\n"
        let main = "callguide: 1\nid: order\nuse: {closing: c.yaml}\nnodes:\n  q: {ask: Anything?}\n  done: {end: sale}\n"
        let script = try XCTUnwrap(ModuleWorkspace(["main.yaml": main, "c.yaml": closing]).script())
        XCTAssertEqual(runCall(script, ["?why"]).events[2], "faq q 'why' [closing#1]")
    }
}
