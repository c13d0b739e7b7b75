import CallGuide
import Foundation
import XCTest

/// store.md 3 on a SQLite store two workspaces share: the operators and
/// groups pushed to the store are the ones the task commands know.
final class CardsCentreSettingsTests: XCTestCase {
    func testThePushedOperatorsAreTheTaskCommandsOnEveryWorkspace() throws {
        let centre = try WorkspaceFixture.make()
        let other = try WorkspaceFixture.make()
        defer { centre.remove(); other.remove() }
        let configuration = centre.root + "/callguide.yaml"
        let text = try String(contentsOfFile: configuration, encoding: .utf8)
        try (text + "\noperators:\n  anna: [sales]\n").write(toFile: configuration, atomically: true, encoding: .utf8)
        XCTAssertEqual(try centre.callguide(["db", "migrate", "--db", centre.database]).status, 0)

        let before = try other.callguide(["tasks", "--group", "sales", "--db", centre.database])
        XCTAssertEqual(before.status, 2, "until pushed, the workspace's own (no groups) apply")
        XCTAssertTrue(before.stderr.contains("unknown group 'sales'"), before.stderr)

        XCTAssertEqual(try centre.callguide(["db", "config", "push", "--db", centre.database]).status, 0)
        let after = try other.callguide(["tasks", "--group", "sales", "--db", centre.database])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(after.stdout, "No tasks.\n")
        XCTAssertEqual(after.stderr, "callguide: this workspace's callguide.yaml differs from the centre settings in \(centre.database) (operators); the store's settings apply (callguide db config show)\n")
    }
}
