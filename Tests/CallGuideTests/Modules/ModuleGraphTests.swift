@testable import CallGuide
import XCTest

/// `graph` draws each module as a cluster, a module's modules inside it,
/// and a flow node's edge into its module (script language 9.1).
final class ModuleGraphTests: XCTestCase {
    func testModulesAreClustersInDotAndMermaid() throws {
        let survey = "callguide: 1\nid: survey\nnodes:\n  happy: {ask: Happy?, type: yesno}\n  back: {return: true}\n"
        let wrap = "callguide: 1\nid: wrap\nuse: {survey: survey.yaml}\nnodes:\n  go: {flow: survey}\n  back: {return: true}\n"
        let main = "callguide: 1\nid: main\nuse: {wrap: shared/wrap.yaml}\nnodes:\n  start_it: {flow: wrap}\n  done: {end: done}\n"
        let script = try XCTUnwrap(ModuleWorkspace(["main.yaml": main, "shared/wrap.yaml": wrap, "shared/survey.yaml": survey]).script())

        let dot = ScriptGraphRenderer.render(script, format: .dot).components(separatedBy: "\n")
        let outer = try XCTUnwrap(dot.firstIndex(of: #"  subgraph "cluster_wrap" {"#), dot.joined(separator: "\n"))
        let inner = try XCTUnwrap(dot.firstIndex(of: #"    subgraph "cluster_wrap.survey" {"#), dot.joined(separator: "\n"))
        let happy = try XCTUnwrap(dot.firstIndex { $0.hasPrefix(#"      "wrap.survey.happy""#) })
        XCTAssertTrue(outer < inner && inner < happy)
        XCTAssertTrue(dot.contains(#"  "start_it" -> "wrap.go" [label="flow"];"#))
        XCTAssertFalse(dot.contains { $0.hasPrefix(#"  "done""#) && dot.firstIndex(of: $0)! > outer && dot.firstIndex(of: $0)! < happy }, "the script's own nodes stay outside")

        let mermaid = ScriptGraphRenderer.render(script, format: .mermaid)
        XCTAssertTrue(mermaid.contains("  subgraph m_2[\"wrap: shared/wrap.yaml\"]\n"), mermaid)
        XCTAssertTrue(mermaid.contains("    subgraph m_4[\"wrap.survey: shared/survey.yaml\"]\n"), mermaid)
        XCTAssertTrue(mermaid.contains("    end\n  end"), mermaid)
    }
}
