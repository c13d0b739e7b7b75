import CallGuide
import Foundation
import XCTest

/// `check`, `graph`, `schema` and `--help` through the binary, including
/// hostile input that must never crash it nor make it slow.
final class EndToEndCheckTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    private let brokenScript = """
        callguide: 1
        id: broken
        nodes:
          first:
            ask: "Budget?"
            type: number
            next: nowhere
          done:
            end: ok

        """

    // MARK: Exit status, --strict, JSON

    func testExitStatusStrictAndSeveralFiles() throws {
        let clean = try sandbox.fixture("survey.yaml")
        let warned = try sandbox.fixture("support-line.yaml")
        let broken = try sandbox.write("broken.yaml", brokenScript)

        let ok = try sandbox.callguide(["check", clean])
        XCTAssertEqual(ok.status, 0, ok.stdout)
        XCTAssertEqual(ok.stdout, "1 script checked: 0 errors, 0 warnings\n")

        let warning = try sandbox.callguide(["check", warned])
        XCTAssertEqual(warning.status, 0, warning.stdout)
        XCTAssertTrue(warning.stdout.contains("\(warned):63:9: warning: "), warning.stdout)
        XCTAssertTrue(warning.stdout.contains("[W103]"), warning.stdout)
        XCTAssertTrue(warning.stdout.hasSuffix("1 script checked: 0 errors, 1 warning\n"), warning.stdout)

        let strict = try sandbox.callguide(["check", "--strict", warned])
        XCTAssertEqual(strict.status, 1, strict.stdout)

        let error = try sandbox.callguide(["check", broken])
        XCTAssertEqual(error.status, 1, error.stdout)
        XCTAssertTrue(error.stdout.contains("\(broken):7:11: error: "), error.stdout)
        XCTAssertTrue(error.stdout.contains("nowhere"), error.stdout)
        XCTAssertTrue(error.stdout.contains("[E006]"), error.stdout)
        // The caret underlines the whole name, as Swift and rustc do.
        XCTAssertTrue(error.stdout.contains("\n    next: nowhere\n          ^~~~~~~\n"), error.stdout)
        // 'nowhere' is close to no node: where it was meant to lead is
        // unknown, so 'done' is not called unreachable (issue 16: one
        // mistake, one diagnostic; it was a W101 before).
        XCTAssertFalse(error.stdout.contains("[W101]"), error.stdout)

        let all = try sandbox.callguide(["check", clean, warned, broken])
        XCTAssertEqual(all.status, 1)
        XCTAssertTrue(all.stdout.contains(warned) && all.stdout.contains(broken), all.stdout)
        XCTAssertTrue(all.stdout.hasSuffix("3 scripts checked: 1 error, 1 warning\n"), all.stdout)

        // The example of the documentation is clean.
        let example = try sandbox.callguide(["check", try sandbox.exampleScript()])
        XCTAssertEqual(example.status, 0, example.stdout)
    }

    func testJSONFormatParsesAndListsEveryDiagnostic() throws {
        let warned = try sandbox.fixture("support-line.yaml")
        let broken = try sandbox.write("broken.yaml", brokenScript)
        let result = try sandbox.callguide(["check", "--format", "json", warned, broken])
        XCTAssertEqual(result.status, 1)
        let json = try JSONParser.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(json["errors"], .number(1))
        // broken.yaml's W101 after 'next: nowhere' is no longer reported
        // (issue 16: where 'nowhere' was meant to lead is unknown).
        XCTAssertEqual(json["warnings"], .number(1))
        guard case .array(let diagnostics)? = json["diagnostics"], diagnostics.count == 2 else { return XCTFail(result.stdout) }
        XCTAssertEqual(diagnostics[0]["file"], .string(warned))
        XCTAssertEqual(diagnostics[0]["code"], .string("W103"))
        XCTAssertEqual(diagnostics[0]["severity"], .string("warning"))
        XCTAssertEqual(diagnostics[0]["line"], .number(63))
        XCTAssertEqual(diagnostics[1]["file"], .string(broken))
        XCTAssertEqual(diagnostics[1]["code"], .string("E006"))
        XCTAssertEqual(diagnostics[1]["line"], .number(7))
        XCTAssertEqual(diagnostics[1]["column"], .number(11))

        let bad = try sandbox.callguide(["check", "--format", "xml", warned])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("'--format' must be one of text, json, not 'xml'"), bad.stderr)
    }

    // MARK: Hostile input

    /// Runs `check` on `path`: exit 0, 1 or 2, no crash, no stack trace,
    /// within the time limit. Returns the result for further checks.
    @discardableResult
    private func checkSurvives(_ path: String, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let started = Date()
        let result = try sandbox.callguide(["check", path], timeout: 10)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertFalse(result.timedOut, "\(label): check took more than 10 s", file: file, line: line)
        XCTAssertTrue([0, 1, 2].contains(result.status), "\(label): exit \(result.status)\n\(result.stderr)", file: file, line: line)
        for text in [result.stderr, result.stdout] {
            XCTAssertFalse(text.contains("Fatal error"), "\(label): \(text.prefix(500))", file: file, line: line)
            XCTAssertFalse(text.contains("Stack dump") || text.contains("Backtrace"), "\(label): \(text.prefix(500))", file: file, line: line)
        }
        XCTAssertLessThan(elapsed, 10, label, file: file, line: line)
        return result
    }

    func testHostileFilesNeverCrashTheChecker() throws {
        // Empty.
        let empty = try checkSurvives(try sandbox.write("empty.yaml", ""), "empty")
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stdout.contains("[E002]"), empty.stdout)

        // Binary garbage (seeded, so a failure can be reproduced).
        var generator = SplitMix64(seed: 42)
        let garbage = Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let garbageResult = try checkSurvives(try sandbox.write("garbage.yaml", bytes: garbage), "garbage")
        XCTAssertEqual(garbageResult.status, 1)
        XCTAssertTrue(garbageResult.stdout.contains("[E001]"), garbageResult.stdout)

        // Invalid UTF-8 in an otherwise good script: E001 at the byte.
        let latin1 = Data("callguide: 1\nid: s\nnodes:\n  a:\n    say: \"caf".utf8) + Data([0xE9]) + Data("\"\n  b:\n    end: done\n".utf8)
        let latin1Result = try checkSurvives(try sandbox.write("latin1.yaml", bytes: latin1), "latin-1")
        XCTAssertEqual(latin1Result.status, 1)
        XCTAssertTrue(latin1Result.stdout.contains("latin1.yaml:5:"), latin1Result.stdout)
        XCTAssertTrue(latin1Result.stdout.contains("not UTF-8"), latin1Result.stdout)

        // 100,000 levels of nesting.
        let deep = try checkSurvives(try sandbox.write("deep.yaml", String(repeating: "[", count: 100_000)), "deep")
        XCTAssertEqual(deep.status, 1)
        XCTAssertTrue(deep.stdout.contains("deeper than 128 levels"), String(deep.stdout.prefix(300)))
        // The 100,000-character line is shown as a window around the column.
        XCTAssertLessThan(deep.stdout.utf8.count, 2_000, "the whole line was echoed")
        let deepLines = deep.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(deepLines.count, 4, deep.stdout)
        XCTAssertTrue(deepLines.count > 1 && deepLines[1].hasPrefix("…[[[") && deepLines[1].hasSuffix("[[[…"), deep.stdout)
        // In a long line the caret still points at the offending character.
        let longLine = "callguide: 1\nid: x\nk: \"" + String(repeating: "a", count: 1_000) + "\u{01}" + String(repeating: "b", count: 1_000) + "\"\n"
        let control = try checkSurvives(try sandbox.write("control.yaml", longLine), "control character in a long line")
        XCTAssertEqual(control.status, 1)
        let controlLines = control.stdout.split(separator: "\n").map { Array($0) }
        XCTAssertEqual(controlLines.count, 4, control.stdout)
        if controlLines.count == 4, let caret = controlLines[2].firstIndex(of: "^") {
            XCTAssertLessThan(controlLines[1].count, 200)
            XCTAssertEqual(controlLines[1][caret], "\u{FFFD}", control.stdout)
        } else {
            XCTFail("no caret: \(control.stdout)")
        }
        let deepMapping = (0..<2_000).map { String(repeating: " ", count: $0) + "a:\n" }.joined()
        let deepMappingResult = try checkSurvives(try sandbox.write("deep-mapping.yaml", deepMapping), "deep mapping")
        XCTAssertEqual(deepMappingResult.status, 1)

        // A billion laughs.
        var bomb = ["callguide: 1", "id: bomb", "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        var previous = "a"
        for letter in "bcdefghij" {
            bomb.append("\(letter): &\(letter) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
            previous = String(letter)
        }
        bomb.append("nodes: {x: {end: done}}")
        let bombResult = try checkSurvives(try sandbox.write("bomb.yaml", bomb.joined(separator: "\n") + "\n"), "billion laughs")
        XCTAssertEqual(bombResult.status, 1)
        XCTAssertTrue(bombResult.stdout.contains("alias expansion"), bombResult.stdout)

        // A 5 MB script (valid, 50,000 nodes).
        var big = "callguide: 1\nid: big\noutcomes: {done: {label: Done}}\nnodes:\n"
        big.reserveCapacity(5_300_000)
        for index in 0..<50_000 {
            big += "  n\(index):\n    say: \"line \(index) \(String(repeating: "x", count: 70))\"\n"
        }
        big += "  the_end:\n    end: done\n"
        XCTAssertGreaterThan(big.utf8.count, 5_000_000)
        let bigResult = try checkSurvives(try sandbox.write("big.yaml", big), "5 MB")
        XCTAssertEqual(bigResult.status, 0, String(bigResult.stdout.prefix(500)))

        // A folder and a missing path: exit 2 with one line naming it.
        try FileManager.default.createDirectory(atPath: sandbox.path("folder.yaml"), withIntermediateDirectories: true)
        for (path, words) in [(sandbox.path("folder.yaml"), "folder"), (sandbox.path("missing.yaml"), "no such file")] {
            let result = try checkSurvives(path, path)
            XCTAssertEqual(result.status, 2, path)
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains(path) && result.stderr.contains(words), result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
    }

    /// Every hostile file also goes through `run`, `graph` and `replay`
    /// without a crash: they refuse it with exit 2.
    func testOtherCommandsRefuseHostileScripts() throws {
        let deep = try sandbox.write("deep.yaml", String(repeating: "[", count: 100_000))
        let garbage = try sandbox.write("garbage.yaml", bytes: Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) }))
        let transcript = try sandbox.write("t.jsonl", String(repeating: "[", count: 100_000) + "\n")
        let script = try sandbox.exampleScript()
        for arguments in [["run", deep], ["graph", garbage], ["replay", deep, transcript], ["replay", script, transcript], ["replay", script, garbage]] {
            let result = try sandbox.callguide(arguments, input: "order\n", timeout: 10)
            XCTAssertFalse(result.timedOut, "\(arguments)")
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stdout)\(result.stderr)")
            XCTAssertFalse(result.stderr.contains("Fatal error"), "\(arguments): \(result.stderr)")
        }
    }

    // MARK: Help and usage

    func testHelpForEveryCommandAndUsageErrors() throws {
        let overview = try sandbox.callguide(["--help"])
        XCTAssertEqual(overview.status, 0)
        XCTAssertTrue(overview.stdout.contains("Usage: callguide COMMAND"), overview.stdout)
        for command in ["run", "check", "graph", "schema", "replay"] {
            XCTAssertTrue(overview.stdout.contains("  \(command) "), "\(command) missing from the overview")
            for arguments in [[command, "--help"], [command, "-h"], ["help", command]] {
                let result = try sandbox.callguide(arguments)
                XCTAssertEqual(result.status, 0, "\(arguments)")
                XCTAssertTrue(result.stdout.hasPrefix("Usage: callguide \(command)"), "\(arguments): \(result.stdout)")
                XCTAssertEqual(result.stderr, "")
            }
        }

        let unknownOption = try sandbox.callguide(["check", "--strikt", "x.yaml"])
        XCTAssertEqual(unknownOption.status, 2)
        XCTAssertEqual(unknownOption.stderr,
                       "callguide check: unknown option '--strikt' (did you mean '--strict'?); see 'callguide check --help'\n")
        let unknownCommand = try sandbox.callguide(["chek"])
        XCTAssertEqual(unknownCommand.status, 2)
        XCTAssertTrue(unknownCommand.stderr.contains("unknown command 'chek' (did you mean 'check'?)"), unknownCommand.stderr)
        let missingValue = try sandbox.callguide(["run", "x.yaml", "--transcript"])
        XCTAssertEqual(missingValue.status, 2)
        XCTAssertTrue(missingValue.stderr.contains("option '--transcript' needs a value"), missingValue.stderr)
        let noScript = try sandbox.callguide(["check"])
        XCTAssertEqual(noScript.status, 2)
        XCTAssertTrue(noScript.stderr.contains("name at least one script"), noScript.stderr)
        let nothing = try sandbox.callguide([])
        XCTAssertEqual(nothing.status, 2)
        XCTAssertTrue(nothing.stderr.contains("Usage: callguide COMMAND"), nothing.stderr)
    }

    // MARK: graph and schema

    func testGraphInMermaidAndDot() throws {
        let script = try sandbox.fixture("support-line.yaml")
        let mermaid = try sandbox.callguide(["graph", script])
        XCTAssertEqual(mermaid.status, 0, mermaid.stderr)
        XCTAssertTrue(mermaid.stdout.hasPrefix("flowchart TD\n"), mermaid.stdout)
        for expected in [
            // Ids are prefixed (a node named `end` would break Mermaid).
            "  n_product{{\"product<br/>ask choice: Which product?\"}}",
            "  n_solved_end([\"solved_end<br/>end solved: Glad it works now.\"])",
            "  n_product -->|\"tv\"| n_tv_check",
            "  n_warranty -->|\"if age <= 24\"| n_in_warranty",
            "  n_warranty -->|\"else\"| n_out_of_warranty",
            "  h_faq --> n_faq_topic",
        ] {
            XCTAssertTrue(mermaid.stdout.contains(expected), "missing \(expected) in\n\(mermaid.stdout)")
        }

        let dot = try sandbox.callguide(["graph", script, "--format", "dot"])
        XCTAssertEqual(dot.status, 0, dot.stderr)
        XCTAssertTrue(dot.stdout.hasPrefix("digraph \"support_line\" {"), dot.stdout)
        XCTAssertTrue(dot.stdout.hasSuffix("}\n"), dot.stdout)
        for expected in [
            "\"visit\" [shape=box, style=rounded, label=\"visit\\nask date: Which day can a technician come?\"];",
            "\"product\" -> \"tv_check\" [label=\"tv\"];",
            "\"restart\" -> \"solved_end\" [label=\"if restart\"];",
            "\"intro\" -> \"product\";",
        ] {
            XCTAssertTrue(dot.stdout.contains(expected), "missing \(expected) in\n\(dot.stdout)")
        }

        let broken = try sandbox.callguide(["graph", try sandbox.write("broken.yaml", brokenScript)])
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.contains("[E006]"), broken.stderr)
    }

    func testSchemaIsValidJSON() throws {
        let result = try sandbox.callguide(["schema"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let schema = try JSONParser.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(schema["$schema"], .string("http://json-schema.org/draft-07/schema#"))
        XCTAssertEqual(schema["type"], .string("object"))
        XCTAssertEqual(schema["required"], .array([.string("callguide"), .string("id"), .string("nodes")]))
        XCTAssertNotNil(schema["properties"]?["nodes"], "no 'nodes' property")
        XCTAssertNotNil(schema["properties"]?["handlers"], "no 'handlers' property")
    }
}
