@testable import CallGuideCLI
import CallGuide
import Foundation
import XCTest

final class DemoScriptTests: XCTestCase {
    /// The demo's built-in script is the documented example, byte for byte.
    func testBuiltInScriptIsTheExample() throws {
        let example = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/examples/inbound-order.yaml")
        let text = try String(contentsOf: example, encoding: .utf8)
        XCTAssertEqual(DemoScript.yaml + "\n", text, "regenerate Sources/CallGuideCLI/Commands/DemoScript.swift from the example")
        XCTAssertFalse(ScriptLoader.load(Array(DemoScript.yaml.utf8)).hasErrors)
    }
}
