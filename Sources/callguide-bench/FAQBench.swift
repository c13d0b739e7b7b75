import CallGuide
import CallGuideStore
import Foundation

/// Typical questions (issue 14 item 5, issue 15): a `?WORDS` lookup among
/// 1,000 entries (an operator waits for it mid-call), and `report faq` over
/// 1,000,000 stored calls on SQLite (reports.md 4: under 1 s).
enum FAQBench {
    static func run(quick: Bool) -> [Figure] {
        lookup(entries: quick ? 200 : 1_000) + report(calls: quick ? 50_000 : 1_000_000)
    }

    static let words = ["delivery", "warranty", "payment", "card", "cash", "courier", "sunday", "return", "repair", "filter",
                        "доставка", "гарантия", "оплата", "картой", "курьер", "возврат", "ремонт", "п'ятниця", "доставку", "гарантію"]

    static func lookup(entries count: Int) -> [Figure] {
        let entries = (0..<count).map { i in
            FAQEntry(id: "q\(i)", question: LocalizedLabel("\(words[i % words.count]) \(words[(i / 3) % words.count]) question \(i)?"),
                     answer: LocalizedLabel("Answer \(i): \(words[(i / 7) % words.count]) and \(words[(i / 11) % words.count])."),
                     tags: [words[(i / 13) % words.count]])
        }
        let prepareStart = Date()
        let search = FAQSearch(entries: entries)
        let prepare = Date().timeIntervalSince(prepareStart)
        let queries = ["deliv", "ГАРАНТ", "pay card", "zzz", "п'ятн", "question 5", "answer", "courier sunday"]
        let rounds = 200
        var shown = 0
        let start = Date()
        for round in 0..<rounds { shown += search.matches(for: queries[round % queries.count]).count }
        let perLookup = Date().timeIntervalSince(start) * 1000 / Double(rounds)
        Report.note("faq: \(count) entries, \(rounds) lookups, \(shown) entries shown")
        return [
            Figure(name: "faq: prepare \(count) entries", value: prepare * 1000, unit: "ms", target: .none),
            Figure(name: "faq: one ?WORDS lookup, \(count) entries", value: perLookup, unit: "ms", target: .atMost(50)),
        ]
    }

    static func report(calls: Int) -> [Figure] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callguide-faq-bench-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let store = try CardStore(path: folder.appendingPathComponent("bench.db").path, durability: .processCrashes)
            let fillStart = Date()
            let lookups = try FAQBenchmark.insertCalls(calls, into: store)
            let fill = Date().timeIntervalSince(fillStart)
            // Wall time is the target; CPU time beside it tells what a busy
            // shared machine added (the report runs on one thread).
            func time(_ filter: CallFilter) throws -> (wall: Double, cpu: Double) {
                _ = try store.faqReport(filter)
                let repetitions = 3.0
                let cost = try Clock.wallAndCPU { for _ in 0..<Int(repetitions) { _ = try store.faqReport(filter) } }
                return (cost.wall / repetitions, cost.cpu / repetitions)
            }
            let cases: [(String, CallFilter)] = [
                ("all", CallFilter()),
                ("--since 30d", CallFilter(sinceDay: store.day(of: Date().addingTimeInterval(-29 * 86_400)))),
                ("--operator", CallFilter(operator: "op7")),
            ]
            Report.note("faq: \(calls) calls, \(lookups) lookups stored in \(String(format: "%.1f", fill)) s (one transaction)")
            var figures: [Figure] = []
            for (name, filter) in cases {
                let cost = try time(filter)
                figures.append(Figure(name: "report faq: \(calls) calls, \(name)", value: cost.wall, unit: "s", target: .atMost(1)))
                figures.append(Figure(name: "report faq: \(calls) calls, \(name), CPU", value: cost.cpu, unit: "s", target: .none))
            }
            return figures
        } catch {
            return [Figure(name: "faq benchmark failed: \(error)", value: .nan, unit: "", target: .none)]
        }
    }
}
