import CallGuide
import Foundation
import Glibc
import XCTest

/// `card forget [--transcripts]` and `--redact` through the real binary,
/// on the documented inbound order call.
final class CardsForgetTests: XCTestCase {
    static let phone = "+7 900 123-45-67"

    /// The demo's call (DemoAnswers), for the card of `phone`.
    func runOrder(_ workspace: WorkspaceFixture) throws {
        let answers = [
            "1", "Olga", "Bosch BGL3", "carpets, pets", "quiet, handles pet hair", "!price", "yes", "450", "yes", "yes",
            LocalDates.iso(daysFromToday: 2), "12 Lenina St, flat 5", ":skip", Self.phone, ":note prefers a morning delivery", "9",
        ]
        let run = try workspace.callguide(["run", "scripts/inbound-order.yaml", "--operator", "anna", "--card", Self.phone],
                                          input: answers.joined(separator: "\n") + "\n")
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    }

    let secrets = ["Olga", "Lenina", "123-45-67", "9001234567", "morning delivery"]

    func transcript(_ workspace: WorkspaceFixture) throws -> String {
        let calls = try workspace.calls()
        return try XCTUnwrap(calls.first?["transcript"]?.string)
    }

    func testForgetErasesTheCardAndCallsAndMasksTranscriptsThatStillReplay() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try runOrder(workspace)
        try runOrder(workspace)
        let path = try transcript(workspace)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("Lenina"))

        let listed = try workspace.callguide(["card", "forget", Self.phone])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("2 calls cleaned"), listed.stdout)
        XCTAssertTrue(listed.stdout.contains("still hold the client's data") && listed.stdout.contains(path), listed.stdout)

        let card = try workspace.card("C000001")
        for field in ["name", "phone", "email", "company"] { XCTAssertEqual(card[field], .null, field) }
        XCTAssertEqual(card["fields"]?["previous_model"], nil, "a text field is erased")
        XCTAssertEqual(card["fields"]?["budget"]?.number, 450, "a number stays")
        let stored = try workspace.calls()
        for call in stored {
            let text = JSONWriter.serialize(call)
            for secret in secrets { XCTAssertFalse(text.contains(secret), "\(secret) in \(text)") }
            XCTAssertEqual(call["nps"]?.number, 9)
            XCTAssertEqual(call["answers"]?["reason"]?.string, "order", "a choice stays")
        }

        let masked = try workspace.callguide(["card", "forget", "C000001", "--transcripts"])
        XCTAssertEqual(masked.status, 0, masked.stderr)
        XCTAssertTrue(masked.stdout.contains("lines masked"), masked.stdout)
        for transcript in stored.compactMap({ $0["transcript"]?.string }) {
            let text = try String(contentsOfFile: transcript, encoding: .utf8)
            for secret in secrets { XCTAssertFalse(text.contains(secret), "\(secret) in \(transcript)") }
            var status = stat()
            stat(transcript, &status)
            XCTAssertEqual(status.st_mode & 0o777, 0o600, "the mode is kept")
        }
        let replay = try workspace.callguide(["replay", "scripts/inbound-order.yaml", "transcripts"])
        XCTAssertEqual(replay.status, 0, replay.stdout + replay.stderr)
        XCTAssertTrue(replay.stdout.contains("2 passed") || replay.stdout.contains("PASS"), replay.stdout)
    }

    /// A transcript another process has locked (a call still writing it,
    /// a `resume`) is not rewritten under it: it is named, left whole, and
    /// the others are masked.
    func testATranscriptInUseIsLeftAloneAndNamed() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try runOrder(workspace)
        try runOrder(workspace)
        let paths = try workspace.calls().compactMap { $0["transcript"]?.string }
        XCTAssertEqual(paths.count, 2)
        let held = open(paths[0], O_RDONLY)
        XCTAssertGreaterThanOrEqual(held, 0)
        defer { close(held) }
        XCTAssertEqual(flock(held, LOCK_EX | LOCK_NB), 0)

        let masked = try workspace.callguide(["card", "forget", Self.phone, "--transcripts"])
        XCTAssertEqual(masked.status, 2, masked.stdout + masked.stderr)
        XCTAssertTrue(masked.stderr.contains(paths[0]) && masked.stderr.contains("in use"), masked.stderr)
        XCTAssertTrue(masked.stderr.contains("1 transcript could not be masked"), masked.stderr)
        XCTAssertTrue(try String(contentsOfFile: paths[0], encoding: .utf8).contains("Lenina"), "the locked file is left whole")
        XCTAssertFalse(try String(contentsOfFile: paths[1], encoding: .utf8).contains("Lenina"), "the other is masked")
    }

    func testRedactedExportAndCallsShowNoPersonalData() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try runOrder(workspace)
        let plain = try workspace.callguide(["card", "export"])
        XCTAssertTrue(plain.stdout.contains("Olga"))
        for arguments in [["card", "export", "--redact"], ["card", "export", "--redact", "--format", "json"], ["calls", "--redact", "--format", "json"]] {
            let result = try workspace.callguide(arguments)
            XCTAssertEqual(result.status, 0, result.stderr)
            for secret in secrets { XCTAssertFalse(result.stdout.contains(secret), "\(arguments): \(secret) in \(result.stdout)") }
        }
        let export = try workspace.callguide(["card", "export", "--redact"]).stdout
        XCTAssertTrue(export.contains("O***") && export.contains("+7********67"), export)
        let calls = try workspace.callguide(["calls", "--redact", "--format", "json"]).stdout
        XCTAssertTrue(calls.contains("\"reason\":\"order\"") && calls.contains("\"nps\":9"), calls)
    }
}
