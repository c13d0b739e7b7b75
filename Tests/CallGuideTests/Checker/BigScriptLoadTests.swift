import Foundation
import XCTest
@testable import CallGuide

/// A big script, clean and with problems everywhere, loads with exactly the
/// diagnostics and nodes the loader gave before it became one thread: the
/// expected diagnostics in `Fixtures/load` were written by the two-thread
/// loader at commit 2b41674 (where its one- and two-thread paths agreed),
/// then changed once on purpose (issue 16, one mistake, one diagnostic): a
/// `say` whose text does not parse stays a placeholder that falls through,
/// so its 2,290 false W101 went and the later blocks' W104 (379) came.
final class BigScriptLoadTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/load")

    private func script(
        blocks: Int, brokenEvery: Int, variablesAfterNodes: Bool = false, before: (Int) -> String = { _ in "" }
    ) -> String {
        Self.script(blocks: blocks, brokenEvery: brokenEvery, variablesAfterNodes: variablesAfterNodes, before: before)
    }

    static func describe(_ result: ScriptCheckResult) -> [String] {
        result.diagnostics.map { "\($0.location) \($0.code) \($0.message) \($0.hint ?? "")" }
    }

    /// The decoder builds `nodeIndex` as it decodes; it must be what
    /// `Script`'s public init computes from the nodes.
    private func assertIndexAsThePublicInitBuildsIt(_ script: Script?, file: StaticString = #filePath, line: UInt = #line) {
        guard let script else { return XCTFail("no script", file: file, line: line) }
        XCTAssertEqual(script.nodeIndex, Script(id: script.id, start: script.start, nodes: script.nodes).nodeIndex, file: file, line: line)
    }

    func testABigScriptReportsExactlyWhatTheTwoThreadLoaderReported() throws {
        let result = ScriptLoader.load(Array(script(blocks: 400, brokenEvery: 37).utf8))
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("big-400-blocks.expected"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let described = Self.describe(result)
        XCTAssertEqual(described.count, expected.count)
        for (got, want) in zip(described, expected) where got != want {
            XCTFail("got \(got)\nwant \(want)")
            break
        }
        XCTAssertEqual(result.script?.nodes.count, 400 * 6 + 4)
        assertIndexAsThePublicInitBuildsIt(result.script)
        // The problems are of several kinds.
        let codes = Set(result.diagnostics.map(\.code))
        for code in [DiagnosticCode.E003, .E004, .E006, .E007, .W104] {
            XCTAssertTrue(codes.contains(code), "no \(code) in \(codes)")
        }
    }

    func testACleanBigScriptIsClean() {
        let result = ScriptLoader.load(Array(script(blocks: 300, brokenEvery: 1_000_000).utf8))
        // Only the deliberate duplicate id is an error (the offers' W104
        // warnings stay: a choice can skip the budget question).
        XCTAssertEqual(result.errors.map(\.code), [.E004])
        XCTAssertEqual(result.warnings.filter { $0.code == .W104 }.count, 300)
    }

    /// Duplicate ids (whose first node must win the index) and keys that
    /// are no node ids (pairs that decode to no node).
    func testDuplicateAndInvalidIdsGiveTheFirstNodeInTheIndex() {
        let text = script(blocks: 400, brokenEvery: 37) { b in
            guard b % 25 == 7 else { return "" }
            return """
                  b\(b / 2)_greet:
                    say: "Again."
                  "not an id \(b)":
                    say: "Skipped."
                  b\(b)_greet:
                    end: done

                """
        }
        let result = ScriptLoader.load(Array(text.utf8))
        assertIndexAsThePublicInitBuildsIt(result.script)
        XCTAssertEqual(result.script?.nodeIndex["b382_greet"], result.script?.nodes.firstIndex { $0.id == "b382_greet" })
        XCTAssertNotEqual(result.script?.nodeIndex.count, result.script?.nodes.count)
    }

    func testVariablesAfterNodesStillClashWithNodes() {
        var text = script(blocks: 400, brokenEvery: 37, variablesAfterNodes: true)
        text += "  b0_greet: 1\n  b2_reason: 2\n  b200_offer: 3\n  b399_next: 4\n"
        let result = ScriptLoader.load(Array(text.utf8))
        XCTAssertEqual(result.diagnostics.filter { $0.message.contains("clashes with the variable") }.count, 4)
    }

    func testToolKeysAmongNodesAreLeftOut() {
        let text = script(blocks: 400, brokenEvery: 41) { b in
            b % 7 == 3 ? "  x-note\(b): {say: 12, ask: [1]}\n  x-\(b): plain\n" : ""
        }
        let result = ScriptLoader.load(Array(text.utf8))
        XCTAssertEqual(result.script?.nodes.count, 400 * 6 + 4)
        XCTAssertFalse(result.script?.nodes.contains { $0.id.hasPrefix("x-") } ?? true)
    }

    func testAMergeKeyInNodesAddsItsNodes() {
        let text = "defaults: &extra\n  merged_one: {say: \"Merged.\"}\n  b3_greet: {say: \"Shadowed.\"}\n"
            + script(blocks: 400, brokenEvery: 41) { b in b == 250 ? "  <<: *extra\n" : "" }
        let result = ScriptLoader.load(Array(text.utf8))
        XCTAssertTrue(result.script?.nodes.contains { $0.id == "merged_one" } == true)
        assertIndexAsThePublicInitBuildsIt(result.script)
    }

    func testASecondNodesKeyIsADuplicateKey() {
        let big = script(blocks: 400, brokenEvery: 41)
        let result = ScriptLoader.load(Array((big + "nodes:\n  other: {end: done}\n").utf8))
        XCTAssertTrue(result.errors.contains { $0.code == .E004 && $0.message.contains("'nodes'") })
        XCTAssertEqual(result.script?.nodes.first?.id, "b0_greet")
    }

    /// 15,000 merges of the same defaults expand to 105,000 nodes: past the
    /// old fixed limit of 100,000, well within the limit by ratio.
    func testAMergeKeyInEveryNodeOfABigScriptIsAccepted() {
        var text = """
            callguide: 1
            id: merged
            outcomes: {done: {label: Done}}
            x-defaults: &defaults {hint: "Speak slowly.", tags: [sales, phone]}
            nodes:

            """
        for n in 0..<15_000 { text += "  n\(n): {<<: *defaults, say: \"Line \(n).\"}\n" }
        text += "  the_end: {end: done}\n"
        let result = ScriptLoader.load(Array(text.utf8))
        XCTAssertEqual(result.diagnostics.map(\.message), [])
        XCTAssertEqual(result.script?.nodes.count, 15_001)
        XCTAssertEqual(result.script?.nodes[14_999].tags, ["sales", "phone"])
    }

    func testNodesWrittenAsAListAreAnError() {
        var text = "callguide: 1\nid: listed\nnodes:\n"
        for n in 0..<6_000 { text += "  - n\(n): {say: \"Step \(n).\"}\n" }
        let result = ScriptLoader.load(Array(text.utf8))
        XCTAssertTrue(result.errors.contains { $0.message.contains("'nodes' must be a mapping") })
    }
}

/// The scripts these tests load.
extension BigScriptLoadTests {
    /// `blocks` blocks of six nodes; some blocks carry a problem, spread over
    /// both halves of `nodes` so that each thread finds some.
    static func script(
        blocks: Int, brokenEvery: Int, variablesAfterNodes: Bool = false, before: (Int) -> String = { _ in "" }
    ) -> String {
        let variables = """
            variables:
              total: 0

            """
        var text = """
            callguide: 1
            id: big
            \(variablesAfterNodes ? "" : variables)outcomes:
              done: {label: Done, converted: true}
            handlers:
              help: {label: Help, start: h_help}
            nodes:

            """
        for b in 0..<blocks {
            let broken = b % brokenEvery == brokenEvery / 2
            text += before(b)
            text += """
                  b\(b)_greet:
                    say: "Hello, this is block \(b) for {call.operator}."
                  b\(b)_reason:
                    ask: "What is the reason for the call?"
                    type: choice
                    options:
                      order: "Place an order"
                      other: {label: "Something else", goto: \(broken ? "b\(b)_nowhere" : "b\(b)_offer")}
                  b\(b)_budget:
                    ask: "What budget do you have in mind?"
                    type: number
                    \(broken ? "colour: red" : "min: 0")
                    save: total
                  b\(b)_confirm:
                    \(broken ? "say: \"So {b\(b)_budget + } it is.\"" : "say: \"So {total} it is.\"")
                  b\(b)_offer:
                    offer: "Spare filters for {b\(b)_budget}?"
                    \(broken ? "when: \"total > 'ten'\"" : "when: \"total > 10\"")
                  b\(b)_next:
                    next: b\(b + 1)_greet

                """
        }
        text += """
              b\(blocks)_greet:
                end: done
              h_help:
                say: "Let me help."
              h_back:
                return: true
              b3_greet:
                end: done

            """
        if variablesAfterNodes { text += variables }
        return text
    }
}
