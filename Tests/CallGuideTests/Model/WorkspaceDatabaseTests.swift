import CallGuide
import XCTest

/// `database:` in callguide.yaml (store.md 1): where the store is when
/// neither `--db` nor `$CALLGUIDE_DB` says.
final class WorkspaceDatabaseTests: XCTestCase {
    func testDatabaseIsReadAsGiven() {
        let (configuration, problems) = WorkspaceConfiguration.load(Array("database: \"postgresql://olga@db/centre?sslmode=verify-full\"\n".utf8))
        XCTAssertEqual(problems, [])
        XCTAssertEqual(configuration?.database, "postgresql://olga@db/centre?sslmode=verify-full")
        XCTAssertEqual(WorkspaceConfiguration.load(Array("database: data/centre.db\n".utf8)).configuration?.database, "data/centre.db")
        XCTAssertNil(WorkspaceConfiguration.load(Array("card: {statuses: [new]}\n".utf8)).configuration?.database)
    }

    func testAnEmptyOrNonTextDatabaseIsAnError() {
        for text in ["database: \"\"\n", "database: [a, b]\n", "database: \"a\\tb\"\n"] {
            let problems = WorkspaceConfiguration.load(Array(text.utf8)).diagnostics
            XCTAssertEqual(problems.count, 1, text)
            XCTAssertEqual(problems.first?.location.line, 1, text)
        }
    }
}
