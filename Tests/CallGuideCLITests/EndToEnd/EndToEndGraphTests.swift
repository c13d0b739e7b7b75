import Foundation
import XCTest

/// `callguide graph --format dot` read by Graphviz itself (`dot`, installed
/// by `Scripts/setup`): every example and fixture, and ids that are
/// DOT keywords, lay out without an error (issue 16).
final class EndToEndGraphTests: XCTestCase {
    static let dot = "/usr/bin/dot"

    func testGraphvizReadsEveryScriptsGraph() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.dot) else {
            throw XCTSkip("\(Self.dot) is missing: run Scripts/setup (graphviz)")
        }
        let sandbox = try EndToEndSandbox()
        var scripts = [try sandbox.exampleScript(), try sandbox.fixture("survey.yaml"), try sandbox.fixture("support-line.yaml")]
        scripts.append(try sandbox.write("awkward.yaml", """
            callguide: 1
            id: graph
            handlers: {node: {label: "A \\"quoted\\" label", start: subgraph}}
            nodes:
              graph: {say: 'Hi; {call.operator} -> "you"', next: edge}
              edge: {ask: Оценка?, type: nps}
              end: {end: done}
              subgraph: {say: In the handler}
              digraph: {return: true}
            """))
        for script in scripts {
            for format in ["dot", "mermaid"] {
                let graph = try sandbox.callguide(["graph", script, "--format", format])
                XCTAssertEqual(graph.status, 0, graph.stderr)
                guard format == "dot" else { continue }
                let laidOut = try ProcessRunner.run(Self.dot, arguments: ["-Tsvg"], input: Data(graph.stdout.utf8))
                XCTAssertEqual(laidOut.status, 0, "\(script): \(laidOut.stderr)\n\(graph.stdout)")
                XCTAssertEqual(laidOut.stderr, "", "\(script): Graphviz warned")
                XCTAssertTrue(laidOut.stdout.contains("<svg"), script)
                XCTAssertTrue(graph.stdout.contains(#""(start)" -> "#), graph.stdout)
            }
        }
    }
}
