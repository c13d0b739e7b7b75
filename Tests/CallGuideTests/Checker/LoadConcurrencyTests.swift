import XCTest
@testable import CallGuide

/// A big script is read, decoded and checked on two threads. What the user
/// sees must be exactly what one thread gives: the same diagnostics, in the
/// same order, and the same nodes.
final class LoadConcurrencyTests: XCTestCase {
    /// `blocks` blocks of six nodes; some blocks carry a problem, spread over
    /// both halves of `nodes` so that each thread finds some.
    private func script(
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

    private func describe(_ result: ScriptCheckResult) -> [String] {
        result.diagnostics.map { "\($0.location) \($0.code) \($0.message) \($0.hint ?? "")" }
    }

    func testTwoThreadsReportExactlyWhatOneThreadReports() throws {
        let bytes = Array(script(blocks: 400, brokenEvery: 37).utf8)
        XCTAssertGreaterThan(bytes.count, YAMLParser.pipelineThreshold)
        let one = ScriptLoader.load(bytes, configuration: nil, concurrency: .sequential)
        let two = ScriptLoader.load(bytes, configuration: nil, concurrency: .automatic)
        XCTAssertEqual(describe(one), describe(two))
        XCTAssertEqual(one.script?.nodes.map(\.id), two.script?.nodes.map(\.id))
        XCTAssertEqual(two.script?.nodes.count, 400 * 6 + 4)
        assertIndexAsThePublicInitBuildsIt(one.script)
        assertIndexAsThePublicInitBuildsIt(two.script)
        // The problems really are in both halves, and of several kinds.
        let codes = Set(two.diagnostics.map(\.code))
        for code in [DiagnosticCode.E003, .E004, .E006, .E007, .W104] {
            XCTAssertTrue(codes.contains(code), "no \(code) in \(codes)")
        }
        let lines = two.diagnostics.map(\.location.line)
        let middle = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count / 2
        XCTAssertTrue(lines.contains { $0 < middle } && lines.contains { $0 > middle })
    }

    /// The decoder's own list of problems, before the result sorts them:
    /// the problems the pool thread finds from the back of `nodes` come
    /// back in file order, each node's in the order found.
    func testDecodingFromBothEndsKeepsTheProblemsInFileOrder() throws {
        let text = script(blocks: 400, brokenEvery: 7)
        let root = try XCTUnwrap(YAMLParser.parse(Array(text.utf8)).root)
        var one = ScriptDecoder(concurrency: .sequential)
        var two = ScriptDecoder(concurrency: .automatic)
        let oneScript = one.decode(root), twoScript = two.decode(root)
        XCTAssertGreaterThan(one.context.diagnostics.count, 100)
        XCTAssertEqual(one.context.diagnostics.map { "\($0.location) \($0.code) \($0.message)" },
                       two.context.diagnostics.map { "\($0.location) \($0.code) \($0.message)" })
        XCTAssertEqual(oneScript?.nodes.map(\.id), twoScript?.nodes.map(\.id))
        XCTAssertEqual(oneScript?.nodeIndex, twoScript?.nodeIndex)
    }

    func testACleanBigScriptIsCleanOnBothPaths() {
        let bytes = Array(script(blocks: 300, brokenEvery: 1_000_000).utf8)
        let two = ScriptLoader.load(bytes, configuration: nil, concurrency: .automatic)
        // Only the deliberate duplicate id is an error (the offers' W104
        // warnings stay: a choice can skip the budget question).
        XCTAssertEqual(two.errors.map(\.code), [.E004])
        XCTAssertEqual(describe(two), describe(ScriptLoader.load(bytes, configuration: nil, concurrency: .sequential)))
    }

    /// Loads `text` on one thread and on two (several times, as nodes are
    /// decoded while the file is read only when the builder would wait),
    /// checks that both report the same, and returns the most nodes that
    /// were decoded while reading.
    /// Loads `text` on one thread, on two, and on two decoding every
    /// complete node before each chunk of events is taken; checks that all
    /// report the same, and returns how many nodes the last way decoded
    /// while the file was being read.
    @discardableResult
    private func assertSameOnBothPaths(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
        let bytes = Array(text.utf8)
        XCTAssertGreaterThan(bytes.count, YAMLParser.pipelineThreshold, file: file, line: line)
        let one = ScriptLoader.load(bytes, configuration: nil, concurrency: .sequential)
        var predecoded = 0
        for concurrency in [LoadConcurrency.automatic, .automaticDecodingWhileReading] {
            let two: ScriptCheckResult
            (two, predecoded) = ScriptLoader.loadCountingPredecoded(bytes, configuration: nil, concurrency: concurrency)
            XCTAssertEqual(describe(one), describe(two), "\(concurrency)", file: file, line: line)
            XCTAssertEqual(one.script?.nodes.map(\.id), two.script?.nodes.map(\.id), file: file, line: line)
            XCTAssertEqual(one.script?.nodes.map(\.location), two.script?.nodes.map(\.location), file: file, line: line)
            XCTAssertEqual(one.script?.nodes.map { "\($0)" }, two.script?.nodes.map { "\($0)" }, file: file, line: line)
            assertIndexAsThePublicInitBuildsIt(two.script, file: file, line: line)
        }
        assertIndexAsThePublicInitBuildsIt(one.script, file: file, line: line)
        return predecoded
    }

    /// The decoder builds `nodeIndex` as it decodes (prefix, halves); it
    /// must be what `Script`'s public init computes from the nodes.
    private func assertIndexAsThePublicInitBuildsIt(_ script: Script?, file: StaticString = #filePath, line: UInt = #line) {
        guard let script else { return XCTFail("no script", file: file, line: line) }
        XCTAssertEqual(script.nodeIndex, Script(id: script.id, start: script.start, nodes: script.nodes).nodeIndex, file: file, line: line)
    }

    /// Duplicate ids (whose first node must win the index) and keys that
    /// are no node ids (pairs that decode to no node) in the predecoded
    /// prefix and in both halves.
    func testDuplicateAndInvalidIdsEverywhereGiveTheSameNodesAndIndex() {
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
        let predecoded = assertSameOnBothPaths(text)
        XCTAssertGreaterThan(predecoded, 0)
        let result = ScriptLoader.load(Array(text.utf8), configuration: nil, concurrency: .automaticDecodingWhileReading)
        XCTAssertEqual(result.script?.nodeIndex["b382_greet"], result.script?.nodes.firstIndex { $0.id == "b382_greet" })
        XCTAssertNotEqual(result.script?.nodeIndex.count, result.script?.nodes.count)
    }

    func testNodesAreDecodedWhileTheFileIsStillBeingRead() {
        let text = script(blocks: 400, brokenEvery: 37)
        let predecoded = assertSameOnBothPaths(text)
        XCTAssertGreaterThan(predecoded, 0)
    }

    func testVariablesAfterNodesStillClashWithNodesDecodedEarly() {
        // Clashes both early (decoded while reading) and late in `nodes`.
        var text = script(blocks: 400, brokenEvery: 37, variablesAfterNodes: true)
        text += "  b0_greet: 1\n  b2_reason: 2\n  b200_offer: 3\n  b399_next: 4\n"
        XCTAssertGreaterThan(assertSameOnBothPaths(text), 0)
        let result = ScriptLoader.load(Array(text.utf8), configuration: nil, concurrency: .automatic)
        XCTAssertEqual(result.diagnostics.filter { $0.message.contains("clashes with the variable") }.count, 4)
    }

    func testToolKeysAmongNodesAreLeftOutOnBothPaths() {
        let text = script(blocks: 400, brokenEvery: 41) { b in
            b % 7 == 3 ? "  x-note\(b): {say: 12, ask: [1]}\n  x-\(b): plain\n" : ""
        }
        XCTAssertGreaterThan(assertSameOnBothPaths(text), 0)
    }

    func testAMergeKeyInNodesGivesTheSameNodes() {
        let text = "defaults: &extra\n  merged_one: {say: \"Merged.\"}\n  b3_greet: {say: \"Shadowed.\"}\n"
            + script(blocks: 400, brokenEvery: 41) { b in b == 250 ? "  <<: *extra\n" : "" }
        assertSameOnBothPaths(text)
        let result = ScriptLoader.load(Array(text.utf8), configuration: nil, concurrency: .automatic)
        XCTAssertTrue(result.script?.nodes.contains { $0.id == "merged_one" } == true)
    }

    func testASecondNodesKeyGivesTheSameResult() {
        // A big `nodes` then a small one, and a small one then a big one.
        let big = script(blocks: 400, brokenEvery: 41)
        assertSameOnBothPaths(big + "nodes:\n  other: {end: done}\n")
        let smallFirst = big.replacingOccurrences(
            of: "outcomes:", with: "nodes:\n  first_only:\n    end: done\noutcomes:")
        assertSameOnBothPaths(smallFirst)
    }

    func testNodesWrittenAsAListGiveTheSameError() {
        var text = "callguide: 1\nid: listed\nnodes:\n"
        for n in 0..<6_000 { text += "  - n\(n): {say: \"Step \(n).\"}\n" }
        XCTAssertEqual(assertSameOnBothPaths(text), 0)
        let result = ScriptLoader.load(Array(text.utf8), configuration: nil, concurrency: .automatic)
        XCTAssertTrue(result.errors.contains { $0.message.contains("'nodes' must be a mapping") })
    }

    func testSplittingStartsAtAThousandItems() {
        XCTAssertFalse(LoadConcurrency.automatic.splits(999))
        XCTAssertTrue(LoadConcurrency.automatic.splits(1_000))
        XCTAssertFalse(LoadConcurrency.sequential.splits(1_000_000))
    }

    func testInParallelReturnsBothResultsEitherWay() {
        let (a, b) = inParallel(true, { (1...1_000).reduce(0, +) }, { "second" })
        XCTAssertEqual(a, 500_500)
        XCTAssertEqual(b, "second")
        let (c, d) = inParallel(false, { [1, 2, 3] }, { 4 })
        XCTAssertEqual(c, [1, 2, 3])
        XCTAssertEqual(d, 4)
    }
}
