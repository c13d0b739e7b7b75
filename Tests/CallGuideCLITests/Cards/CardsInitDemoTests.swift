import CallGuide
import Foundation
import XCTest

/// `init` and `demo` through the real binary.
final class CardsInitDemoTests: XCTestCase {
    /// `init --sample-data`: a few hundred calls every report can show,
    /// the same for the same seed, never mixed into a store that has data.
    func testInitWithSampleDataFillsTheWorkspacesStore() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cards-sample-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let made = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["init", root, "--sample-data", "--seed", "3"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let workspace = WorkspaceFixture(root: root, database: root + "/callguide.db")
        let calls = try workspace.calls()
        XCTAssertTrue(made.stdout.contains("filled   callguide.db: \(calls.count) sample calls"), made.stdout)
        XCTAssertTrue((200...600).contains(calls.count), "\(calls.count)")
        let byOperator = try workspace.json(["report", "--by", "operator", "--format", "json", "--db", workspace.database]).elements
        XCTAssertEqual(byOperator.compactMap { $0["operator"]?.string }, ["anna", "boris", "chen", "dana"])
        XCTAssertEqual(byOperator.compactMap { $0["calls"]?.number }.reduce(0, +), Decimal(calls.count))
        let tasks = try workspace.json(["report", "tasks", "--format", "json", "--db", workspace.database])
        let row = try XCTUnwrap(tasks["rows"]?.elements.first)
        XCTAssertGreaterThan(row["done_on_time"]?.number ?? 0, 0)
        XCTAssertGreaterThan(row["overdue_now"]?.number ?? 0, 0)
        XCTAssertEqual(Set(calls.compactMap { $0["version"]?.string }), ["3", "4"])

        let again = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["init", root, "--sample-data"])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("already holds 140 cards and \(calls.count) calls"), again.stderr)
        XCTAssertEqual(try workspace.calls().count, calls.count, "nothing added")
        let badSeed = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["init", root + "-x", "--sample-data", "--seed", "-1"])
        XCTAssertEqual(badSeed.status, 2, badSeed.stderr)
        let seedAlone = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["init", root + "-x", "--seed", "2"])
        XCTAssertEqual(seedAlone.status, 2, seedAlone.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "-x"), "a refused init makes nothing")
    }

    func testInitCreatesTheFilesAndKeepsExistingOnes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cards-init-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["init", root])
        XCTAssertEqual(first.status, 0, first.stderr)
        let files = [
            "callguide.yaml", "scripts/inbound-order.yaml", "scripts/delivery-follow-up.yaml", "shared/closing.yaml",
            "shared/objections.yaml", "scripts/inbound-proposal.yaml", "scripts/proposal-follow-up.yaml",
            "qa/sample-call.jsonl", ".gitignore",
        ]
        for file in files {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/" + file), file)
        }
        let mine = "# my own configuration\n"
        try mine.write(toFile: root + "/callguide.yaml", atomically: true, encoding: .utf8)
        let second = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["init", root])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout.components(separatedBy: "kept ").count - 1, files.count, second.stdout)
        XCTAssertFalse(second.stdout.contains("created "), second.stdout)
        XCTAssertEqual(try String(contentsOfFile: root + "/callguide.yaml", encoding: .utf8), mine, "an existing file is never overwritten")

        // The sample transcript replays PASS against the sample script.
        try FileManager.default.removeItem(atPath: root + "/callguide.yaml")
        _ = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["init", root])
        let replay = try ProcessRunner.run(
            BuiltProducts.callguide, arguments: ["replay", root + "/scripts/inbound-order.yaml", root + "/qa/sample-call.jsonl"],
            environment: ["NO_COLOR": "1"])
        XCTAssertEqual(replay.status, 0, replay.stdout + replay.stderr)
        XCTAssertTrue(replay.stdout.contains("PASS"), replay.stdout)

        // The worked example of a proposal over several calls, and the two
        // scripts sharing the modules, check clean in their workspace (the
        // follow-up script's id is found).
        let check = try ProcessRunner.run(
            BuiltProducts.callguide, arguments: ["check", "--strict", root + "/scripts/inbound-proposal.yaml", root + "/scripts/proposal-follow-up.yaml",
                                                 root + "/scripts/inbound-order.yaml", root + "/scripts/delivery-follow-up.yaml"],
            environment: ["NO_COLOR": "1"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
    }

    func testDemoAutoEndsInASaleAndLeavesNothingBehind() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("cards-demo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let result = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["demo", "--auto"],
                                           environment: ["TMPDIR": temporary, "NO_COLOR": "1"], timeout: 30)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Call ended: sale"), result.stdout)
        // The call books a callback for the day after the delivery (issue 12).
        XCTAssertTrue(result.stdout.contains("Task T000001 booked."), result.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [], "no temporary workspace left behind")
        // The paths it printed were said to be temporary (issue 16).
        XCTAssertTrue(result.stdout.contains("The demo's workspace is temporary: \(temporary)"), result.stdout)

        // The sample keeps the stored full name and the client's own phone:
        // "Olga" and the courier's number go elsewhere (issue 16).
        let card = try XCTUnwrap(result.stdout.components(separatedBy: "The card after the call:").last)
        XCTAssertTrue(card.contains("Olga Petrova"), card)
        XCTAssertTrue(card.contains("+7 900 123-45-67"), card)
        XCTAssertTrue(card.contains("delivery_phone"), card)
        XCTAssertTrue(card.contains("+79120001122"), card)

        let kept = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["demo", "--auto", "--keep"],
                                         environment: ["TMPDIR": temporary, "NO_COLOR": "1"], timeout: 30)
        XCTAssertEqual(kept.status, 0, kept.stderr)
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary)
        XCTAssertEqual(left.count, 1, "--keep keeps the workspace")
        XCTAssertTrue((kept.stdout + kept.stderr).contains(left.first ?? "?"), kept.stdout)
    }
}
