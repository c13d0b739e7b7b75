import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// A fresh folder per test, removed afterwards.
class StoreTestCase: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("callguide-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func dbPath(_ name: String = "callguide.db") -> String {
        folder.appendingPathComponent(name).path
    }

    func makeStore(_ schema: CardSchema = CardSchema()) throws -> CardStore {
        try CardStore(path: dbPath(), schema: schema)
    }

    func assertStoreError(_ expected: StoreError, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertEqual(error, expected, file: file, line: line)
        } catch {
            XCTFail("expected \(expected), got \(error)", file: file, line: line)
        }
    }

    func record(
        _ id: String, card: String?, operator op: String = "olga", script: String = "order", start: Date = Date(timeIntervalSince1970: 1_714_550_400),
        seconds: Double = 60, outcome: String = "sale", converted: Bool = false, nps: Int? = nil, offers: [Bool] = []
    ) -> CallRecord {
        CallRecord(
            id: id, cardId: card, operator: op, scriptId: script, scriptVersion: "1", startedAt: start,
            endedAt: start.addingTimeInterval(seconds), outcome: outcome, converted: converted,
            answers: [.init(node: "name", value: .string("Ivan"))], notes: ["called back"], npsScore: nps,
            offers: offers.enumerated().map { .init(node: "upsell\($0.offset)", item: [ItemEntry(key: "sku", value: .string("X1"))], accepted: $0.element) })
    }
}

extension CardFieldDeclaration {
    static func field(_ name: String, _ type: AnswerType, _ options: [String] = []) -> CardFieldDeclaration {
        CardFieldDeclaration(name: name, type: type, options: options, location: .unknown)
    }
}
