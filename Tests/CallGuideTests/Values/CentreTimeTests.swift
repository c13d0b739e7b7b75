import CallGuide
import Foundation
import XCTest

/// Local times in the centre's zone (workflow.md 1.1), and the WHEN forms
/// operators type.
final class CentreTimeTests: XCTestCase {
    let kyiv = TimeZone(identifier: "Europe/Kyiv")!

    func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    func testAnOrdinaryTimeIsTheInstantOfItsZone() {
        XCTAssertEqual(LocalDateTime(isoText: "2026-12-01T15:30")!.instant(in: kyiv), utc("2026-12-01T13:30:00Z"))
        XCTAssertEqual(LocalDateTime(isoText: "2026-07-01T15:30")!.instant(in: kyiv), utc("2026-07-01T12:30:00Z"), "summer time, UTC+3")
        XCTAssertEqual(LocalDateTime(instant: utc("2026-12-01T22:30:00Z"), in: kyiv).description, "2026-12-02T00:30")
    }

    func testATimeInTheSpringGapMovesForward() {
        // 2026-03-29: Kyiv's clocks go from 03:00 to 04:00.
        let gap = LocalDateTime(isoText: "2026-03-29T03:30")!.instant(in: kyiv)
        XCTAssertEqual(gap, utc("2026-03-29T01:30:00Z"))
        XCTAssertEqual(LocalDateTime(instant: gap, in: kyiv).description, "2026-03-29T04:30", "30 minutes into the gap: 30 minutes after it")
    }

    func testATimeThatHappensTwiceTakesTheEarlier() {
        // 2026-10-25: Kyiv's clocks go back from 04:00 to 03:00.
        XCTAssertEqual(LocalDateTime(isoText: "2026-10-25T03:30")!.instant(in: kyiv), utc("2026-10-25T00:30:00Z"), "the first 03:30, still UTC+3")
        XCTAssertEqual(LocalDateTime(isoText: "2026-10-25T04:30")!.instant(in: kyiv), utc("2026-10-25T02:30:00Z"))
    }

    func testOnlyRealDatesAndTimesAreRead() {
        XCTAssertNil(LocalDateTime(isoText: "2026-02-29T10:00"))
        XCTAssertNil(LocalDateTime(isoText: "2026-12-01T24:00"))
        XCTAssertNil(LocalDateTime(isoText: "2026-12-01 10:00"))
        XCTAssertEqual(LocalDateTime(isoText: "2026-12-31T23:50")!.adding(minutes: 20)?.description, "2027-01-01T00:10")
        XCTAssertEqual(CalendarDate(isoText: "2024-02-28")!.adding(days: 1)?.description, "2024-02-29")
        XCTAssertEqual(CalendarDate(isoText: "2026-03-01")!.adding(days: -1)?.description, "2026-02-28")
    }

    func testWhenFormsAreReadAgainstTheGivenToday() {
        let today = CalendarDate(isoText: "2026-12-31")!
        func read(_ text: String) -> String? {
            RelativeDateText.read(text, today: today).map { reading in
                reading.time == nil ? reading.date.description : reading.dateTime.description
            }
        }
        XCTAssertEqual(read("today"), "2026-12-31")
        XCTAssertEqual(read("Tomorrow 09:30"), "2027-01-01T09:30")
        XCTAssertEqual(read("+3"), "2027-01-03")
        XCTAssertEqual(read("+1 9:05"), "2027-01-01T09:05")
        XCTAssertEqual(read("завтра 10:00"), "2027-01-01T10:00")
        XCTAssertEqual(read("Сегодня"), "2026-12-31")
        XCTAssertEqual(read("сьогодні 18:00"), "2026-12-31T18:00")
        XCTAssertEqual(read("2027-02-03"), "2027-02-03")
        XCTAssertEqual(read("03.02.2027 14:00"), "2027-02-03T14:00")
        XCTAssertEqual(read("2027-02-03T14:00"), "2027-02-03T14:00")
        for bad in ["", "yesterday", "+", "+x", "-1", "2027-02-30", "31.02.2027", "today 25:00", "today 10:00 extra", "+123456"] {
            XCTAssertNil(read(bad), bad)
        }
    }

    func testTheWorkflowSettingsOfCallguideYaml() {
        let (configuration, problems) = WorkspaceConfiguration.load(Array("""
            timezone: Europe/Kyiv
            scripts: flows
            operators:
              anna: [sales]
              boris: [sales, senior]
            retry:
              no_answer: {after: 2h, max_attempts: 5}
              busy: {after: 15m, max_attempts: 3}
            """.utf8))
        XCTAssertEqual(problems.count, 0, "\(problems)")
        let workflow = configuration?.workflow
        XCTAssertEqual(workflow?.timeZone, kyiv)
        XCTAssertEqual(workflow?.scriptsFolder, "flows")
        XCTAssertEqual(workflow?.operatorNames, ["anna", "boris"])
        XCTAssertEqual(workflow?.groupNames, ["sales", "senior"])
        XCTAssertEqual(workflow?.members(of: "sales"), ["anna", "boris"])
        XCTAssertEqual(workflow?.retry["no_answer"], RetryRule(afterSeconds: 7200, maxAttempts: 5))
        XCTAssertEqual(workflow?.retry["busy"], RetryRule(afterSeconds: 900, maxAttempts: 3))
        XCTAssertEqual(WorkspaceConfiguration.load(Array("card: {}\n".utf8)).configuration?.workflow.scriptsFolder, "scripts")
    }

    func testBadWorkflowSettingsAreReportedWithTheirLine() {
        let (configuration, problems) = WorkspaceConfiguration.load(Array("""
            timezone: Europe/Atlantis
            operators:
              anna: sales
            retry:
              no_answer: {after: soon, max_attempts: 0}
              busy: {after: 15m, tries: 2}
            """.utf8))
        XCTAssertNil(configuration)
        XCTAssertEqual(problems.map { "\($0.code.rawValue) \($0.location.line)" }, ["E002 1", "E002 3", "E002 5", "E002 5", "E003 6", "E002 6"])
        XCTAssertTrue(problems[0].message.contains("Europe/Atlantis"))
    }
}
