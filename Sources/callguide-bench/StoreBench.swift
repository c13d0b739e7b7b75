import CallGuide
import CallGuideStore
import Foundation

/// Issue 5: store 100,000 calls (each in its own transaction, as `run`
/// stores them), and `card find` on 1,000,000 cards by a partial phone and
/// by part of a name. Target: under 50 ms per search.
enum StoreBench {
    static func run(quick: Bool) -> [Figure] {
        let cards = quick ? 20_000 : 1_000_000
        let calls = quick ? 2_000 : 100_000
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callguide-store-bench-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bench.db").path
        do {
            let search = try StoreBenchmark.run(path: path, cardCount: cards, repetitions: 20)
            // The history: calls stored one transaction each; in bulk without
            // waiting for the disk, then a sample as `run` stores them.
            let bulk = try storeCalls(calls, from: 0, in: CardStore(path: path, durability: .processCrashes))
            let durable = try storeCalls(200, from: calls, in: CardStore(path: path))
            let searchAfter = try StoreBenchmark.search(path: path, cardCount: cards, repetitions: 20)
            return [
                Figure(name: "store: insert \(cards) cards", value: search.insertSeconds, unit: "s", target: .none),
                Figure(name: "store: store \(calls) calls", value: bulk, unit: "s", target: .none),
                Figure(name: "store: one durable call (fsync)", value: durable * 1000 / 200, unit: "ms", target: .none),
                Figure(name: "card find: partial phone", value: searchAfter.phoneSearchMilliseconds, unit: "ms", target: .atMost(50)),
                Figure(name: "card find: part of a name", value: searchAfter.nameSearchMilliseconds, unit: "ms", target: .atMost(50)),
                Figure(name: "card find: 2-character scan", value: searchAfter.shortSearchMilliseconds, unit: "ms", target: .none),
            ]
        } catch {
            return [Figure(name: "store benchmark failed: \(error)", value: .nan, unit: "", target: .none)]
        }
    }

    /// Stores `count` calls spread over the first thousand cards.
    static func storeCalls(_ count: Int, from first: Int, in store: CardStore) throws -> Double {
        let ids = try store.searchCards(text: "enko", limit: 1000).map(\.id)
        let start = Date()
        for i in first..<(first + count) {
            let began = Date()
            let record = CallRecord(
                id: "bench-\(i)", cardId: ids.isEmpty ? nil : ids[i % ids.count], operator: "op\(i % 20)",
                scriptId: "inbound_order", scriptVersion: "3", startedAt: began, endedAt: began.addingTimeInterval(180),
                outcome: i % 3 == 0 ? "sale" : "no_sale", converted: i % 3 == 0,
                answers: [.init(node: "budget", value: .number(Decimal(100 + i % 900))), .init(node: "nps", value: .number(Decimal(i % 11)))],
                npsScore: i % 11, offers: [.init(node: "upsell_filters", accepted: i % 2 == 0)])
            _ = try store.storeCall(record, cardChanges: [:], cardRevisionAtStart: nil, transitions: nil)
        }
        return Date().timeIntervalSince(start)
    }
}
