import CallGuide
import Foundation
import FoundationXML
import XCTest

/// `callguide replay` on transcripts recorded by `callguide run`: the same
/// script always passes; each kind of edit fails at the right line with a
/// message that names the change.
final class EndToEndReplayTests: XCTestCase {
    private var sandbox: EndToEndSandbox!
    private var script: String!
    private var scriptText: String!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
        script = try sandbox.exampleScript()
        scriptText = try String(contentsOfFile: script, encoding: .utf8)
    }

    override func tearDown() {
        sandbox = nil
    }

    // MARK: Recordings

    /// Pet owner, budget 500: PetPro, filters taken, a sale.
    private var saleLines: [String] {
        ["order", "Ann", "Bosch BGL3", "1 3", ":note quiet please", "quiet", "500", "yes", "yes",
         LocalDates.iso(daysFromToday: 3), "Main st 1", ":skip", "+1 555 123 4567", "9"]
    }

    /// Budget 150, no pets: Compact 300 declined, NPS 8, no sale.
    private var noSaleLines: [String] {
        ["order", "Bo", "none", "floors", "cheap", "!price", "no", "150", "maybe", "no", "8"]
    }

    private var complaintLines: [String] { ["compl"] }

    /// Records the three calls into `folder` and returns their paths.
    @discardableResult
    private func recordAll(into folder: String = "calls") throws -> (sale: String, noSale: String, complaint: String) {
        let sale = sandbox.path("\(folder)/sale.jsonl")
        let noSale = sandbox.path("\(folder)/more/no-sale.jsonl")
        let complaint = sandbox.path("\(folder)/more/deeper/complaint.jsonl")
        try FileManager.default.createDirectory(atPath: sandbox.path("\(folder)/more/deeper"), withIntermediateDirectories: true)
        try sandbox.record(script, transcript: sale, lines: saleLines)
        try sandbox.record(script, transcript: noSale, lines: noSaleLines)
        try sandbox.record(script, transcript: complaint, lines: complaintLines)
        return (sale, noSale, complaint)
    }

    /// A copy of the example script with `edit` applied (each replacement
    /// must match).
    private func editedScript(_ name: String, _ replacements: [(String, String)], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        var text: String = scriptText
        for (old, new) in replacements {
            XCTAssertTrue(text.contains(old), "the example no longer contains \(old)", file: file, line: line)
            text = text.replacingOccurrences(of: old, with: new)
        }
        let path = try sandbox.write(name, text)
        let check = try sandbox.callguide(["check", path])
        XCTAssertEqual(check.status, 0, "the edited script must load: \(check.stdout)", file: file, line: line)
        return path
    }

    /// The transcript line of the first event `matching` its summary.
    private func line(of summary: String, in transcript: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let document = try sandbox.transcript(transcript)
        let found = document.lines.first { EventSummary.describe($0.event) == summary }
        return try XCTUnwrap(found, "no \(summary) in \(transcript)", file: file, line: line).number
    }

    /// Replays one transcript against `edited`; expects exit 1 and a FAIL
    /// line at `expectedLine` containing every piece of `fragments`.
    private func assertFails(
        _ edited: String, _ transcript: String, options: [String] = [], atLine expectedLine: Int, mentioning fragments: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let result = try sandbox.callguide(["replay", edited, transcript] + options)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr, file: file, line: line)
        let failLine = result.stdout.split(separator: "\n").first { $0.hasPrefix("FAIL ") }.map(String.init) ?? ""
        XCTAssertTrue(failLine.hasPrefix("FAIL \(transcript):\(expectedLine): "), "wrong place: \(failLine)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(failLine.contains(fragment), "'\(fragment)' missing from: \(failLine)", file: file, line: line)
        }
        XCTAssertTrue(result.stdout.hasSuffix("0 passed, 1 failed\n"), result.stdout, file: file, line: line)
    }

    // MARK: Tests

    func testRecordedCallsReplayAgainstTheirOwnScript() throws {
        let calls = try recordAll()
        let result = try sandbox.callguide(["replay", script, calls.sale, calls.noSale, calls.complaint])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, """
            PASS \(calls.sale)
            PASS \(calls.noSale)
            PASS \(calls.complaint)
            3 passed, 0 failed

            """)
        // The no-sale call went through the handler and back.
        let document = try sandbox.transcript(calls.noSale)
        XCTAssertTrue(EventSummary.describe(document).contains("return budget"))
        XCTAssertEqual(document.end?.outcome, "no_sale")
    }

    func testAnInsertedQuestionIsNamed() throws {
        let calls = try recordAll()
        let edited = try editedScript("inserted.yaml", [
            ("  previous_model:\n", "  city:\n    ask: \"Which city do you live in?\"\n\n  previous_model:\n"),
        ])
        try assertFails(edited, calls.sale, atLine: try line(of: "ask previous_model", in: calls.sale),
                        mentioning: ["expected ask previous_model, script gave ask city", "a new question"])
    }

    func testARemovedOptionIsNamed() throws {
        let calls = try recordAll()
        let edited = try editedScript("removed-option.yaml", [
            ("      complaint: {label: A complaint, goto: complaint_end}\n", ""),
        ])
        try assertFails(edited, calls.complaint, atLine: try line(of: "answer reason=\"complaint\"", in: calls.complaint),
                        mentioning: ["option 'complaint' no longer exists in question 'reason'"])
    }

    func testATightenedBoundIsNamed() throws {
        let calls = try recordAll()
        let edited = try editedScript("tightened.yaml", [("    max: 20000\n", "    max: 400\n")])
        try assertFails(edited, calls.sale, atLine: try line(of: "answer budget=500", in: calls.sale),
                        mentioning: ["answer '500' is no longer accepted by 'budget'"])
    }

    func testAChangedConditionTakesAnotherBranch() throws {
        let calls = try recordAll()
        let edited = try editedScript("condition.yaml", [
            ("- if: budget >= 400 and 'pets' in used_most", "- if: budget >= 600 and 'pets' in used_most"),
        ])
        try assertFails(edited, calls.sale, atLine: try line(of: "say recommend_pet", in: calls.sale),
                        mentioning: ["expected say recommend_pet, script gave say recommend_premium"])
    }

    func testAChangedOutcomeIsNamed() throws {
        let calls = try recordAll()
        let edited = try editedScript("outcome.yaml", [("  close_sale:\n    end: sale\n", "  close_sale:\n    end: no_sale\n")])
        try assertFails(edited, calls.sale, atLine: try line(of: "end sale@close_sale", in: calls.sale),
                        mentioning: ["outcome changed from sale to no_sale"])
    }

    func testARenamedNodeIsNamed() throws {
        let calls = try recordAll()
        let edited = try editedScript("renamed.yaml", [("  what_matters:\n", "  essentials:\n")])
        try assertFails(edited, calls.sale, atLine: try line(of: "ask what_matters", in: calls.sale),
                        mentioning: ["expected ask what_matters, script gave ask essentials", "'what_matters' no longer exists"])
    }

    /// Texts are compared only with `--text`.
    func testAChangedTextFailsOnlyWithTextOption() throws {
        let calls = try recordAll()
        let edited = try editedScript("text.yaml", [("    ask: \"May I have your name?\"", "    ask: \"Your name, please?\"")])
        let loose = try sandbox.callguide(["replay", edited, calls.sale])
        XCTAssertEqual(loose.status, 0, loose.stdout)
        try assertFails(edited, calls.sale, options: ["--text"], atLine: try line(of: "ask customer_name", in: calls.sale),
                        mentioning: ["the text of ask customer_name changed from \"May I have your name?\" to \"Your name, please?\""])
    }

    // MARK: Folders, damaged transcripts, reports

    /// A folder means every *.jsonl below it; other files are left alone; a
    /// torn last line is tolerated and mentioned.
    func testAFolderReplaysEveryTranscriptRecursively() throws {
        let calls = try recordAll()
        try sandbox.write("calls/notes.txt", "not a transcript")
        var torn = try Data(contentsOf: URL(fileURLWithPath: calls.sale))
        torn.append(Data("{\"seq\":999,\"t\":\"2026-".utf8))
        let tornPath = try sandbox.write("calls/more/torn.jsonl", bytes: torn)
        let result = try sandbox.callguide(["replay", script, sandbox.path("calls")])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.hasPrefix("PASS ") }.count, 4, result.stdout)
        for path in [calls.sale, calls.noSale, calls.complaint] {
            XCTAssertTrue(lines.contains("PASS \(path)"), "\(path) missing: \(result.stdout)")
        }
        XCTAssertTrue(lines.contains("PASS \(tornPath) (torn last line ignored)"), result.stdout)
        XCTAssertFalse(result.stdout.contains("notes.txt"))
        XCTAssertEqual(lines.last, "4 passed, 0 failed")
    }

    /// A diverging transcript and an unreadable one are each reported; the
    /// good ones around them still pass.
    func testOneBadTranscriptDoesNotSpoilTheNext() throws {
        let calls = try recordAll()
        // Diverging: the recorded budget answer now says something else.
        let original = try String(contentsOfFile: calls.sale, encoding: .utf8)
        let diverging = try sandbox.write("calls/diverging.jsonl",
            original.replacingOccurrences(of: "\"input\":\"500\",\"value\":500", with: "\"input\":\"500\",\"value\":499"))
        XCTAssertNotEqual(original, try String(contentsOfFile: diverging, encoding: .utf8))

        let mixed = try sandbox.callguide(["replay", script, calls.sale, diverging, calls.noSale])
        XCTAssertEqual(mixed.status, 1, mixed.stdout + mixed.stderr)
        let budgetLine = try line(of: "answer budget=499", in: diverging)
        XCTAssertEqual(mixed.stdout, """
            PASS \(calls.sale)
            FAIL \(diverging):\(budgetLine): answer '500' to 'budget' was stored as '499', the script now stores '500'
            PASS \(calls.noSale)
            2 passed, 1 failed

            """)

        // Unreadable: a damaged middle line. Exit 2, and the rest still replay.
        var damaged = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        damaged[3] = "{\"seq\": oops"
        let broken = try sandbox.write("calls/broken.jsonl", damaged.joined(separator: "\n"))
        let withBroken = try sandbox.callguide(["replay", script, broken, calls.sale, diverging])
        XCTAssertEqual(withBroken.status, 2, withBroken.stdout + withBroken.stderr)
        let lines = withBroken.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("ERROR \(broken):4: ") == true, withBroken.stdout)
        XCTAssertTrue(lines.contains("PASS \(calls.sale)"), withBroken.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("FAIL \(diverging):\(budgetLine): ") }, withBroken.stdout)
        XCTAssertEqual(lines.last, "1 passed, 1 failed, 1 error")
        XCTAssertFalse(withBroken.stderr.contains("Fatal error"))

        // A missing transcript path is one ERROR line: exit 2 (issue 17).
        let missing = try sandbox.callguide(["replay", script, sandbox.path("nowhere.jsonl")])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stdout, "ERROR \(sandbox.path("nowhere.jsonl")): no such file or folder\n0 passed, 0 failed, 1 error\n")
    }

    func testJUnitReportHasOneTestCasePerTranscript() throws {
        let calls = try recordAll()
        let edited = try editedScript("tightened.yaml", [("    max: 20000\n", "    max: 400\n")])
        let junit = sandbox.path("reports/junit.xml")
        try FileManager.default.createDirectory(atPath: sandbox.path("reports"), withIntermediateDirectories: true)
        let result = try sandbox.callguide(["replay", edited, calls.sale, calls.noSale, calls.complaint, "--junit", junit])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)

        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: junit), options: [])
        let suite = try XCTUnwrap(document.rootElement()?.elements(forName: "testsuite").first)
        XCTAssertEqual(suite.attribute(forName: "tests")?.stringValue, "3")
        XCTAssertEqual(suite.attribute(forName: "failures")?.stringValue, "1")
        let cases = suite.elements(forName: "testcase")
        XCTAssertEqual(cases.compactMap { $0.attribute(forName: "name")?.stringValue }, [calls.sale, calls.noSale, calls.complaint])
        let failures = cases.map { $0.elements(forName: "failure") }
        XCTAssertEqual(failures.map(\.count), [1, 0, 0])
        let message = failures[0].first?.attribute(forName: "message")?.stringValue ?? ""
        let budgetLine = try line(of: "answer budget=500", in: calls.sale)
        XCTAssertTrue(message.hasPrefix("line \(budgetLine): answer '500' is no longer accepted by 'budget'"), message)
    }

    func testJSONFormat() throws {
        let calls = try recordAll()
        let edited = try editedScript("outcome.yaml", [("  close_sale:\n    end: sale\n", "  close_sale:\n    end: no_sale\n")])
        let result = try sandbox.callguide(["replay", edited, calls.sale, calls.complaint, "--format", "json"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let json = try JSONParser.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(json["passed"], .number(1))
        XCTAssertEqual(json["failed"], .number(1))
        guard case .array(let results)? = json["results"] else { return XCTFail("no results: \(result.stdout)") }
        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(results.first?["file"], .string(calls.sale))
        XCTAssertEqual(results.first?["status"], .string("fail"))
        XCTAssertEqual(results.first?["line"], .number(Decimal(try line(of: "end sale@close_sale", in: calls.sale))))
        XCTAssertEqual(results.first?["message"], .string("outcome changed from sale to no_sale"))
        XCTAssertEqual(results.first?["complete"], .bool(true))
        XCTAssertEqual(results.last?["status"], .string("pass"))

        // With --coverage the JSON carries the never-exercised branches.
        let covered = try sandbox.callguide(["replay", script, calls.sale, "--format", "json", "--coverage"])
        XCTAssertEqual(covered.status, 0, covered.stdout)
        let coverage = try JSONParser.parse(covered.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["coverage"]
        guard case .array(let missed)? = coverage?["missed"] else { return XCTFail(covered.stdout) }
        XCTAssertTrue(missed.contains { $0["branch"] == .string("node recommend_premium") }, covered.stdout)
        guard case .number(let hit)? = coverage?["nodes"]?["hit"], case .number(let total)? = coverage?["nodes"]?["total"] else {
            return XCTFail(covered.stdout)
        }
        XCTAssertGreaterThan(hit, 0)
        XCTAssertLessThan(hit, total)
    }

    /// `--coverage` lists what the transcripts never exercised, with the
    /// script line of each.
    func testCoverageListsNeverExercisedBranchesWithLines() throws {
        let calls = try recordAll()
        let result = try sandbox.callguide(["replay", script, calls.sale, "--coverage"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Coverage: nodes ") && $0.contains("branches ") }, result.stdout)
        XCTAssertTrue(lines.contains("Never exercised:"), result.stdout)
        let source = scriptText.split(separator: "\n", omittingEmptySubsequences: false)
        func lineNumber(_ text: String) -> Int { (source.firstIndex { $0 == text } ?? -1) + 1 }
        XCTAssertTrue(lines.contains("  line \(lineNumber("  recommend_premium:")): node recommend_premium"), result.stdout)
        XCTAssertTrue(lines.contains("  line \(lineNumber("  complaint_end:")): node complaint_end"), result.stdout)
        XCTAssertTrue(
            lines.contains("  line \(lineNumber("      complaint: {label: A complaint, goto: complaint_end}")): reason: option complaint goto"),
            result.stdout)
        XCTAssertFalse(result.stdout.contains("node recommend_pet\n"), "the sale went through recommend_pet")
        XCTAssertFalse(result.stdout.contains("node close_sale\n"))

        // All three calls together exercise the complaint branch too.
        let all = try sandbox.callguide(["replay", script, sandbox.path("calls"), "--coverage"])
        XCTAssertEqual(all.status, 0)
        XCTAssertFalse(all.stdout.contains("option complaint goto"), all.stdout)
        XCTAssertFalse(all.stdout.contains("node loyalty\n"), all.stdout)
        XCTAssertTrue(all.stdout.contains("option question goto"), all.stdout)
    }

    /// A divergence quotes the recorded input; control characters typed or
    /// pasted by the operator must not reach the terminal raw.
    func testADivergenceNeverPrintsControlCharactersFromTheTranscript() throws {
        let transcript = sandbox.path("escape.jsonl")
        try sandbox.record(script, transcript: transcript, lines: ["order", "A\u{1B}]0;pwned\u{07}B"])
        XCTAssertEqual(try sandbox.transcript(transcript).answerEvents.last, "customer_name=\"A\\u001b]0;pwned\\u0007B\"")
        let edited = try editedScript("pattern.yaml", [
            ("    ask: \"May I have your name?\"\n", "    ask: \"May I have your name?\"\n    pattern: \"[A-Za-z]+\"\n"),
        ])
        let result = try sandbox.callguide(["replay", edited, transcript])
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertFalse(result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, result.stdout.debugDescription)
        XCTAssertTrue(result.stdout.contains("answer 'A^[]0;pwned^GB' is no longer accepted by 'customer_name'"), result.stdout)
    }

    /// Replay runs with the transcript's `today`, not the wall clock: moved
    /// one day on, the recorded delivery date is no longer acceptable.
    func testReplayUsesTheTranscriptsToday() throws {
        let calls = try recordAll()
        let text = try String(contentsOfFile: calls.sale, encoding: .utf8)
        let today = "\"today\":\"\(LocalDates.iso(daysFromToday: 0))\""
        XCTAssertTrue(text.contains(today), "no \(today) in the start line")
        let later = try sandbox.write("later.jsonl", text.replacingOccurrences(of: today, with: "\"today\":\"\(LocalDates.iso(daysFromToday: 3))\""))
        let result = try sandbox.callguide(["replay", script, later])
        XCTAssertEqual(result.status, 1, result.stdout)
        let dateLine = try line(of: "answer delivery_date=\"\(LocalDates.iso(daysFromToday: 3))\"", in: later)
        XCTAssertTrue(
            result.stdout.hasPrefix("FAIL \(later):\(dateLine): answer '\(LocalDates.iso(daysFromToday: 3))' is no longer accepted by 'delivery_date': Delivery is possible from tomorrow on."),
            result.stdout)
    }

    /// A transcript of another script fails at its start line, saying so
    /// (issue 17: it used to fail at its first node, as a lost node).
    func testATranscriptOfAnotherScriptFailsAtItsFirstEvent() throws {
        let survey = try sandbox.fixture("survey.yaml")
        let transcript = sandbox.path("survey.jsonl")
        try sandbox.record(survey, transcript: transcript, lines: ["yes", "123456"])
        let result = try sandbox.callguide(["replay", script, transcript])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("FAIL \(transcript):1: recorded with script 'survey', not 'inbound_order': a transcript of another script"),
                      result.stdout)
    }
}
