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
        XCTAssertTrue(edges.contains(GraphEdge(from: "handler_faq", to: "faq_answer", label: nil)))
        let dot = ScriptGraphRenderer.render(script, format: .dot)
        XCTAssertTrue(dot.contains(#""budget" -> "premium" [label="if budget > 100"];"#), dot)
        XCTAssertTrue(dot.contains(#"Premium \"plus\""#), dot)
        let mermaid = ScriptGraphRenderer.render(script, format: .mermaid)
        XCTAssertTrue(mermaid.contains(#"plan -->|"premium"| premium"#), mermaid)
    }
}
