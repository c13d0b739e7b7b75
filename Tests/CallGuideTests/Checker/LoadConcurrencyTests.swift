import XCTest
@testable import CallGuide

/// A big script is read, decoded and checked on two threads. What the user
/// sees must be exactly what one thread gives: the same diagnostics, in the
/// same order, and the same nodes.
final class LoadConcurrencyTests: XCTestCase {
    /// `blocks` blocks of six nodes; some blocks carry a problem, spread over
    /// both halves of `nodes` so that each thread finds some.
    private func script(blocks: Int, brokenEvery: Int) -> String {
        var text = """
            callguide: 1
            id: big
            variables:
              total: 0
            outcomes:
              done: {label: Done, converted: true}
            handlers:
              help: {label: Help, start: h_help}
            nodes:

            """
        for b in 0..<blocks {
            let broken = b % brokenEvery == brokenEvery / 2
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
        // The problems really are in both halves, and of several kinds.
        let codes = Set(two.diagnostics.map(\.code))
        for code in [DiagnosticCode.E003, .E004, .E006, .E007, .W104] {
            XCTAssertTrue(codes.contains(code), "no \(code) in \(codes)")
        }
        let lines = two.diagnostics.map(\.location.line)
        let middle = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count / 2
        XCTAssertTrue(lines.contains { $0 < middle } && lines.contains { $0 > middle })
    }

    func testACleanBigScriptIsCleanOnBothPaths() {
        let bytes = Array(script(blocks: 300, brokenEvery: 1_000_000).utf8)
        let two = ScriptLoader.load(bytes, configuration: nil, concurrency: .automatic)
        // Only the deliberate duplicate id is an error (the offers' W104
        // warnings stay: a choice can skip the budget question).
        XCTAssertEqual(two.errors.map(\.code), [.E004])
        XCTAssertEqual(describe(two), describe(ScriptLoader.load(bytes, configuration: nil, concurrency: .sequential)))
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
