import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// A workspace (`callguide init`) with operators, groups, retries, two
/// small task scripts and one client card, for the tasks' end-to-end tests.
struct TaskWorkspace {
    let fixture: WorkspaceFixture
    var root: String { fixture.root }
    var database: String { fixture.database }

    static let settings = """

        timezone: Europe/Kyiv
        operators:
          anna: [sales]
          boris: [sales, senior]
        retry:
          no_answer: {after: 2h, max_attempts: 2}
        """

    /// One yes/no question, then the end.
    static let followUp = """
        callguide: 1
        id: follow_up
        nodes:
          read_it:
            ask: "Did you read the proposal?"
            type: yesno
          agreed:
            end: agreed
        """

    /// No question at all: the call ends at once (for draining queues).
    static let quick = """
        callguide: 1
        id: quick
        nodes:
          hello:
            say: "Hello"
          done:
            end: reached
        """

    /// `database`: another store than the workspace's SQLite file (a
    /// PostgreSQL URI), brought to the schema with `db migrate` first.
    static func make(settings: String = settings, database: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> TaskWorkspace {
        let fixture = try WorkspaceFixture.make(database: database, file: file, line: line)
        if let database {
            let migrated = try fixture.callguide(["db", "migrate", "--db", database])
            XCTAssertEqual(migrated.status, 0, migrated.stderr, file: file, line: line)
        }
        let configuration = fixture.root + "/callguide.yaml"
        let text = try String(contentsOfFile: configuration, encoding: .utf8) + settings + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: configuration))
        try Data(followUp.utf8).write(to: URL(fileURLWithPath: fixture.root + "/scripts/follow.yaml"))
        try Data(quick.utf8).write(to: URL(fileURLWithPath: fixture.root + "/scripts/quick.yaml"))
        try Data("name,phone\nOlga,+380501112233\n".utf8).write(to: URL(fileURLWithPath: fixture.root + "/clients.csv"))
        let workspace = TaskWorkspace(fixture: fixture)
        let card = try workspace.run(["card", "import", "clients.csv"])
        XCTAssertEqual(card.status, 0, card.stderr, file: file, line: line)
        return workspace
    }

    func remove() { fixture.remove() }

    /// `callguide ARGS` in the workspace, as `operator`.
    func run(_ arguments: [String], as name: String = "anna", input: String = "", timeout: TimeInterval = 30) throws -> ProcessResult {
        try fixture.callguide(arguments + ["--db", database], input: input, environment: ["CALLGUIDE_OPERATOR": name], timeout: timeout)
    }

    /// Every task, as `tasks --all --due all --format json` shows it.
    func tasks(file: StaticString = #filePath, line: UInt = #line) throws -> [JSONValue] {
        let result = try run(["tasks", "--all", "--due", "all", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try JSONParser.parse(result.stdout).elements
    }

    func task(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        try XCTUnwrap(try tasks(file: file, line: line).first { $0["id"]?.string == id }, file: file, line: line)
    }

    /// The store opened directly, in the centre's zone, for what no command
    /// makes (a transfer's handover, a hold taken in the past).
    func store() throws -> CardStore {
        try CardStore(path: database, timeZone: TimeZone(identifier: "Europe/Kyiv")!)
    }
}
