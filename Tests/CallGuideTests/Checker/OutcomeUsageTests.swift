@testable import CallGuide
import XCTest

/// W109 and W110: outcomes used against those declared (issue 16).
final class OutcomeUsageTests: XCTestCase {
    private func check(_ yaml: String, workspace: [String] = []) -> [Diagnostic] {
        let configuration = WorkspaceConfiguration(outcomes: workspace.map {
            OutcomeDeclaration(name: $0, label: LocalizedLabel($0), converted: false, location: .unknown)
        })
        return ScriptLoader.load(Array(yaml.utf8), configuration: configuration).diagnostics
    }

    func testAMisspeltOutcomeIsOneWarningWithDidYouMean() {
        let found = check("callguide: 1\nid: o\noutcomes:\n  sale: Sale\nnodes:\n  done:\n    end: sael\n")
        XCTAssertEqual(found.map(\.code), [.W109])
        XCTAssertEqual(found.first?.hint, "did you mean 'sale'?")
        XCTAssertEqual(found.first?.location, SourceLocation(line: 7, column: 10))
    }

    func testTheWorkspaceDeclaresOutcomesForEveryScript() {
        let yaml = "callguide: 1\nid: o\nnodes:\n  done:\n    end: callback\n"
        XCTAssertEqual(check(yaml, workspace: ["callback"]).map(\.code), [])
        XCTAssertEqual(check(yaml, workspace: ["sale"]).map(\.code), [.W109])
        XCTAssertEqual(check(yaml, workspace: ["callbak"]).first?.hint, "did you mean 'callbak'?")
    }

    func testBuiltInOutcomesNeedNoDeclaration() {
        for outcome in ["hangup", "abandoned", "error", "no_answer", "busy"] {
            let yaml = "callguide: 1\nid: o\noutcomes:\n  sale: Sale\nnodes:\n  a:\n    when: 'true'\n    end: \(outcome)\n  done:\n    end: sale\n"
            XCTAssertEqual(check(yaml).map(\.code), [], outcome)
        }
    }

    func testAScriptWithoutAnyDeclaredOutcomeIsNotChecked() {
        XCTAssertEqual(check("callguide: 1\nid: o\nnodes:\n  done:\n    end: whatever\n").map(\.code), [])
    }

    func testADeclaredOutcomeNoEndUsesIsAWarningButNotAWorkspaceOne() {
        let yaml = "callguide: 1\nid: o\noutcomes:\n  sale: Sale\n  callback: Callback\nnodes:\n  done:\n    end: sale\n"
        let found = check(yaml, workspace: ["refused"])
        XCTAssertEqual(found.map(\.code), [.W110])
        XCTAssertEqual(found.first?.location, SourceLocation(line: 5, column: 3))
    }
}
