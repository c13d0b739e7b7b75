import CallGuide
import Foundation

/// Coverage of a replay run, as text for people.
struct CoverageReport {
    let summary: CoverageSummary

    init(script: Script, outcomes: [ReplayOutcome]) {
        var exercised = Set<Branch>()
        for outcome in outcomes { exercised.formUnion(outcome.result?.coverage ?? []) }
        summary = CoverageSummary(script: script, exercised: exercised)
    }

    var text: String {
        var lines = [
            "Coverage: nodes \(summary.nodes.hit)/\(summary.nodes.total) (\(CoverageSummary.percent(summary.nodes))), branches \(summary.branches.hit)/\(summary.branches.total) (\(CoverageSummary.percent(summary.branches)))",
        ]
        if !summary.missed.isEmpty {
            lines.append("Never exercised:")
            lines += summary.missed.map { "  line \($0.line): \($0.branch.description)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// Machine-readable replay reports: `--format json` and `--junit`.
enum ReplayReport {
    static func json(_ outcomes: [ReplayOutcome], coverage: CoverageReport?) -> String {
        var results: [JSONValue] = []
        for outcome in outcomes {
            var fields: [(String, JSONValue)] = [("file", .string(outcome.path))]
            if let unreadable = outcome.unreadable {
                fields += [("status", .string("error")), ("message", .string(unreadable))]
            } else if let result = outcome.result {
                fields.append(("status", .string(result.passed ? "pass" : "fail")))
                if let d = result.divergence {
                    fields += [("line", .number(Decimal(d.line))), ("expected", .string(d.expected)),
                               ("actual", .string(d.actual)), ("message", .string(d.message))]
                }
                fields += [("complete", .bool(result.complete)), ("torn_last_line", .bool(outcome.tornLastLine))]
                if !result.assumed.isEmpty {
                    fields.append(("assumed", .array(result.assumed.map {
                        .object([("node", .string($0.node)), ("input", .string($0.input)), ("line", .number(Decimal($0.line)))])
                    })))
                    fields.append(("attempts", .number(Decimal(result.attempts))))
                }
            }
            results.append(.object(fields))
        }
        let tally = ReplayTally(outcomes)
        var top: [(String, JSONValue)] = [
            ("results", .array(results)),
            ("passed", .number(Decimal(tally.passed))),
            ("failed", .number(Decimal(tally.failed))),
            ("errors", .number(Decimal(tally.errors))),
        ]
        if let summary = coverage?.summary {
            top.append(("coverage", .object([
                ("nodes", .object([("hit", .number(Decimal(summary.nodes.hit))), ("total", .number(Decimal(summary.nodes.total)))])),
                ("branches", .object([("hit", .number(Decimal(summary.branches.hit))), ("total", .number(Decimal(summary.branches.total)))])),
                ("missed", .array(summary.missed.map { .object([("line", .number(Decimal($0.line))), ("branch", .string($0.branch.description))]) })),
            ])))
        }
        return JSONWriter.serialize(.object(top))
    }

    static func junit(_ outcomes: [ReplayOutcome], script: Script) -> String {
        // The same escaping as the HTML reports: XML-safe text, controls
        // XML forbids replaced.
        let escape = HTMLText.escape
        let failures = outcomes.filter { $0.unreadable == nil && !$0.passed }.count
        let errors = outcomes.filter { $0.unreadable != nil }.count
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites>",
            "  <testsuite name=\"callguide replay \(escape(script.id))\" tests=\"\(outcomes.count)\" failures=\"\(failures)\" errors=\"\(errors)\">",
        ]
        for outcome in outcomes {
            let open = "    <testcase classname=\"\(escape(script.id))\" name=\"\(escape(outcome.path))\""
            var body: [String] = []
            // Assumed answers are properties of the test case (JUnit's
            // place for key/value facts; Jenkins and GitLab show them).
            let assumed = outcome.result?.assumed ?? []
            if !assumed.isEmpty {
                body.append("      <properties>")
                for answer in assumed {
                    body.append("        <property name=\"assumed \(escape(answer.node))\" value=\"\(escape(answer.input))\"/>")
                }
                body.append("      </properties>")
            }
            if let unreadable = outcome.unreadable {
                body.append("      <error message=\"\(escape(unreadable))\"/>")
            } else if let d = outcome.result?.divergence {
                body.append("      <failure message=\"\(escape("line \(d.line): \(d.message)"))\">\(escape("expected: \(d.expected)\nactual: \(d.actual)"))</failure>")
            }
            if body.isEmpty {
                lines.append(open + "/>")
            } else {
                lines.append(open + ">")
                lines += body
                lines.append("    </testcase>")
            }
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }
}
