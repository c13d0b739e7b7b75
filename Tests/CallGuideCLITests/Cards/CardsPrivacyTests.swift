import CallGuide
import Foundation
import Glibc
import XCTest

/// Issue 10 through the real binary: file modes (store.md 6), CSV formula
/// neutralization, validation at the edges, `card find --limit`, the
/// answer length limit, `--redact` and `card forget`.
final class CardsPrivacyTests: XCTestCase {
    /// Runs `callguide ARGS` in the workspace under umask 022, the usual
    /// default that made SQLite create the database readable by anyone.
    func underUmask022(_ workspace: WorkspaceFixture, _ arguments: [String], input: String = "") throws -> ProcessResult {
        try ProcessRunner.run(
            "/bin/sh", arguments: ["-c", "umask 022 && cd \"$1\" && shift && exec \"$@\"", "sh", workspace.root, BuiltProducts.callguide] + arguments,
            input: Data(input.utf8), environment: ["NO_COLOR": "1"])
    }

    func mode(_ path: String) -> Int {
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0, path)
        return Int(status.st_mode & 0o777)
    }

    func group(_ path: String) -> gid_t {
        var status = stat()
        stat(path, &status)
        return status.st_gid
    }

    func transcripts(_ workspace: WorkspaceFixture) -> [String] {
        let root = workspace.root + "/transcripts"
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".jsonl") }.map { root + "/" + $0 }.sorted()
    }

    func testClientFilesAreTheOwnersAloneUnderUmask022() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let run = try underUmask022(workspace, ["run", workspace.script, "--operator", "anna", "--card", "+7 900 123-45-67"],
                                    input: WorkspaceFixture.answers().joined(separator: "\n") + "\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(mode(workspace.database), 0o600)
        let transcript = try XCTUnwrap(transcripts(workspace).first)
        XCTAssertEqual(mode(transcript), 0o600)
        XCTAssertEqual(mode(SystemPath.directory(of: transcript)), 0o700)
        for (command, file) in [(["card", "export"], "out/cards.csv"), (["calls", "--format", "json"], "out/calls.json"), (["report"], "out/report.txt")] {
            let result = try underUmask022(workspace, command + ["--output", file])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, "", "written to the file, not printed")
            XCTAssertEqual(mode(workspace.root + "/" + file), 0o600, file)
        }
        XCTAssertEqual(mode(workspace.root + "/out"), 0o700)
        XCTAssertTrue(try String(contentsOfFile: workspace.root + "/out/cards.csv", encoding: .utf8).contains("Olga"))
        let folder = try underUmask022(workspace, ["report", "--output", "out"])
        XCTAssertEqual(folder.status, 2)
        XCTAssertTrue(folder.stderr.contains("out: is not a regular file"), folder.stderr)
    }

    func testAGroupOfTheConfigurationSharesTheFilesAndAnUnknownGroupIsAClearError() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let gid = getegid()
        let name = String(cString: try XCTUnwrap(getgrgid(gid)).pointee.gr_name)
        let configuration = workspace.root + "/callguide.yaml"
        let original = try String(contentsOfFile: configuration, encoding: .utf8)
        try (original + "files: {group: \(name)}\n").write(toFile: configuration, atomically: true, encoding: .utf8)
        let run = try underUmask022(workspace, ["run", workspace.script, "--operator", "anna", "--card", "+7 900 123-45-67"],
                                    input: WorkspaceFixture.answers().joined(separator: "\n") + "\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(mode(workspace.database), 0o660)
        XCTAssertEqual(group(workspace.database), gid)
        let transcript = try XCTUnwrap(transcripts(workspace).first)
        XCTAssertEqual(mode(transcript), 0o660)
        XCTAssertEqual(mode(SystemPath.directory(of: transcript)), 0o770)
        // A folder callguide makes for the file (not `shared/`, which `init`
        // now fills with the example's modules).
        XCTAssertEqual(try underUmask022(workspace, ["card", "export", "--output", "exports/cards.csv"]).status, 0)
        XCTAssertEqual(mode(workspace.root + "/exports/cards.csv"), 0o660)
        XCTAssertEqual(mode(workspace.root + "/exports"), 0o770)

        try (original + "files: {group: no-such-group-callguide}\n").write(toFile: configuration, atomically: true, encoding: .utf8)
        let refused = try workspace.callguide(["card", "export", "--output", "x.csv"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("group 'no-such-group-callguide' does not exist"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.root + "/x.csv"))
    }

    func testExportNeutralizesFormulasAndImportsBackUnchanged() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let file = workspace.root + "/cards.csv"
        try "name,phone,company,budget\n\"=HYPERLINK(\"\"http://evil\"\")\",+7 900 000-00-01,@Acme,-5\n".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try workspace.callguide(["card", "import", file]).status, 0)
        XCTAssertEqual(try workspace.callguide(["card", "set", "C000001", "region=-north"]).status, 0)
        let export = try workspace.callguide(["card", "export"])
        XCTAssertTrue(export.stdout.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), export.stdout)
        XCTAssertTrue(export.stdout.contains("'@Acme") && export.stdout.contains("'-north"), export.stdout)
        XCTAssertTrue(export.stdout.contains("+7 900 000-00-01") && !export.stdout.contains("'+7"), "a phone stays as it is")
        let exported = workspace.root + "/export.csv"
        try export.stdout.write(toFile: exported, atomically: true, encoding: .utf8)
        let other = workspace.root + "/other.db"
        XCTAssertEqual(try workspace.callguide(["card", "import", exported, "--db", other]).status, 0)
        XCTAssertEqual(try workspace.callguide(["card", "export", "--db", other]).stdout, export.stdout)
        XCTAssertEqual(try workspace.card("C000001")["name"]?.string, "=HYPERLINK(\"http://evil\")")
        let calls = try workspace.callguide(["calls", "--format", "csv"])
        XCTAssertEqual(calls.status, 0, calls.stderr)
    }

    func testImportAndSetRefuseBadValuesNamingLineAndColumn() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let file = workspace.root + "/bad.csv"
        try """
            id,name,phone,budget
            ../../etc/passwd,A,+7 900 000-00-01,1
            ,B,123,1
            ,C,+7 900 000-00-03 000 000 000,1
            ,D\u{0}E,+7 900 000-00-04,1
            ,F,+7 900 000-00-05,12345678901234567890123456789012345678901234

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try workspace.callguide(["card", "import", file])
        XCTAssertEqual(result.status, 2)
        for (line, column) in [(2, "id"), (3, "phone"), (4, "phone"), (5, "name"), (6, "budget")] {
            XCTAssertTrue(result.stderr.contains("bad.csv:\(line): column '\(column)'"), "line \(line): \(result.stderr)")
        }
        XCTAssertTrue(result.stderr.contains("nothing was imported"), result.stderr)
        XCTAssertEqual(try workspace.callguide(["card", "export"]).stdout.split(whereSeparator: \.isNewline).count, 1, "only the header")

        try "name,phone,budget\nOlga,+7 900 000-00-01,10\n".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try workspace.callguide(["card", "import", file]).status, 0)
        let key = try workspace.callguide(["card", "set", "../../etc/passwd", "name=x"])
        XCTAssertEqual(key.status, 2)
        XCTAssertTrue(key.stderr.contains("is neither a card id"), key.stderr)
        let phone = try workspace.callguide(["card", "set", "C000001", "phone=+7 900 000-00-01-000-000-000-00"])
        XCTAssertEqual(phone.status, 2)
        XCTAssertTrue(phone.stderr.contains("card field 'phone': a phone number has 7 to 15 digits"), phone.stderr)
        let big = try workspace.callguide(["card", "set", "C000001", "budget=12345678901234567890123456789012345678901234"])
        XCTAssertEqual(big.status, 2)
        XCTAssertTrue(big.stderr.contains("cannot be stored exactly"), big.stderr)
        XCTAssertEqual(try workspace.card("C000001")["fields"]?["budget"]?.number, 10)
    }

    func testSetTakesFieldsTheScriptsDeclareAndNumbersAsAnswersAreTyped() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try WorkspaceFixture.cardScript.replacingOccurrences(of: "id: card_call", with: "id: loyalty_call")
            .replacingOccurrences(of: "language: en\n", with: "language: en\ncard:\n  loyalty_points: integer\n")
            .write(toFile: workspace.root + "/scripts/loyalty.yaml", atomically: true, encoding: .utf8)
        let file = workspace.root + "/one.csv"
        try "name,phone\nOlga,+7 900 000-00-01\n".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try workspace.callguide(["card", "import", file]).status, 0)
        let set = try workspace.callguide(["card", "set", "C000001", "loyalty_points=1 500", "budget=1 500,50"])
        XCTAssertEqual(set.status, 0, set.stderr)
        let card = try workspace.card("C000001")
        XCTAssertEqual(card["fields"]?["loyalty_points"]?.number, 1500)
        XCTAssertEqual(card["fields"]?["budget"]?.number, Decimal(string: "1500.5"))
    }

    func testDryRunPrintsWhatItWouldDoAndBlankCellsKeepValues() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let file = workspace.root + "/cards.csv"
        try "name,phone,budget\nOlga,+7 900 000-00-01,10\n".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try workspace.callguide(["card", "import", file]).status, 0)
        try "id,name,budget\nC000001,,20\n,Ivan,\n".write(toFile: file, atomically: true, encoding: .utf8)
        let dry = try workspace.callguide(["card", "import", file, "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("cards.csv:2: would update C000001: budget"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("cards.csv:3: would create a new card: name"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("nothing was written"), dry.stdout)
        XCTAssertEqual(try workspace.card("C000001")["fields"]?["budget"]?.number, 10)
        XCTAssertEqual(try workspace.callguide(["card", "import", file]).status, 0)
        XCTAssertEqual(try workspace.card("C000001")["name"]?.string, "Olga", "a blank cell keeps the name")
        XCTAssertEqual(try workspace.card("C000001")["fields"]?["budget"]?.number, 20)
        XCTAssertEqual(try workspace.callguide(["card", "import", file, "--blank-clears"]).status, 0)
        XCTAssertEqual(try workspace.card("C000001")["name"], .null)
        let misplaced = try workspace.callguide(["card", "export", "--dry-run"])
        XCTAssertEqual(misplaced.status, 2)
    }

    func testFindSaysHowManyMoreMatched() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let file = workspace.root + "/many.csv"
        try ("name\n" + (1...60).map { "Ivanov \($0)\n" }.joined()).write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try workspace.callguide(["card", "import", file]).status, 0)
        let all = try workspace.callguide(["card", "find", "ivanov"])
        XCTAssertEqual(all.stdout.components(separatedBy: "Ivanov ").count - 1, 50)
        XCTAssertTrue(all.stdout.contains("... and 10 more; use --limit 60"), all.stdout)
        let five = try workspace.callguide(["card", "find", "ivanov", "--limit", "5"])
        XCTAssertTrue(five.stdout.contains("... and 55 more"), five.stdout)
        let every = try workspace.callguide(["card", "find", "ivanov", "--limit", "60"])
        XCTAssertFalse(every.stdout.contains("more"), every.stdout)
        XCTAssertEqual(try workspace.callguide(["card", "find", "ivanov", "--limit", "0"]).status, 2)
    }

    func testAnAnswerOverTenThousandCharactersIsRefusedAtThePrompt() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        var answers = WorkspaceFixture.answers()
        answers.insert(String(repeating: "x", count: 20_000), at: 0)
        let run = try workspace.runCall(card: nil, answers: answers)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue((run.stdout + run.stderr).contains("at most 10000 are taken"), run.stdout)
        let transcript = try XCTUnwrap(transcripts(workspace).first)
        let document = try TranscriptDocument.parse(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: transcript))))
        XCTAssertTrue(document.recordedEvents.contains { if case .invalid("customer_name", let input, _) = $0.event { return input.count == 10_001 } else { return false } })
        XCTAssertTrue(document.recordedEvents.contains { if case .answer("customer_name", _, .string("Olga")) = $0.event { return true } else { return false } })
        let replay = try workspace.callguide(["replay", workspace.script, transcript])
        XCTAssertEqual(replay.status, 0, replay.stdout + replay.stderr)
    }
}

/// The folder part of a path.
enum SystemPath {
    static func directory(of path: String) -> String {
        (path as NSString).deletingLastPathComponent
    }
}
