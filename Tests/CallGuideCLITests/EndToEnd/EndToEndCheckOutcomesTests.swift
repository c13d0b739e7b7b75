import Foundation
import XCTest

/// `check` learns the workspace's outcomes from `callguide.yaml` (W109,
/// W110; issue 16), and points at a tab in indentation.
final class EndToEndCheckOutcomesTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    func testOutcomesOfTheWorkspaceCountAsDeclared() throws {
        _ = try sandbox.write("callguide.yaml", "outcomes:\n  sale: {label: Sale, converted: true}\n  callback: Callback\n")
        let script = try sandbox.write("calls.yaml", """
            callguide: 1
            id: calls
            nodes:
              agreed:
                ask: Shall we deliver it tomorrow?
                type: yesno
                next: [{if: agreed, goto: sold}, {goto: later}]
              sold:
                end: sale
              later:
                end: calbak

            """)
        let result = try sandbox.callguide(["check", "--strict", script])
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("\(script):11:10: warning: outcome 'calbak' is declared neither"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\n    end: calbak\n         ^~~~~~\nhint: did you mean 'callback'?\n"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("1 script checked: 0 errors, 1 warning\n"), result.stdout)
    }

    func testATabInIndentationIsPointedAt() throws {
        let script = try sandbox.write("tab.yaml", "callguide: 1\nid: tab\nnodes:\n  greet:\n\tsay: Hello\n  done:\n    end: ok\n")
        let result = try sandbox.callguide(["check", script])
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("\(script):5:1: error: YAML indents with spaces, not tabs: replace the tab at column 1 with spaces [E001]"), result.stdout)
    }
}
