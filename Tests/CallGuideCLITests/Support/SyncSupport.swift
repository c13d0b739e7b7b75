import CallGuide
import Foundation
import XCTest

extension WorkspaceFixture {
    /// The workspace's transcripts, oldest first by name.
    var transcripts: [String] {
        let folder = root + "/transcripts"
        let found = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".jsonl") }
        return found.sorted().map { folder + "/" + $0 }
    }

    /// The transcript of the call made by `operatorName`.
    func transcript(of operatorName: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let matching = transcripts.filter { transcriptEvents($0).first?["operator"]?.string == operatorName }
        XCTAssertEqual(matching.count, 1, "\(operatorName): \(transcripts)", file: file, line: line)
        return try XCTUnwrap(matching.first, file: file, line: line)
    }
}

/// `sync`'s summary line: how many calls it stored.
func storedCount(_ output: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
    guard let summary = output.split(separator: "\n").first(where: { $0.hasPrefix("Stored ") }),
          let count = Int(summary.dropFirst("Stored ".count).prefix { $0.isNumber }) else {
        XCTFail("no summary in: \(output)", file: file, line: line)
        return -1
    }
    return count
}

/// Two `sync` processes at once over the same transcripts and store:
/// both succeed, and between them every call is stored exactly once.
func assertTwoSyncsStoreEachCallOnce(_ workspace: WorkspaceFixture, calls expected: Int, file: StaticString = #filePath, line: UInt = #line) throws {
    let syncs = try (0..<2).map { _ in try LiveCallguide(["sync", "--db", workspace.database], in: workspace.root) }
    for sync in syncs { XCTAssertEqual(sync.finish(timeout: 120), 0, sync.output, file: file, line: line) }
    XCTAssertEqual(syncs.map { storedCount($0.output, file: file, line: line) }.reduce(0, +), expected,
                   syncs.map(\.output).joined(separator: "\n---\n"), file: file, line: line)
    let calls = try workspace.calls(file: file, line: line)
    XCTAssertEqual(calls.count, expected, file: file, line: line)
    XCTAssertEqual(Set(calls.compactMap { $0["id"]?.string }).count, expected, file: file, line: line)
    let again = try workspace.callguide(["sync", "--db", workspace.database])
    XCTAssertEqual(again.status, 0, again.stderr, file: file, line: line)
    XCTAssertTrue(again.stdout.hasPrefix("Stored 0 calls in "), again.stdout, file: file, line: line)
    XCTAssertTrue(again.stdout.hasSuffix("; \(expected) already stored.\n"), again.stdout, file: file, line: line)
}
