@testable import CallGuideCLI
import CallGuide
import Foundation
import XCTest

/// The workspace's scripts, as `card forget` and `calls --redact` read them
/// for answer types, come linked with their modules: a module's question
/// has its type under its qualified id (script language 9.1).
final class WorkspaceScriptsModuleTests: XCTestCase {
    func testAModulesQuestionHasItsTypeUnderItsQualifiedId() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ws-modules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for file in DemoWorkspace.files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
        let scripts = WorkspaceScripts.load(Workspace(root: root.path, configurationPath: nil), configuration: nil)
        XCTAssertEqual(scripts.answerType(script: "inbound_order", node: "closing.nps"), .nps)
        XCTAssertEqual(scripts.answerType(script: "delivery_follow_up", node: "closing.nps"), .nps)
        XCTAssertEqual(scripts.answerType(script: "inbound_order", node: "objections.loyalty"), .yesno)
    }
}
