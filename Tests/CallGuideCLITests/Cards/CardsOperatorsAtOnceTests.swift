import CallGuide
import Foundation
import XCTest

/// Issue 11's concurrency test, end to end with real processes: operators
/// as separate processes on one store, a hundred real calls each (taken as
/// `run` takes them, by the `__store-calls --script` harness), half of them
/// on the same ten cards, each call writing `card.visits + 1`. Every call
/// is stored once, every new caller gets one card, and every increment that
/// did not land is a recorded conflict: nothing is lost. Eight operators on
/// one SQLite file here; sixteen on PostgreSQL in
/// PostgresOperatorsAtOnceTests.
final class CardsOperatorsAtOnceTests: XCTestCase {
    func testEightOperatorsAHundredCallsEachOnOneFile() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try OperatorsAtOnce.run(operators: 8, in: workspace)
    }
}

/// The run, shared by the SQLite and PostgreSQL tests.
enum OperatorsAtOnce {
    static let callsEach = 100
    static let sharedCards = 10

    static func run(operators: Int, in workspace: WorkspaceFixture, file: StaticString = #filePath, line: UInt = #line) throws {
        let script = workspace.root + "/scripts/increment.yaml"
        try Data(IncrementRace.incrementScript.utf8).write(to: URL(fileURLWithPath: script))
        // The ten shared cards, visits 0.
        let seed = workspace.root + "/shared.csv"
        let rows = (1...sharedCards).map { String(format: "C%06d,Shared %d,0", $0, $0) }
        try Data((["id,name,visits"] + rows).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: seed))
        let seeded = try workspace.callguide(["card", "import", seed, "--db", workspace.database])
        XCTAssertEqual(seeded.status, 0, seeded.stderr, file: file, line: line)

        let writers = try (0..<operators).map { index in
            try LiveCallguide(
                ["__store-calls", String(callsEach), "--db", workspace.database, "--operator", "op\(index)", "--script", script,
                 "--shared-cards", String(sharedCards), "--transcripts", workspace.root + "/transcripts/op\(index)"],
                in: workspace.root)
        }
        for (index, writer) in writers.enumerated() {
            XCTAssertEqual(writer.finish(timeout: 600), 0, "operator \(index): \(writer.output.suffix(2_000))", file: file, line: line)
        }

        let calls = try workspace.calls()
        XCTAssertEqual(calls.count, operators * callsEach, "every call stored", file: file, line: line)
        XCTAssertEqual(Set(calls.compactMap { $0["id"]?.string }).count, operators * callsEach, "each once", file: file, line: line)
        for index in 0..<operators {
            XCTAssertEqual(calls.filter { $0["operator"]?.string == "op\(index)" }.count, callsEach, "op\(index)", file: file, line: line)
        }
        let sharedIDs = Set((1...sharedCards).map { String(format: "C%06d", $0) })
        let onShared = calls.filter { sharedIDs.contains($0["card"]?.string ?? "") }
        XCTAssertEqual(onShared.count, operators * callsEach / 2, file: file, line: line)
        let newCallers = Set(calls.compactMap { $0["card"]?.string }).subtracting(sharedIDs)
        XCTAssertEqual(newCallers.count, operators * callsEach / 2, "one card per new caller", file: file, line: line)
        let status = try workspace.callguide(["db", "status", "--db", workspace.database])
        XCTAssertTrue(status.stdout.contains("cards: \(sharedCards + operators * callsEach / 2)"), status.stdout, file: file, line: line)

        // Every increment either landed or is a conflict stored with its call.
        let conflicts = onShared.reduce(0) { count, call in
            guard case .array(let problems)? = call["card_changes_not_applied"] else { return count }
            return count + problems.filter { $0["field"]?.string == "visits" }.count
        }
        var visits = Decimal(0)
        for id in sharedIDs.sorted() {
            visits += try XCTUnwrap(workspace.card(id)["fields"]?["visits"]?.number, id, file: file, line: line)
        }
        XCTAssertEqual(visits + Decimal(conflicts), Decimal(onShared.count),
                       "visits \(visits) + conflicts \(conflicts) = calls on the shared cards", file: file, line: line)
        XCTAssertGreaterThan(visits, 0, file: file, line: line)
    }
}
