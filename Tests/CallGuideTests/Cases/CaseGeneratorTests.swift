@testable import CallGuide
import XCTest

/// `cases`: the search finds answers for every branch of small scripts
/// whose branches are known, and names those no answer can take.
final class CaseGeneratorTests: XCTestCase {
    /// Every kind of branch: option gotos, rules on a number compared with
    /// constants, yes/no, a date against today, a multi membership, a rule
    /// on an answer given two questions before, an optional question, a
    /// handler whose flow branches, and three ends.
    let shop = """
        callguide: 1
        id: shop
        handlers:
          price: {label: Price, start: objection}
        nodes:
          reason:
            ask: Why?
            type: choice
            options:
              order: Order
              complaint: {label: Complaint, goto: complaint_end}
          pets:
            ask: Which?
            type: multi
            options: [dogs, cats, fish]
          budget:
            ask: Budget?
            type: number
            min: 50
            max: 2000
          when_date:
            ask: Delivery date?
            type: date
            validate:
              - require: days_between(today(), answer) >= 0
                message: Not in the past.
          route:
            next:
              - if: budget >= 400 and 'cats' in pets
                goto: premium
              - if: budget > 99
                goto: standard
          cheap: {say: Cheap it is, next: express}
          premium: {say: Premium, next: express}
          standard: {say: Standard}
          express:
            when: days_between(today(), when_date) < 2
            say: Express delivery
          note:
            ask: Anything else?
            optional: true
          accept:
            ask: Deal?
            type: yesno
            next:
              - if: accept
                goto: sale
              - goto: lost
          sale: {end: sale}
          lost: {end: no_sale}
          complaint_end: {end: no_sale}
          objection: {say: I see}
          loyal:
            ask: Bought before?
            type: yesno
            next:
              - if: loyal
                goto: thanks
          plain: {say: OK}
          thanks: {return: true}
        """

    private func generate(_ yaml: String, configure: (inout CaseGenerator) -> Void = { _ in }) throws -> (CaseSet, Script) {
        let script = try XCTUnwrap(loadScript(yaml))
        var generator = CaseGenerator(script: script)
        configure(&generator)
        return (generator.generate(), script)
    }

    func testEveryBranchOfTheShopIsTakenAndEveryCaseReplays() throws {
        let (set, script) = try generate(shop)
        XCTAssertEqual(set.unreached.map(\.branch.description), [])
        var taken = Set<Branch>()
        for call in set.cases {
            let recorded = call.events.enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
            let result = Replayer.replay(recorded, against: script, startedAt: CaseGenerator(script: script).startedAt, recordsCoverage: true)
            XCTAssertNil(result.divergence, "\(call.callID): \(result.divergence?.message ?? "")")
            XCTAssertTrue(result.complete)
            taken.formUnion(result.coverage)
        }
        XCTAssertEqual(Set(Branch.all(in: script).map(\.branch)).subtracting(taken), [])
        XCTAssertEqual(set.total, Branch.all(in: script).count)
        // A few calls, not one per branch.
        XCTAssertLessThanOrEqual(set.cases.count, 8)
    }

    func testIdsFollowTheCaseNumbersAndTheOutputIsTheSameEveryTime() throws {
        let (first, _) = try generate(shop)
        let (second, _) = try generate(shop)
        XCTAssertEqual(first.cases.map(\.callID), (1...first.cases.count).map { CaseGenerator.callID($0) })
        XCTAssertEqual(first.cases.first?.callID, "case-001")
        XCTAssertEqual(first.cases.map(\.inputs), second.cases.map(\.inputs))
        for call in first.cases {
            guard case .start(let start)? = call.events.first else { return XCTFail("no start") }
            XCTAssertEqual(start.call, call.callID)
            XCTAssertEqual(start.today, CaseGenerator.defaultToday)
        }
    }

    func testTheDateIsTodayGiven() throws {
        let (set, _) = try generate(shop) { $0.today = "2027-03-01" }
        guard case .start(let start)? = set.cases.first?.events.first else { return XCTFail("no start") }
        XCTAssertEqual(start.today, "2027-03-01")
        XCTAssertEqual(set.unreached.count, 0)
    }

    func testAConditionNoAnswerCanMakeTrueIsListedWithItsReason() throws {
        let (set, _) = try generate("""
            callguide: 1
            id: bounded
            nodes:
              age:
                ask: Age?
                type: integer
                min: 18
                max: 60
              route:
                next:
                  - if: age > 65
                    goto: senior_end
              done: {end: sale}
              senior_end: {end: sale}
              orphan: {say: never, next: done}
            """)
        let reasons = Dictionary(set.unreached.map { ($0.branch.description, $0.reason) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(Set(reasons.keys), ["route: next rule 1", "node senior_end", "node orphan", "orphan: next"])
        XCTAssertEqual(reasons["route: next rule 1"], "no tried answer made rule 1 ('if: age > 65') the first to hold")
        XCTAssertEqual(reasons["node orphan"], "no path from the start or a handler leads to 'orphan'")
        XCTAssertTrue(reasons["node senior_end"]?.hasPrefix("no call reached 'senior_end'") == true)
        XCTAssertEqual(set.unreached.first?.line, 11)
    }

    func testAConditionOnTheCardGoesBothWaysWithAndWithoutACard() throws {
        let (set, script) = try generate("""
            callguide: 1
            id: carded
            nodes:
              name: {ask: Name?}
              keep_name:
                when: card.name == null
                set: {card.name: name}
              done: {end: sale}
            """)
        XCTAssertEqual(set.unreached.map(\.branch.description), [])
        XCTAssertEqual(Set(set.cases.map { $0.card == nil }), [true, false])
        for call in set.cases {
            let recorded = call.events.enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
            XCTAssertNil(Replayer.replay(recorded, against: script, startedAt: CaseGenerator(script: script).startedAt).divergence)
        }
    }

    func testAtMostTheMaximumNumberOfCalls() throws {
        let (set, _) = try generate(shop) { $0.maximumCases = 2 }
        XCTAssertEqual(set.cases.count, 2)
        XCTAssertFalse(set.unreached.isEmpty)
    }

    func testAScriptThatLoopsOnAQuestionStillEnds() throws {
        let (set, _) = try generate("""
            callguide: 1
            id: loop
            nodes:
              again:
                ask: Again?
                type: yesno
                next:
                  - if: again
                    goto: again
              done: {end: sale}
            """)
        XCTAssertEqual(set.unreached.count, 0)
        for call in set.cases {
            guard case .end? = call.events.last else { return XCTFail("\(call.callID) does not end") }
        }
    }

    func testCandidatesSurroundTheBoundsAndTheConstants() throws {
        let script = try XCTUnwrap(loadScript(shop))
        let pool = CaseCandidates(script: script, today: "2026-01-31")
        let budget = pool.lines(for: try XCTUnwrap(script.node("budget")))
        XCTAssertEqual(Array(budget.prefix(2)), ["50", "2000"])
        for expected in ["399", "400", "401", "99", "100"] { XCTAssertTrue(budget.contains(expected), "\(expected) in \(budget)") }
        XCTAssertFalse(budget.contains("-1"), "below min: \(budget)")
        let date = pool.lines(for: try XCTUnwrap(script.node("when_date")))
        XCTAssertEqual(Array(date.prefix(3)), ["2026-02-01", "2026-01-31", "2026-01-30"])
        XCTAssertTrue(date.contains("2026-02-02"), "today + 2 for '< 2': \(date)")
        XCTAssertEqual(pool.lines(for: try XCTUnwrap(script.node("note"))).last, ":skip")
        XCTAssertEqual(pool.lines(for: try XCTUnwrap(script.node("pets"))), ["dogs", "cats", "fish", "dogs, cats, fish"])
    }

    func testDatesMoveAcrossMonthsAndYears() throws {
        let day = try XCTUnwrap(CalendarDate(isoText: "2024-12-31"))
        XCTAssertEqual(day.adding(days: 1).description, "2025-01-01")
        XCTAssertEqual(day.adding(days: 60).description, "2025-03-01")
        XCTAssertEqual(day.adding(days: -306).description, "2024-02-29")
        XCTAssertEqual(day.adding(days: 0).description, "2024-12-31")
    }
}
