@testable import CallGuide
import XCTest

final class ScriptCheckerTests: XCTestCase {
    private func diagnostics(_ yaml: String) -> [String] {
        ScriptLoader.load(Array(yaml.utf8)).diagnostics.map { "\($0.code.rawValue) \($0.location)" }
    }

    func testEveryProblemIsReportedInOneRun() {
        let found = diagnostics("""
            callguide: 1
            id: many
            nodes:
              a:
                ask: Budget?
                type: numbr
              b:
                say: "{budgt}"
                next: nowhere
              c:
                end: done
            """)
        // No W101 for 'c': 'nowhere' is close to no node, so where it was
        // meant to lead is unknown (one mistake, one diagnostic; issue 16).
        XCTAssertEqual(found, ["E002 6:11", "E008 8:12", "E006 9:11"])
    }

    func testSuggestionsNameTheClosestKnownName() {
        let result = ScriptLoader.load(Array("""
            callguide: 1
            id: s
            nodes:
              budget: {ask: Budget?, type: number}
              big:
                when: budgte > 5
                say: Big
              e: {end: done}
            """.utf8))
        XCTAssertEqual(result.diagnostics.first?.hint, "did you mean 'budget'?")
    }

    func testCyrillicColumnsCountCharacters() {
        let found = ScriptLoader.load(Array("""
            callguide: 1
            id: ru
            nodes:
              бюджет: {ask: "Какой бюджет?", type: number}
              итог: {say: "Итого {бюджт}"}
              конец: {end: done}
            """.utf8)).diagnostics
        XCTAssertEqual(found.map(\.code), [.E008])
        XCTAssertEqual(found.first?.location, SourceLocation(line: 5, column: 23))
    }

    func testReservedWordsAndClashesAreE002() {
        let found = diagnostics("""
            callguide: 1
            id: r
            variables: {total: 0}
            nodes:
              answer: {say: Hi}
              total: {say: Clash}
              e: {end: done}
            """)
        XCTAssertTrue(found.contains("E002 5:3"), "\(found)")
        XCTAssertTrue(found.contains("E002 6:3"), "\(found)")
    }

    func testAnsweredGuardSilencesW104() {
        let base = """
            callguide: 1
            id: g
            nodes:
              car: {ask: Car?, type: yesno}
              model: {ask: Model?, when: car}
              say_model:
                %@
                say: "Model {model}"
              e: {end: done}
            """
        XCTAssertEqual(diagnostics(base.replacingOccurrences(of: "%@", with: "tags: [x]")), ["W104 8:18"])
        XCTAssertEqual(diagnostics(base.replacingOccurrences(of: "%@", with: "when: answered(model)")), [])
    }

    func testW104TracksQuestionsPastTheFirst64() {
        // Many questions (when W104 used bit sets, 65 and 66 lived in a second word).
        var yaml = "callguide: 1\nid: w\nnodes:\n"
        for index in 0..<70 {
            yaml += "  q\(index): {ask: Q?, type: yesno\(index == 66 ? ", when: q0" : "")}\n"
        }
        yaml += "  s: {say: \"{q65} {q66} {q69}\"}\n  e: {end: done}\n"
        XCTAssertEqual(diagnostics(yaml), ["W104 74:20"])
    }

    func testConfigurationDeclaresCardFieldsAndStatuses() {
        let (configuration, problems) = WorkspaceConfiguration.load(Array("""
            card:
              fields:
                budget: number
              statuses: [new, active]
              transitions:
                new: [active, vip]
            """.utf8))
        XCTAssertNil(configuration)
        XCTAssertEqual(problems.map { "\($0.code.rawValue) \($0.location)" }, ["E006 6:19"])

        let (good, none) = WorkspaceConfiguration.load(Array("card:\n  fields: {budget: number}\n  statuses: [new, active]\n  transitions: {new: [active]}\n".utf8))
        XCTAssertEqual(none.count, 0)
        XCTAssertEqual(good?.allows(from: "new", to: "active"), true)
        XCTAssertEqual(good?.allows(from: "active", to: "new"), false)
        let script = "callguide: 1\nid: c\nnodes:\n  b: {ask: B?, type: number, save: card.budget}\n  e: {end: done}\n"
        XCTAssertEqual(ScriptLoader.load(Array(script.utf8)).diagnostics.map(\.code), [.E006])
        XCTAssertFalse(ScriptLoader.load(Array(script.utf8), configuration: good).hasErrors)
    }

    /// Names are typed from their node when ids are unique, and from a
    /// table of the last ask or offer with the id when some id is shared
    /// (E004): both ways must type a read the same.
    func testDuplicateIdsTakeTheTypeOfTheLastQuestionWithTheId() {
        func codes(_ nodes: String) -> [DiagnosticCode] {
            ScriptLoader.load(Array("callguide: 1\nid: d\nnodes:\n\(nodes)".utf8)).diagnostics.map(\.code)
        }
        let unique = """
              q: {ask: Q?, type: yesno}
              r: {say: "x", when: "answered(q) and q > 3"}
              s: {ask: S?, validate: [{require: "answer > 1", message: no}]}
              e: {end: done}
            """
        XCTAssertEqual(codes(unique), [.E009, .E009])
        let shared = """
              q: {ask: Q?, type: number}
              q: {say: "between"}
              q: {ask: Q again?, type: yesno}
              r: {say: "x", when: "answered(q) and q > 3"}
              s: {ask: S?, validate: [{require: "answer > 1", message: no}]}
              e: {end: done}
            """
        XCTAssertEqual(codes(shared), [.E004, .E004, .E009, .E009])
        let sharedNumber = shared.replacingOccurrences(of: "Q again?, type: yesno", with: "Q again?, type: integer")
        XCTAssertEqual(codes(sharedNumber), [.E004, .E004, .E009])
        // `answer` at a say node that shares a question's id has that type.
        let sayAnswer = """
              q: {ask: Q?, type: yesno}
              q: {say: "x", set: {n: "answer + 1"}}
              e: {end: done}
            """
        XCTAssertEqual(codes(sayAnswer).filter { $0 != .E006 }, [.E004, .E009])
    }
}
