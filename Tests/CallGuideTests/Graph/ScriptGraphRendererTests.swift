@testable import CallGuide
import XCTest

final class ScriptGraphRendererTests: XCTestCase {
    func testEdgesCarryConditionsAndOptionKeys() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: g
            handlers: {faq: {label: FAQ, start: faq_answer}}
            nodes:
              plan:
                ask: Plan?
                type: choice
                options:
                  basic: Basic
                  premium: {label: Premium, goto: premium}
              budget:
                ask: Budget?
                type: number
                next:
                  - if: budget > 100
                    goto: premium
                  - goto: e
              premium: {say: "Premium \\"plus\\""}
              e: {end: done}
              faq_answer: {say: Answer}
              back: {return: true}
            """))
        let edges = ScriptGraphRenderer.edges(of: script)
        XCTAssertTrue(edges.contains(GraphEdge(from: "plan", to: "premium", label: "premium")))
        XCTAssertTrue(edges.contains(GraphEdge(from: "plan", to: "budget", label: nil)))
        XCTAssertTrue(edges.contains(GraphEdge(from: "budget", to: "premium", label: "if budget > 100")))
        XCTAssertTrue(edges.contains(GraphEdge(from: "budget", to: "e", label: "else")))
        XCTAssertTrue(edges.contains(GraphEdge(from: "faq", to: "faq_answer", label: nil, fromHandler: true)))
        let dot = ScriptGraphRenderer.render(script, format: .dot)
        XCTAssertTrue(dot.contains(#""budget" -> "premium" [label="if budget > 100"];"#), dot)
        XCTAssertTrue(dot.contains(#"Premium \"plus\""#), dot)
        let mermaid = ScriptGraphRenderer.render(script, format: .mermaid)
        XCTAssertTrue(mermaid.contains(#"n_plan -->|"premium"| n_premium"#), mermaid)
    }

    /// Node ids that are Mermaid or DOT words, Cyrillic ids and a node named
    /// like a handler's old id (issue 16): no raw id reaches Mermaid, DOT
    /// quotes every id, and the start node is marked in both.
    static let awkward = """
        callguide: 1
        id: awkward
        start: graph
        handlers: {end: {label: Ends, start: subgraph}}
        nodes:
          graph: {say: Hi, next: оценка}
          оценка: {ask: Score?, type: nps}
          h_end: {say: Not the handler}
          end: {end: done}
          subgraph: {say: In the handler}
          back: {return: true}
        """

    func testAwkwardIdsAndTheStartNode() throws {
        let script = try XCTUnwrap(ScriptLoader.load(Array(Self.awkward.utf8)).checked)
        let mermaid = ScriptGraphRenderer.render(script, format: .mermaid)
        let lines = mermaid.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "flowchart TD")
        // Every statement starts with a safe id: n_ASCII, nINDEX, h_..., entry, or a class line.
        for line in lines.dropFirst() {
            let head = line.trimmingCharacters(in: .whitespaces).prefix { $0 != "[" && $0 != "{" && $0 != "(" && $0 != ">" && $0 != " " }
            XCTAssertTrue(head.hasPrefix("n_") || head.hasPrefix("h_") || head.first == "n" && head.dropFirst().allSatisfy(\.isNumber)
                          || head == "entry" || head == "classDef" || head == "class", "raw id in: \(line)")
        }
        XCTAssertTrue(lines.contains("  n_end([\"end<br/>end done\"])"), mermaid)
        XCTAssertTrue(lines.contains("  n_graph --> n1"), mermaid)
        XCTAssertTrue(lines.contains("  entry((\"start\")) --> n_graph"), mermaid)
        XCTAssertTrue(lines.contains("  class n_graph startNode"), mermaid)
        XCTAssertTrue(lines.contains("  h_end --> n_subgraph"), mermaid)
        XCTAssertTrue(lines.contains("  h_end>\"!end: Ends\"]"), mermaid)
        XCTAssertFalse(mermaid.contains(" end\n") || mermaid.contains("--> end"), mermaid)

        let dot = ScriptGraphRenderer.render(script, format: .dot)
        XCTAssertTrue(dot.contains(#""graph" [shape=note, penwidth=3, label="graph\nsay: Hi"];"#), dot)
        XCTAssertTrue(dot.contains(#""(start)" -> "graph";"#), dot)
        XCTAssertTrue(dot.contains(#""!end" -> "subgraph";"#), dot)
        XCTAssertTrue(dot.contains(#""end" [shape=doubleoctagon, label="end\nend done"];"#), dot)
    }
}
