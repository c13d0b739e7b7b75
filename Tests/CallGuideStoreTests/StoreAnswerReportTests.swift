import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// `report answers` (reports.md 2) on six hand-made calls.
class StoreAnswerReportTests: StoreTestCase {
    static let questions = [
        StoredQuestion(node: "need", type: .choice, options: [.init(key: "filters", label: "Filters"), .init(key: "pump", label: "Water pump"),
                                                              .init(key: "tap", label: "Tap")]),
        StoredQuestion(node: "extras", type: .multi, options: [.init(key: "a", label: "A"), .init(key: "b", label: "B")]),
        StoredQuestion(node: "buy", type: .yesno, options: [.init(key: "yes", label: "yes"), .init(key: "no", label: "no")]),
        StoredQuestion(node: "budget", type: .number),
        StoredQuestion(node: "score", type: .nps),
        StoredQuestion(node: "comment", type: .text),
    ]

    /// 1 olga: need filters, extras a+b, buy yes, budget 100, score 10, "  Too expensive "
    /// 2 olga: need filters, extras a, buy no, budget 250, score 9, "too EXPENSIVE"
    /// 3 olga: need pump, buy yes, budget skipped, score 6, "fast delivery"
    /// 4 petr: need skipped, extras b, budget 400, score 3
    /// 5 petr: need tap, budget 50, score 8, "Too expensive"
    /// 6 petr: none of these questions reached.
    func storeSixCalls() throws -> CardStore {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        let answers: [[(String, Value)]] = [
            [("need", .string("filters")), ("extras", .list([.string("a"), .string("b")])), ("buy", .bool(true)), ("budget", .number(100)),
             ("score", .number(10)), ("comment", .string("  Too expensive "))],
            [("need", .string("filters")), ("extras", .list([.string("a")])), ("buy", .bool(false)), ("budget", .number(250)),
             ("score", .number(9)), ("comment", .string("too EXPENSIVE"))],
            [("need", .string("pump")), ("buy", .bool(true)), ("budget", .null), ("score", .number(6)), ("comment", .string("fast delivery"))],
            [("need", .null), ("extras", .list([.string("b")])), ("budget", .number(400)), ("score", .number(3))],
            [("need", .string("tap")), ("budget", .number(50)), ("score", .number(8)), ("comment", .string("Too expensive"))],
            [],
        ]
        for (index, given) in answers.enumerated() {
            var call = record("\(index + 1)", card: nil, operator: index < 3 ? "olga" : "petr")
            call.answers = [.init(node: "name", value: .string("Ivan"))] + given.map { CallRecord.Answer(node: $0.0, value: $0.1) }
            try store.storeCall(call, cardChanges: [:], baseline: nil, transitions: nil, questions: Self.questions)
        }
        return store
    }

    func testChoiceCountsEveryOptionInOrderAndKeepsSkippedApart() throws {
        let report = try storeSixCalls().answerReport(node: "need")
        XCTAssertEqual(report.type, .choice)
        XCTAssertEqual(report.scripts, ["order"])
        let group = try XCTUnwrap(report.groups.first)
        // 6 calls: 4 answered (1, 2, 3, 5), 1 skipped (4), 1 never asked (6).
        XCTAssertEqual([group.calls, group.answered, group.skipped, group.unanswered], [6, 4, 1, 1])
        XCTAssertEqual(group.options.map(\.label), ["Filters", "Water pump", "Tap"])
        XCTAssertEqual(group.options.map(\.count), [2, 1, 1])
        // 2 of 4 = 50%, 1 of 4 = 25%.
        XCTAssertEqual(group.options.map { group.share($0.count) }, [0.5, 0.25, 0.25])
    }

    func testMultiAndYesNo() throws {
        let store = try storeSixCalls()
        let extras = try XCTUnwrap(store.answerReport(node: "extras").groups.first)
        // Answered in 1, 2, 4: a in 1 and 2, b in 1 and 4: 2 of 3 each.
        XCTAssertEqual([extras.answered, extras.unanswered], [3, 3])
        XCTAssertEqual(extras.options.map(\.count), [2, 2])
        let buy = try XCTUnwrap(store.answerReport(node: "buy").groups.first)
        XCTAssertEqual(buy.options.map(\.key), ["yes", "no"])
        XCTAssertEqual(buy.options.map(\.count), [2, 1])
    }

    func testNumbersHaveQuartilesByInterpolation() throws {
        let store = try storeSixCalls()
        let budget = try XCTUnwrap(store.answerReport(node: "budget").groups.first)
        // 50, 100, 250, 400 (3 skipped, 6 never asked). Q1 at rank 0.75:
        // 50 + 0.75 * 50 = 87.5; median at 1.5: 100 + 0.5 * 150 = 175; Q3 at
        // 2.25: 250 + 0.25 * 150 = 287.5; mean 800 / 4 = 200.
        XCTAssertEqual([budget.answered, budget.skipped, budget.unanswered], [4, 1, 1])
        let numbers = try XCTUnwrap(budget.numbers)
        XCTAssertEqual(numbers, AnswerReport.Numbers(count: 4, min: 50, lowerQuartile: Decimal(string: "87.5")!, median: 175,
                                                     upperQuartile: Decimal(string: "287.5")!, max: 400, mean: 200))
        // NPS 3, 6, 8, 9, 10: ranks 1, 2, 3 are 6, 8, 9; mean 36 / 5 = 7.2.
        let score = try XCTUnwrap(store.answerReport(node: "score").groups.first?.numbers)
        XCTAssertEqual([score.min, score.lowerQuartile, score.median, score.upperQuartile, score.max], [3, 6, 8, 9, 10])
        XCTAssertEqual(score.mean, Decimal(string: "7.2"))

        // By operator: olga 6, 9, 10 (median 9); petr 3, 8 (median at 0.5: 3 + 0.5 * 5 = 5.5).
        let byOperator = try store.answerReport(node: "score", by: .operator).groups
        XCTAssertEqual(byOperator.map(\.key), ["olga", "petr"])
        XCTAssertEqual(byOperator.map { $0.numbers?.median }, [9, Decimal(string: "5.5")])
    }

    func testTextsAreTrimmedAndCaseFolded() throws {
        let comment = try XCTUnwrap(storeSixCalls().answerReport(node: "comment").groups.first)
        // "  Too expensive ", "too EXPENSIVE", "Too expensive" are one answer.
        XCTAssertEqual(comment.texts, [.init(text: "too expensive", count: 3), .init(text: "fast delivery", count: 1)])
        XCTAssertEqual([comment.answered, comment.unanswered], [4, 2])
    }

    func testScriptsAreAddedUpOnlyWhenTheQuestionIsTheSame() throws {
        let store = try storeSixCalls()
        var visit = record("v1", card: nil, script: "visit")
        visit.answers = [.init(node: "need", value: .string("service"))]
        try store.storeCall(visit, cardChanges: [:], baseline: nil, transitions: nil,
                            questions: [StoredQuestion(node: "need", type: .choice, options: [.init(key: "filters", label: "Filters"), .init(key: "service", label: "Service")])])
        var again = record("o7", card: nil, script: "order2")
        again.answers = [.init(node: "budget", value: .number(1000))]
        try store.storeCall(again, cardChanges: [:], baseline: nil, transitions: nil, questions: Self.questions)

        XCTAssertThrowsError(try store.answerReport(node: "need")) { error in
            XCTAssertEqual((error as? AnswerReportError)?.description,
                           "'need' is a different question in order (choice: filters, pump, tap), order2 (choice: filters, pump, tap), visit (choice: filters, service); give --script to choose one")
        }
        XCTAssertEqual(try store.answerReport(node: "need", CallFilter(script: "visit")).groups.first?.options.map(\.count), [0, 1])
        // budget is the same number question in order and order2: 4 + 1 answers.
        let budget = try store.answerReport(node: "budget")
        XCTAssertEqual(budget.scripts, ["order", "order2"])
        XCTAssertEqual(budget.groups.first?.numbers?.max, 1000)
        XCTAssertThrowsError(try store.answerReport(node: "nope", CallFilter(script: "visit"))) { error in
            XCTAssertEqual((error as? AnswerReportError)?.description,
                           "no question 'nope' in script 'visit' (the store keeps the questions of the script versions it has calls of); its questions are need")
        }
    }

    func testAnEmptyPeriodCountsNothing() throws {
        let store = try storeSixCalls()
        let report = try store.answerReport(node: "score", CallFilter(sinceDay: "2030-01-01"))
        XCTAssertEqual(report.groups.count, 1)
        let group = try XCTUnwrap(report.groups.first)
        XCTAssertEqual([group.calls, group.answered, group.skipped, group.unanswered], [0, 0, 0, 0])
        XCTAssertNil(group.numbers)
        XCTAssertEqual(try store.answerReport(node: "score", CallFilter(operator: "nobody"), by: .operator).groups, [])
    }

    func testAForgottenClientsTextAnswerIsNoLongerListed() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        let card = try store.createCard(["name": .string("Ivan")])
        var call = record("1", card: card.id)
        call.answers = [.init(node: "comment", value: .string("Ivan Petrov, flat 5")), .init(node: "score", value: .number(9))]
        try store.storeCall(call, cardChanges: [:], baseline: nil, transitions: nil, questions: Self.questions)
        XCTAssertEqual(try store.answerReport(node: "comment").groups.first?.texts.map(\.text), ["ivan petrov, flat 5"])
        _ = try store.forget(card.id, answerType: { _, node in Self.questions.first { $0.node == node }?.type })
        // Erased (null) like a skipped question; the NPS score stays.
        let comment = try XCTUnwrap(store.answerReport(node: "comment").groups.first)
        XCTAssertEqual(comment.texts, [])
        XCTAssertEqual([comment.answered, comment.skipped], [0, 1])
        XCTAssertEqual(try store.answerReport(node: "score").groups.first?.numbers?.median, 9)
    }

    func testVersionsAreGroupedInTheOrderTheyWereFirstUsed() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        for (id, version, score) in [("1", "1", 4), ("2", "2", 9), ("3", "2", 10)] {
            var call = record(id, card: nil, start: Date(timeIntervalSince1970: 1_714_550_400 + Double(id)! * 60))
            call.scriptVersion = version
            call.answers = [.init(node: "score", value: .number(Decimal(score)))]
            try store.storeCall(call, cardChanges: [:], baseline: nil, transitions: nil, questions: Self.questions)
        }
        let groups = try store.answerReport(node: "score", by: .version).groups
        XCTAssertEqual(groups.map(\.key), ["order@1", "order@2"])
        // order@2: 9 and 10, median at rank 0.5 = 9.5.
        XCTAssertEqual(groups.map { $0.numbers?.median }, [4, Decimal(string: "9.5")])
    }
}
