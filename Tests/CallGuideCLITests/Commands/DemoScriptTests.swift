@testable import CallGuideCLI
import CallGuide
import Foundation
import XCTest

final class DemoScriptTests: XCTestCase {
    /// The demo's and `init`'s built-in workspace is the documented example
    /// (Docs/examples/modules/), byte for byte, and checks clean.
    func testBuiltInWorkspaceIsTheExample() throws {
        let examples = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/examples/modules")
        for file in DemoWorkspace.files {
            let text = try String(contentsOf: examples.appendingPathComponent(file.path), encoding: .utf8)
            XCTAssertEqual(file.text, text, "regenerate Sources/CallGuideCLI/Commands/DemoWorkspace.swift from Docs/examples/modules/\(file.path)")
        }
        let script = try XCTUnwrap(DemoWorkspace.inboundOrderScript())
        XCTAssertEqual(script.modules.map(\.alias), ["closing", "objections"])
    }

    /// The sample call plays to a sale through both modules: `!price` opens
    /// the objections module's handler by its bare name, and the NPS
    /// question is the closing module's.
    func testTheSampleCallGoesThroughBothModules() throws {
        let script = try XCTUnwrap(DemoWorkspace.inboundOrderScript())
        let transcript = InitCommand.sampleTranscript(script)
        XCTAssertTrue(transcript.contains(#""event":"handler","name":"objections.price""#), transcript)
        XCTAssertTrue(transcript.contains(#""event":"answer","node":"closing.nps""#), transcript)
        XCTAssertTrue(transcript.contains(#""outcome":"sale""#), transcript)
        XCTAssertTrue(transcript.contains(#""modules":{"closing":""#), transcript)
    }
}
