@testable import CallGuideCLI
import Foundation
import XCTest

/// Small things an operator or a manager reads (issue 16, "Cards"): option
/// keys shown once, an NPS of 0 without a sign, help pages that list every
/// option.
final class EndToEndScreenDetailsTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    func testListOptionsShowTheirKeyOnceAndNPSZeroHasNoSign() throws {
        let script = try sandbox.write("pay.yaml", """
            callguide: 1
            id: pay
            nodes:
              method: {ask: How will you pay?, type: choice, options: [bank_card, cash]}
              size: {ask: Which size?, type: choice, options: {s: Small, m: Medium}}
              mood: {ask: How is the day?, type: scale, min: 1, max: 5}
              score: {ask: How likely to recommend us?, type: nps}
              done: {end: ok}
            """)
        let run = try sandbox.callguide(["run", script, "--transcript", sandbox.path("pay.jsonl")], input: "1\nm\n4\n8\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("  1) bank_card\n"), run.stdout)
        XCTAssertFalse(run.stdout.contains("[bank_card]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  2) Medium  [m]"), run.stdout)
        // A scale shows its bounds, as an NPS question shows 0-10.
        XCTAssertTrue(run.stdout.contains("  (scale 1-5)"), run.stdout)

        // One passive (8): no promoters, no detractors, NPS 0.
        let report = try sandbox.callguide(["report"])
        XCTAssertEqual(report.status, 0, report.stderr)
        let row = try XCTUnwrap(report.stdout.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(row.hasSuffix(" 0"), row)
        XCTAssertFalse(report.stdout.contains("+0"), report.stdout)
    }

    func testNPSTexts() {
        XCTAssertEqual(ReportCommand.npsText(0), "0")
        XCTAssertEqual(ReportCommand.npsText(-0.4), "0")
        XCTAssertEqual(ReportCommand.npsText(40), "+40")
        XCTAssertEqual(ReportCommand.npsText(-15), "-15")
    }

    /// Every option `calls` and `report` take is in their help's options list.
    func testCallsAndReportHelpListTheirOptions() throws {
        for (command, options) in [
            ("calls", ["--since", "--until", "--operator", "--script", "--format", "--redact", "--output", "--db"]),
            ("report", ["--since", "--until", "--script", "--operator", "--by", "--format", "--output", "--db"]),
        ] {
            let help = try sandbox.callguide([command, "--help"])
            XCTAssertEqual(help.status, 0)
            let list = try XCTUnwrap(help.stdout.components(separatedBy: "Options:").dropFirst().first, "\(command): no options list")
            for option in options {
                XCTAssertTrue(list.contains("  \(option) "), "\(command) --help lists no \(option):\n\(help.stdout)")
            }
        }
    }
}
