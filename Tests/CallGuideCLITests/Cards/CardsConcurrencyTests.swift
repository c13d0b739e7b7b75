import CallGuide
import Foundation
import XCTest

/// Eight writer processes, one database: no call lost, no busy failure.
final class CardsConcurrencyTests: XCTestCase {
    func testEightProcessesStoringTwoHundredCallsEachLoseNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cards-concurrency-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/callguide.db"
        let writers = try (0..<8).map { index in
            try LiveCallguide(["__store-calls", "200", "--db", database, "--operator", "w\(index)"], in: folder)
        }
        for (index, writer) in writers.enumerated() {
            XCTAssertEqual(writer.finish(timeout: 60), 0, "writer \(index): \(writer.output)")
            XCTAssertFalse(writer.output.contains("locked"), writer.output)
        }
        let listing = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["calls", "--format", "json", "--db", database])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        let calls = try JSONParser.parse(listing.stdout).elements
        XCTAssertEqual(calls.count, 1600)
        XCTAssertEqual(Set(calls.compactMap { $0["id"]?.string }).count, 1600)
        for index in 0..<8 {
            XCTAssertEqual(calls.filter { $0["operator"]?.string == "w\(index)" }.count, 200, "writer \(index)")
        }
        XCTAssertEqual(Set(calls.compactMap { $0["card"]?.string }), ["C000001"], "all on one shared card, created once")
        let help = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["--help"])
        XCTAssertFalse(help.stdout.contains("__store-calls"), "the harness stays hidden")
    }
}
