import CallGuide
import Foundation
import XCTest

/// The managers' reports through the real binary (reports.md 2), on the
/// card script of `WorkspaceFixture` with a priced offer.
final class ReportCommandsEndToEndTests: XCTestCase {
    /// The fixture's workspace with the offer priced at 12.45.
    func pricedWorkspace() throws -> WorkspaceFixture {
        let workspace = try WorkspaceFixture.make()
        let priced = WorkspaceFixture.cardScript.replacingOccurrences(of: "item: {sku: F1}", with: "item: {sku: F1, price: 12.45}")
        XCTAssertNotEqual(priced, WorkspaceFixture.cardScript)
        try Data(priced.utf8).write(to: URL(fileURLWithPath: workspace.script))
        return workspace
    }

    func testReportByWeekMonthVersionOutcomeAndAnEmptyPeriod() throws {
        let workspace = try pricedWorkspace()
        defer { workspace.remove() }
        // Two calls today: a sale scoring 9 and a no-sale scoring 3.
        XCTAssertEqual(try workspace.runCall(card: nil, answers: WorkspaceFixture.answers(buy: "yes", score: "9")).status, 0)
        XCTAssertEqual(try workspace.runCall(card: nil, answers: WorkspaceFixture.answers(buy: "no", score: "3")).status, 0)
        let days = try workspace.json(["report", "--by", "day", "--format", "json", "--db", workspace.database]).elements
        let today = try XCTUnwrap(CalendarDate(isoText: days.first?["day"]?.string ?? ""))

        let weeks = try workspace.json(["report", "--by", "week", "--format", "json", "--db", workspace.database]).elements
        XCTAssertEqual(weeks.map { $0["week"]?.string }, [today.isoWeek])
        // 1 promoter and 1 detractor of 2: 50% - 50% = 0.
        XCTAssertEqual(weeks.first?["nps"]?.number, 0)
        XCTAssertEqual(weeks.first?["promoters"]?.number, 1)
        XCTAssertEqual(weeks.first?["detractors"]?.number, 1)
        let months = try workspace.json(["report", "--by", "month", "--format", "json", "--db", workspace.database]).elements
        XCTAssertEqual(months.map { $0["month"]?.string }, [today.monthText])
        let versions = try workspace.json(["report", "--by", "version", "--format", "json", "--db", workspace.database]).elements
        XCTAssertEqual(versions.map { $0["version"]?.string }, ["card_call@1"])
        let outcomes = try workspace.json(["report", "--by", "outcome", "--format", "json", "--db", workspace.database]).elements
        XCTAssertEqual(outcomes.map { $0["outcome"]?.string }, ["no_sale", "sale"])
        XCTAssertEqual(outcomes.map { $0["conversions"]?.number }, [0, 1])

        let empty = try workspace.callguide(["report", "--by", "week", "--since", "2001-01-01", "--until", "2001-01-07", "--db", workspace.database])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertEqual(empty.stdout, "No calls from 2001-01-01 to 2001-01-07.\n")
        let overallEmpty = try workspace.callguide(["report", "--until", "2001-01-07", "--db", workspace.database])
        XCTAssertEqual(overallEmpty.stdout, "No calls up to 2001-01-07.\n")
        let bad = try workspace.callguide(["report", "--by", "year", "--db", workspace.database])
        XCTAssertEqual(bad.status, 2, bad.stderr)
    }

    func testReportOffersCountsAndPricesTheAcceptedOffers() throws {
        let workspace = try pricedWorkspace()
        defer { workspace.remove() }
        for offer in ["yes", "yes", "no"] {
            XCTAssertEqual(try workspace.runCall(card: nil, answers: WorkspaceFixture.answers(offer: offer)).status, 0)
        }
        // 3 offers of F1, 2 accepted: 66.7%, revenue 2 x 12.45 = 24.90.
        let rows = try workspace.json(["report", "offers", "--format", "json", "--db", workspace.database]).elements
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?["node"]?.string, "filters")
        XCTAssertEqual(rows.first?["sku"]?.string, "F1")
        XCTAssertEqual(rows.first?["made"]?.number, 3)
        XCTAssertEqual(rows.first?["accepted"]?.number, 2)
        XCTAssertEqual(rows.first?["acceptance_rate"]?.number, Decimal(string: "66.7"))
        XCTAssertEqual(rows.first?["accepted_revenue"]?.number, Decimal(string: "24.9"))

        let csv = try workspace.callguide(["report", "offers", "--format", "csv", "--db", workspace.database])
        XCTAssertEqual(csv.stdout, "node,sku,made,accepted,acceptance_rate,accepted_revenue\r\nfilters,F1,3,2,66.7,24.9\r\n")
        let table = try workspace.callguide(["report", "offers", "--db", workspace.database])
        XCTAssertTrue(table.stdout.contains("67%"), table.stdout)
        let empty = try workspace.callguide(["report", "offers", "--operator", "nobody", "--db", workspace.database])
        XCTAssertEqual(empty.stdout, "No offers made by operator 'nobody'.\n")
        let help = try workspace.callguide(["report", "offers", "--help"])
        XCTAssertTrue(help.stdout.contains("item.price"), help.stdout)
    }

    func testReportFunnelFollowsACardFromNewToActive() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        // A new caller's card (new), set to potential by the call, then in_work and active by card set.
        XCTAssertEqual(try workspace.runCall(card: "+7 900 123-45-67", answers: WorkspaceFixture.answers(status: "potential")).status, 0)
        for status in ["in_work", "active"] {
            let set = try workspace.callguide(["card", "set", "C000001", "status=\(status)", "--db", workspace.database])
            XCTAssertEqual(set.status, 0, set.stderr)
        }
        let report = try workspace.json(["report", "funnel", "--format", "json", "--db", workspace.database])
        XCTAssertNotNil(report["history_start"]?.string)
        XCTAssertEqual(report["now"]?.elements.map { $0["status"]?.string }, ["active"])
        let changes = report["changes"]?.elements.map { "\($0["from"]?.string ?? "*")>\($0["to"]?.string ?? "")=\($0["count"]?.number ?? 0)" }
        XCTAssertEqual(changes, ["*>new=1", "in_work>active=1", "new>potential=1", "potential>in_work=1"])
        // The card was in new, potential and in_work and left each (100%), and is in active.
        let stages = report["stages"]?.elements ?? []
        XCTAssertEqual(stages.map { $0["status"]?.string }, ["new", "potential", "in_work", "active"])
        XCTAssertEqual(stages.map { $0["moved_on_share"]?.number }, [100, 100, 100, 0])

        let table = try workspace.callguide(["report", "funnel", "--db", workspace.database])
        XCTAssertTrue(table.stdout.hasPrefix("Status history from "), table.stdout)
        XCTAssertTrue(table.stdout.contains("(new card)"), table.stdout)
        let csv = try workspace.callguide(["report", "funnel", "--format", "csv", "--db", workspace.database])
        XCTAssertTrue(csv.stdout.hasPrefix("status,cards_now,cards_in_period,moved_on,moved_on_share\r\nnew,0,1,1,100\r\n"), csv.stdout)
        let empty = try workspace.callguide(["report", "funnel", "--until", "2001-01-01", "--db", workspace.database])
        XCTAssertTrue(empty.stdout.contains("No status changes up to 2001-01-01."), empty.stdout)
    }

    func testReportAnswersReadsTheStoredQuestionsWithoutTheScript() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        for (budget, buy, score) in [("450", "yes", "9"), ("100", "no", "3"), ("250", "yes", "10")] {
            XCTAssertEqual(try workspace.runCall(card: nil, answers: WorkspaceFixture.answers(budget: budget, buy: buy, score: score)).status, 0)
        }
        // The report needs no script file: the store kept the questions.
        try FileManager.default.removeItem(atPath: workspace.script)

        // buy: yes 2 of 3 = 66.7%, no 1 of 3 = 33.3%.
        let buy = try workspace.json(["report", "answers", "buy", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(buy["type"]?.string, "yesno")
        let options = buy["groups"]?.elements.first?["options"]?.elements ?? []
        XCTAssertEqual(options.map { $0["key"]?.string }, ["yes", "no"])
        XCTAssertEqual(options.map { $0["count"]?.number }, [2, 1])
        XCTAssertEqual(options.map { $0["share"]?.number }, [Decimal(string: "66.7"), Decimal(string: "33.3")])

        // budget 100, 250, 450: q1 at rank 0.5 = 175, median 250, q3 at 1.5 = 350, mean 800 / 3 = 266.67.
        let budget = try workspace.callguide(["report", "answers", "budget", "--format", "csv", "--db", workspace.database])
        XCTAssertEqual(budget.stdout, "group,calls,answered,skipped,unanswered,n,min,lower_quartile,median,upper_quartile,max,mean\r\nall,3,3,0,0,3,100,175,250,350,450,266.67\r\n")
        let table = try workspace.callguide(["report", "answers", "side_question", "--db", workspace.database])
        XCTAssertTrue(table.stdout.contains("3 calls, 0 answered, 0 skipped, 3 never asked"), table.stdout)
        let empty = try workspace.callguide(["report", "answers", "budget", "--since", "2030-01-01", "--db", workspace.database])
        XCTAssertEqual(empty.stdout, "'budget' (number) in card_call: No calls since 2030-01-01.\n")

        let unknown = try workspace.callguide(["report", "answers", "nope", "--db", workspace.database])
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("no question 'nope'"), unknown.stderr)
        let missing = try workspace.callguide(["report", "answers", "--db", workspace.database])
        XCTAssertEqual(missing.status, 2, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("callguide report answers: needs NODE"), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("see 'callguide report answers --help'"), missing.stderr)
    }

    func testReportAnswersRefusesToAddUpDifferentQuestions() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: nil, answers: WorkspaceFixture.answers()).status, 0)
        let other = workspace.root + "/scripts/survey.yaml"
        try Data("""
            callguide: 1
            id: survey
            title: Survey
            nodes:
              buy:
                ask: "Which?"
                type: choice
                options: {now: Now, later: Later}
              done:
                end: completed

            """.utf8).write(to: URL(fileURLWithPath: other))
        let run = try workspace.callguide(["run", other, "--operator", "anna", "--db", workspace.database], input: "now\n")
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        let mixed = try workspace.callguide(["report", "answers", "buy", "--db", workspace.database])
        XCTAssertEqual(mixed.status, 2, mixed.stderr)
        XCTAssertTrue(mixed.stderr.contains("'buy' is a different question in card_call (yesno: yes, no), survey (choice: now, later); give --script"), mixed.stderr)
        let survey = try workspace.json(["report", "answers", "buy", "--script", "survey", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(survey["groups"]?.elements.first?["options"]?.elements.map { $0["label"]?.string }, ["Now", "Later"])
        XCTAssertEqual(survey["groups"]?.elements.first?["options"]?.elements.map { $0["count"]?.number }, [1, 0])
    }

    func testReportRepeatCountsTheSameCardCallingAgain() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        // Two calls of one card and one without: the first of the card's calls is followed by the second.
        for card in ["+7 900 123-45-67", "+7 900 123-45-67", nil] {
            XCTAssertEqual(try workspace.runCall(card: card, answers: WorkspaceFixture.answers()).status, 0)
        }
        // 3 calls, 1 without a card, 1 of the 2 others repeated: 50%.
        let report = try workspace.json(["report", "repeat", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(report["calls"]?.number, 3)
        XCTAssertEqual(report["calls_without_card"]?.number, 1)
        XCTAssertEqual(report["repeated"]?.number, 1)
        XCTAssertEqual(report["repeat_share"]?.number, 50)
        let csv = try workspace.callguide(["report", "repeat", "--days", "1", "--format", "csv", "--db", workspace.database])
        XCTAssertEqual(csv.stdout, "days,calls,calls_without_card,calls_with_card,repeated,repeat_share\r\n1,3,1,2,1,50\r\n")
        let empty = try workspace.callguide(["report", "repeat", "--since", "2030-01-01", "--db", workspace.database])
        XCTAssertEqual(empty.stdout, "No calls since 2030-01-01.\n")
        let bad = try workspace.callguide(["report", "repeat", "--days", "0", "--db", workspace.database])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("'--days' takes a whole number"), bad.stderr)
    }
}
