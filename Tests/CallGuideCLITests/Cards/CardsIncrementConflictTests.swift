import CallGuide
import Foundation
import XCTest

/// store.md section 5 through the real binary: eight operators at once, each
/// call writing `card.visits + 1` on one card from the same start. Every
/// increment that is lost is recorded as a conflict, so the final count plus
/// the conflicts is the number of calls, on SQLite and on PostgreSQL.
final class CardsIncrementConflictTests: XCTestCase {
    func testEightOperatorsIncrementingOneCardLoseNoIncrementSilently() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try IncrementRace.run(in: workspace)
    }
}

/// The race, shared by the SQLite and PostgreSQL tests.
enum IncrementRace {
    static let operators = 8
    static let rounds = 2

    /// Seeds `visits: 0`, then in each round starts eight calls that all read
    /// the card before any of them ends, and ends them together.
    static func run(in workspace: WorkspaceFixture, file: StaticString = #filePath, line: UInt = #line) throws {
        let seed = workspace.root + "/scripts/seed.yaml"
        let increment = workspace.root + "/scripts/increment.yaml"
        try Data(seedScript.utf8).write(to: URL(fileURLWithPath: seed))
        try Data(incrementScript.utf8).write(to: URL(fileURLWithPath: increment))
        let seeded = try workspace.callguide(["run", seed, "--card", "+7 900 555-00-01", "--operator", "seed", "--db", workspace.database])
        XCTAssertEqual(seeded.status, 0, seeded.stderr + seeded.stdout, file: file, line: line)

        for round in 0..<rounds {
            let calls = try (0..<operators).map { index -> (LiveCallguide, String) in
                let transcript = workspace.root + "/transcripts/r\(round)-op\(index).jsonl"
                let call = try LiveCallguide(
                    ["run", increment, "--card", "C000001", "--operator", "op\(index)", "--db", workspace.database,
                     "--transcript", transcript], in: workspace.root)
                return (call, transcript)
            }
            // Every call has read the card (its question is asked) before any ends.
            for (call, transcript) in calls {
                let asked = LiveCallguide.wait(timeout: 30) {
                    !call.process.isRunning || transcriptEvents(transcript).contains { $0["event"]?.string == "ask" }
                }
                XCTAssertTrue(asked, call.output, file: file, line: line)
            }
            for (call, _) in calls { call.type(["yes"]) }
            for (call, _) in calls { XCTAssertEqual(call.finish(timeout: 60), 0, call.output, file: file, line: line) }
        }

        let stored = try workspace.calls().filter { $0["operator"]?.string != "seed" }
        XCTAssertEqual(stored.count, operators * rounds, file: file, line: line)
        let conflicts = stored.flatMap { call -> [JSONValue] in
            guard case .array(let problems)? = call["card_changes_not_applied"] else { return [] }
            return problems.filter { $0["field"]?.string == "visits" }
        }
        let visits = try XCTUnwrap(workspace.card("C000001")["fields"]?["visits"]?.number, file: file, line: line)
        XCTAssertEqual(visits + Decimal(conflicts.count), Decimal(operators * rounds),
                       "every lost increment is a recorded conflict (visits \(visits), conflicts \(conflicts.count))",
                       file: file, line: line)
        XCTAssertEqual(visits, Decimal(rounds), "each round's calls all read the same value: one increment lands per round",
                       file: file, line: line)
    }

    static let seedScript = """
        callguide: 1
        id: seed
        version: 1
        title: Seed
        language: en
        outcomes:
          done: {label: Done, converted: false}
        card:
          visits: number
        nodes:
          start:
            say: "Seeding."
            set: {card.visits: "0"}
          close:
            end: done

        """

    static let incrementScript = """
        callguide: 1
        id: increment
        version: 1
        title: Increment
        language: en
        outcomes:
          done: {label: Done, converted: false}
        card:
          visits: number
        nodes:
          ready:
            ask: "Ready?"
            type: yesno
          count:
            say: "Counting the visit."
            set: {card.visits: "card.visits + 1"}
          close:
            end: done

        """
}
