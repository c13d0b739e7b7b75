@testable import CallGuideCLI
import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// `init --sample-data`'s plan: the same seed gives the same calls, and
/// they are varied enough for every report to show something.
final class SampleDataTests: XCTestCase {
    let utc = TimeZone(identifier: "UTC")!
    let lastDay = CalendarDate(year: 2026, month: 3, day: 31)!

    func plan(seed: UInt64) -> (clients: Int, calls: [SampleData.PlannedCall]) {
        var sample = SampleData(seed: seed, lastDay: lastDay, zone: utc)
        return sample.plan()
    }

    func testTheSameSeedGivesTheSameCallsAndAnotherSeedOthers() {
        let first = plan(seed: 7).calls, again = plan(seed: 7).calls, other = plan(seed: 8).calls
        XCTAssertEqual(first.map(\.id), again.map(\.id))
        XCTAssertEqual(first.map(\.start), again.map(\.start))
        XCTAssertEqual(first.map(\.answers), again.map(\.answers))
        XCTAssertEqual(first.map(\.offers), again.map(\.offers))
        XCTAssertNotEqual(first.map(\.start), other.map(\.start))
    }

    func testTheCallsAreVariedOverSeveralWeeks() throws {
        let (clients, calls) = plan(seed: 1)
        XCTAssertTrue((200...600).contains(calls.count), "\(calls.count) calls")
        XCTAssertEqual(calls.map(\.start), calls.map(\.start).sorted(), "oldest first")
        let days = Set(calls.map { CalendarDate(instant: $0.start, in: utc) })
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(days.max()).dayNumber - (try XCTUnwrap(days.min())).dayNumber, 6 * 7, "several weeks")
        XCTAssertLessThanOrEqual(try XCTUnwrap(days.max()), lastDay.adding(days: 3)!, "follow-ups fall at most a few days after the last day")
        XCTAssertEqual(Set(calls.map(\.operatorName)).count, 4)
        XCTAssertEqual(Set(calls.map(\.version)), ["3", "4"])
        XCTAssertEqual(Set(calls.map(\.outcome)), ["sale", "no_sale", "callback"])
        let offers = calls.flatMap(\.offers)
        XCTAssertTrue(offers.contains { $0.accepted } && offers.contains { !$0.accepted })
        let scores = calls.compactMap(\.nps)
        XCTAssertTrue(scores.contains { $0 >= 9 } && scores.contains { (7...8).contains($0) } && scores.contains { $0 <= 6 })
        XCTAssertLessThan(scores.count, calls.count, "some calls have no NPS answer")
        XCTAssertGreaterThanOrEqual(Set(calls.compactMap(\.status)).count, 4, "cards move through several statuses")
        XCTAssertTrue(calls.contains { $0.worksCallback } && calls.contains { $0.callbackAfterHours != nil })
        XCTAssertLessThanOrEqual(Set(calls.map(\.client)).count, clients)
        let lookups = calls.flatMap(\.faqLookups)
        XCTAssertTrue(lookups.contains { !$0.shown.isEmpty } && lookups.contains { $0.shown.isEmpty }, "typical questions found and queries that found nothing")
        // The operators differ, so the reports by operator have a story.
        let annaSales = calls.filter { $0.operatorName == "anna" && $0.converted }.count * 100 / max(1, calls.filter { $0.operatorName == "anna" }.count)
        let danaSales = calls.filter { $0.operatorName == "dana" && $0.converted }.count * 100 / max(1, calls.filter { $0.operatorName == "dana" }.count)
        XCTAssertGreaterThan(annaSales, danaSales)
    }

    /// Every answer is to a question of the example script as it is linked
    /// with its modules (the NPS of a sale is `closing.nps`), so `report
    /// answers` finds the sample's answers under the ids a real call uses.
    func testEveryAnswerIsToAQuestionOfTheLinkedExampleScript() throws {
        let script = try XCTUnwrap(DemoWorkspace.inboundOrderScript())
        let questions = Set(script.nodes.filter { $0.question != nil }.map(\.id))
        let answered = Set(plan(seed: 1).calls.flatMap(\.answers).map(\.node))
        XCTAssertTrue(answered.contains("closing.nps"), "\(answered.sorted())")
        XCTAssertEqual(answered.subtracting(questions), [], "answers to nodes the script does not ask")
    }
}
