import CallGuide
import CallGuideStore
import Foundation
import XCTest

class StoreConcurrencyTests: StoreTestCase {
    /// Eight writers, each with its own connection, store 200 calls each
    /// (and touch one shared card) into one file: none is lost and none
    /// fails with "database is locked".
    func testEightConcurrentWritersLoseNothing() throws {
        let path = try storeLocation()
        let cardId = try makeStore().createCard(["name": .string("Shared")]).id
        let failures = FailureLog()
        DispatchQueue.concurrentPerform(iterations: 8) { writer in
            do {
                let store = try CardStore(path: path, busyTimeout: 30)
                for i in 0..<200 {
                    let start = Date()
                    let call = CallRecord(
                        id: "w\(writer)-\(i)", cardId: i % 10 == 0 ? cardId : nil, operator: "op\(writer)", scriptId: "order",
                        startedAt: start, endedAt: start, outcome: "sale")
                    try store.storeCall(
                        call, cardChanges: i % 10 == 0 ? ["region": .string("r\(writer)")] : [:], cardRevisionAtStart: nil,
                        transitions: nil)
                }
            } catch {
                failures.add("writer \(writer): \(error)")
            }
        }
        XCTAssertEqual(failures.messages, [])
        let store = try makeStore()
        XCTAssertEqual(try store.callCount(), 1600)
        XCTAssertEqual(try store.report(groupBy: .operator).map(\.calls), Array(repeating: 200, count: 8))
        // Every call that touched the card is there, and the card took at least one change.
        XCTAssertEqual(try store.calls(CallFilter(cardId: cardId)).count, 8 * 20)
        XCTAssertGreaterThan(try XCTUnwrap(store.card(cardId)).revision, 1)
    }

    func testWritersOpeningANewFileTogetherAllSucceed() throws {
        let path = try storeLocation("fresh.db")
        let failures = FailureLog()
        DispatchQueue.concurrentPerform(iterations: 8) { writer in
            do {
                let store = try CardStore(path: path, busyTimeout: 30)
                _ = try store.createCard(["name": .string("writer \(writer)")])
            } catch {
                failures.add("writer \(writer): \(error)")
            }
        }
        XCTAssertEqual(failures.messages, [])
        XCTAssertEqual(try CardStore(path: path).cardCount(), 8)
    }
}

final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ message: String) { lock.withLock { list.append(message) } }
    var messages: [String] { lock.withLock { list } }
}
