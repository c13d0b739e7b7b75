import CallGuide
import Foundation
import XCTest

/// `callguide sync` on a SQLite store (store.md 2): calls made while the
/// store was away are stored from their transcripts alone, once each.
final class CardsSyncTests: XCTestCase {
    /// A workspace whose calls were made while its store could not be
    /// reached (a PostgreSQL URI nobody answers); sync stores them in the
    /// workspace's SQLite file.
    func awayCalls(_ count: Int, card: String? = nil) throws -> WorkspaceFixture {
        let workspace = try WorkspaceFixture.make()
        var away = workspace
        away.database = "postgresql://nobody@127.0.0.1:1/centre"
        for index in 0..<count {
            let result = try away.runCall(card: card, operator: "op\(index)", answers: WorkspaceFixture.answers(name: "Client \(index)"))
            XCTAssertEqual(result.status, 2, result.stderr)
        }
        return workspace
    }

    func testSyncStoresFromTheTranscriptsAloneEvenWhenTheScriptIsGone() throws {
        let workspace = try awayCalls(2, card: "+7 900 123-45-67")
        defer { workspace.remove() }
        try FileManager.default.removeItem(atPath: workspace.script)
        let synced = try workspace.callguide(["sync", "--db", workspace.database])
        XCTAssertEqual(synced.status, 0, synced.stdout + synced.stderr)
        XCTAssertEqual(synced.stdout, "Stored 2 calls in \(workspace.database).\n")
        let calls = try workspace.calls()
        XCTAssertEqual(calls.map { $0["operator"]?.string }, ["op0", "op1"])
        let first = calls[0]
        XCTAssertEqual(first["outcome"]?.string, "sale")
        XCTAssertEqual(first["converted"], .bool(true))
        XCTAssertEqual(first["nps"]?.number, 9)
        XCTAssertEqual(first["offers"]?.elements.first?["item"]?["sku"]?.string, "F1")
        XCTAssertEqual(first["offers"]?.elements.first?["accepted"], .bool(true))
        XCTAssertEqual(first["card"]?.string, "C000001", "the new caller's card is made when the call is stored")
        XCTAssertEqual(calls[1]["card"]?.string, "C000001", "and found again by the second")
        // Sync takes the transcripts in the order of their names (call ids);
        // the first made the new caller's card and wrote it as a live call
        // would, the second never read the card: every field the card has
        // is a conflict.
        let order = workspace.transcripts.compactMap { transcriptEvents($0).first?["operator"]?.string }
        let byOperator = Dictionary(uniqueKeysWithValues: calls.map { ($0["operator"]?.string ?? "", $0) })
        let problems = { (op: String) in byOperator[op]?["card_changes_not_applied"]?.elements.compactMap { $0["field"]?.string } }
        XCTAssertEqual(problems(order[0]), [])
        XCTAssertEqual(problems(order[1]), ["budget", "company", "name", "status"])
        let card = try workspace.card("C000001")
        XCTAssertEqual(card["name"]?.string, order[0] == "op0" ? "Client 0" : "Client 1")
        XCTAssertEqual(card["status"]?.string, "potential")
    }

    func testTwoSyncsAtOnceStoreEachCallOnce() throws {
        let workspace = try awayCalls(10)
        defer { workspace.remove() }
        try assertTwoSyncsStoreEachCallOnce(workspace, calls: 10)
    }

    func testACallIdStoredForAnotherCallIsAnErrorNamingBothFiles() throws {
        let workspace = try awayCalls(1)
        defer { workspace.remove() }
        let original = try workspace.transcript(of: "op0")
        XCTAssertEqual(try workspace.callguide(["sync", "--db", workspace.database]).status, 0)
        let copy = (original as NSString).deletingLastPathComponent + "/copy.jsonl"
        let text = try String(contentsOfFile: original, encoding: .utf8)
        try text.replacingOccurrences(of: "\"operator\":\"op0\"", with: "\"operator\":\"op9\"").write(toFile: copy, atomically: true, encoding: .utf8)
        let synced = try workspace.callguide(["sync", "--db", workspace.database])
        XCTAssertEqual(synced.status, 2, synced.stdout)
        XCTAssertTrue(synced.stdout.hasPrefix("Stored 0 calls in \(workspace.database); 1 already stored, 1 not stored.\nNot stored:\n"), synced.stdout)
        XCTAssertTrue(synced.stdout.contains("  \(copy): \(copy) has the call id "), synced.stdout)
        XCTAssertTrue(synced.stdout.contains("which the store already holds for another call (\(original)); it was not stored"), synced.stdout)
        XCTAssertEqual(try workspace.calls().map { $0["operator"]?.string }, ["op0"])
    }

    func testACallWithoutAnEndADamagedTranscriptAndARunningCallAreTold() throws {
        let workspace = try awayCalls(1)
        defer { workspace.remove() }
        let folder = (try workspace.transcript(of: "op0") as NSString).deletingLastPathComponent
        let ended = try String(contentsOfFile: try workspace.transcript(of: "op0"), encoding: .utf8)
        let cut = ended.split(separator: "\n").dropLast().map { $0.replacingOccurrences(of: "op0", with: "cut") + "\n" }.joined()
            .replacingOccurrences(of: "\"call\":\"", with: "\"call\":\"x")
        try cut.write(toFile: folder + "/cut.jsonl", atomically: true, encoding: .utf8)
        try "{\"seq\":0,\"t\":\"x\",\"event\":\"say\"}\nnot json\n".write(toFile: folder + "/damaged.jsonl", atomically: true, encoding: .utf8)
        let running = try LiveCallguide(["run", workspace.script, "--operator", "live", "--db", "postgresql://nobody@127.0.0.1:1/centre"], in: workspace.root)
        XCTAssertTrue(LiveCallguide.wait { running.output.contains("Name?") }, running.output)
        let synced = try workspace.callguide(["sync"])
        running.type(WorkspaceFixture.answers())
        XCTAssertEqual(running.finish(), 2, running.output)
        XCTAssertEqual(synced.status, 2, synced.stdout)
        let lines = synced.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "Stored 1 call in \(workspace.database); 1 in use by another process (left to it), 1 without an end (callguide resume FILE), 1 not stored.")
        XCTAssertEqual(lines.dropFirst().first, "Not stored:")
        XCTAssertTrue(lines.last?.hasPrefix("  \(folder)/damaged.jsonl: \(folder)/damaged.jsonl:") == true, synced.stdout)
        XCTAssertEqual(lines.count, 3, synced.stdout)

        let missing = try workspace.callguide(["sync", "nowhere"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "callguide: nowhere: no such folder of transcripts\n")
    }
}
