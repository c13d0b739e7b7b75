import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// `report faq` over a small set of calls whose figures were counted by
/// hand (see the comments), and an empty period. Runs on SQLite here and
/// on PostgreSQL in `PostgresStoreFAQReportTests`.
class StoreFAQReportTests: StoreTestCase {
    private let day1 = Date(timeIntervalSince1970: 1_714_550_400)  // 2024-05-01 08:00 UTC
    private var day2: Date { day1.addingTimeInterval(86_400) }

    private typealias Lookup = CallRecord.FAQLookupRecord

    private func lookup(_ query: String, _ shown: [(String, String)] = []) -> Lookup {
        Lookup(query: query, shown: shown.map { .init(entry: $0.0, question: $0.1) })
    }

    private let delivery = ("delivery", "Сколько идёт доставка?")
    private let card = ("#3", "Можно ли оплатить картой?")
    private let warranty = ("#2", "Есть ли гарантия?")

    /// Eight lookups in four calls (a fifth call has none):
    /// 1 olga/order/day1: доставка -> delivery, #3; телепорт -> nothing
    /// 2 olga/order/day1: ДОСТАВКА -> delivery; Телепорт! -> nothing
    /// 3 petr/order/day2: гарантия -> #2; карт -> #3; рассрочка -> nothing
    /// 4 petr/service/day2: доставка -> delivery (another script's entry)
    private func storeCalls(_ store: CardStore) throws {
        var calls = [
            record("1", card: nil, operator: "olga", start: day1), record("2", card: nil, operator: "olga", start: day1),
            record("3", card: nil, operator: "petr", start: day2),
            record("4", card: nil, operator: "petr", script: "service", start: day2),
            record("5", card: nil, operator: "petr", start: day2),
        ]
        calls[0].faqLookups = [lookup("доставка", [delivery, card]), lookup("телепорт")]
        calls[1].faqLookups = [lookup("ДОСТАВКА", [delivery]), lookup("Телепорт!")]
        calls[2].faqLookups = [lookup("гарантия", [warranty]), lookup("карт", [card]), lookup("рассрочка")]
        calls[3].faqLookups = [lookup("доставка", [("delivery", "How long does delivery take?")])]
        for call in calls { try store.storeCall(call, cardChanges: [:], cardRevisionAtStart: nil, transitions: nil) }
    }

    private func questions(_ report: FAQReport) -> [String] {
        report.questions.map { "\($0.script)/\($0.entry) \($0.lookups) first \($0.first) calls \($0.calls)" }
    }

    func testTheQuestionsAskedMostAndTheQueriesThatFoundNothing() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        try storeCalls(store)
        let report = try store.faqReport()
        XCTAssertEqual(report.lookups, 8)
        XCTAssertEqual(report.nothingFound, 3)
        XCTAssertEqual(report.calls, 4)
        XCTAssertEqual(try XCTUnwrap(report.share(report.nothingFound)), 3.0 / 8, accuracy: 1e-9)
        // Two each for order's #3 and delivery ("#" sorts before "d"),
        // then one each; an entry id is the script's own.
        XCTAssertEqual(questions(report), [
            "order/#3 2 first 1 calls 2", "order/delivery 2 first 2 calls 2",
            "order/#2 1 first 1 calls 1", "service/delivery 1 first 1 calls 1",
        ])
        XCTAssertEqual(report.questions[1].question, "Сколько идёт доставка?")
        // "телепорт" and "Телепорт!" are the same words: one line, two lookups.
        XCTAssertEqual(report.notFound, [
            FAQReport.Query(query: "Телепорт!", lookups: 2, calls: 2), FAQReport.Query(query: "рассрочка", lookups: 1, calls: 1),
        ])
        XCTAssertEqual(try store.faqReport(limit: 1).questions.count, 1)
    }

    func testTheCommonFiltersSelectTheCalls() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        try storeCalls(store)
        let petr = try store.faqReport(CallFilter(operator: "petr"))
        XCTAssertEqual([petr.lookups, petr.nothingFound, petr.calls], [4, 1, 2])
        XCTAssertEqual(questions(petr), ["order/#2 1 first 1 calls 1", "order/#3 1 first 1 calls 1", "service/delivery 1 first 1 calls 1"])
        let secondDayOrders = try store.faqReport(CallFilter(sinceDay: "2024-05-02", script: "order"))
        XCTAssertEqual([secondDayOrders.lookups, secondDayOrders.nothingFound, secondDayOrders.calls], [3, 1, 1])
        XCTAssertEqual(secondDayOrders.notFound.map(\.query), ["рассрочка"])
        let firstDay = try store.faqReport(CallFilter(untilDay: "2024-05-01"))
        XCTAssertEqual([firstDay.lookups, firstDay.nothingFound, firstDay.calls], [4, 2, 2])
    }

    func testAnEmptyPeriodHasNoShares() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        try storeCalls(store)
        let empty = try store.faqReport(CallFilter(untilDay: "2024-04-30"))
        XCTAssertEqual(empty, FAQReport(lookups: 0, nothingFound: 0, calls: 0, questions: [], notFound: []))
        XCTAssertNil(empty.share(0))
    }

    func testALookupRepeatedInOneCallCountsOneCall() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        var call = record("1", card: nil, start: day1)
        call.faqLookups = [lookup("гарантия", [warranty]), lookup("zzz"), lookup("ГАРАНТ", [warranty, card]), lookup("ZZZ!")]
        try store.storeCall(call, cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        let report = try store.faqReport()
        XCTAssertEqual([report.lookups, report.nothingFound, report.calls], [4, 2, 1])
        XCTAssertEqual(questions(report), ["order/#2 2 first 2 calls 1", "order/#3 1 first 0 calls 1"])
        XCTAssertEqual(report.notFound, [FAQReport.Query(query: "ZZZ!", lookups: 2, calls: 1)])
    }

    func testTheLookupsAreStoredWithTheCall() throws {
        let store = try openStore(timeZone: TimeZone(identifier: "UTC")!)
        try storeCalls(store)
        XCTAssertEqual(try store.call("1")?.faqLookups, [lookup("доставка", [delivery, card]), lookup("телепорт")])
        XCTAssertEqual(try store.call("5")?.faqLookups, [])
    }
}
