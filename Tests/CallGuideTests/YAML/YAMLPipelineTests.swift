import XCTest
@testable import CallGuide

/// Large inputs are read by libyaml on a second thread: the tree, and every
/// error, must be exactly what reading on one thread gives.
final class YAMLPipelineTests: XCTestCase {
    /// One block with every feature the builder handles; repeated past the
    /// pipeline threshold and across many chunks.
    private func block(_ i: Int) -> String {
        """
        b\(i):
          plain: hello \(i)
          int: \(i)
          float: 1.5
          yes: yes
          nothing: ~
          single: 'it''s'
          double: "tab\\there {x}"
          literal: |
            line one
            line two
          folded: >
            folded
            text
          tagged: !!str 12
          custom: !note text
          anchored: &a\(i) {k: v, n: [1, 2]}
          alias: *a\(i)
          merged:
            <<: *a\(i)
            own: 1
          cyrillic: "Здравствуйте"
          flow: [a, {b: c}, [d]]

        """
    }

    private func bigDocument(blocks: Int = 400) -> [UInt8] {
        Array((0..<blocks).map(block).joined().utf8)
    }

    private func dump(_ document: YAMLDocument) -> [String] {
        var lines: [String] = document.duplicateKeys.map { "dup \($0.key) \($0.location) \($0.firstLocation)" }
        guard let root = document.root else { return lines + ["empty"] }
        var stack: [(YAMLNode, Int)] = [(root, 0)]
        while let (node, depth) = stack.popLast() {
            let head = String(repeating: " ", count: depth) + "\(node.start)-\(node.end) \(node.tag ?? "")"
            switch node.content {
            case .scalar(let scalar):
                lines.append(head + " \(scalar.style) \(scalar.resolved) \(scalar.text)")
            case .sequence(let items):
                lines.append(head + " seq \(items.count)")
                stack += items.reversed().map { ($0, depth + 1) }
            case .mapping(let pairs):
                lines.append(head + " map \(pairs.count)")
                for pair in pairs.reversed() { stack += [(pair.value, depth + 1), (pair.key, depth + 1)] }
            }
        }
        return lines
    }

    private func error(_ bytes: [UInt8], _ reading: YAMLParser.Reading) -> YAMLError? {
        do {
            _ = try YAMLParser.parse(bytes, limits: YAMLLimits(), reading: reading)
            return nil
        } catch {
            return error
        }
    }

    func testSecondThreadBuildsTheSameTree() throws {
        let bytes = bigDocument()
        XCTAssertGreaterThan(bytes.count, YAMLParser.pipelineThreshold)
        let one = dump(try YAMLParser.parse(bytes, limits: YAMLLimits(), reading: .sameThread))
        let two = dump(try YAMLParser.parse(bytes, limits: YAMLLimits(), reading: .secondThread))
        XCTAssertGreaterThan(one.count, 400 * 40)
        XCTAssertEqual(one, two)
        XCTAssertTrue(two.contains { $0.hasSuffix("doubleQuoted string(\"Здравствуйте\") Здравствуйте") }, "\(two.prefix(30))")
    }

    func testSmallAndEmptyInputsOnTheSecondThread() throws {
        XCTAssertNil(try YAMLParser.parse([], limits: YAMLLimits(), reading: .secondThread).root)
        let small = Array("a: [1, 2]\n".utf8)
        XCTAssertEqual(dump(try YAMLParser.parse(small, limits: YAMLLimits(), reading: .secondThread)),
                       dump(try YAMLParser.parse(small, limits: YAMLLimits(), reading: .sameThread)))
    }

    func testDuplicateKeysAreFoundOnBothPaths() throws {
        let bytes = bigDocument(blocks: 300) + Array("b7: again\n".utf8)
        let document = try YAMLParser.parse(bytes, limits: YAMLLimits(), reading: .secondThread)
        XCTAssertEqual(document.duplicateKeys.map(\.key), ["b7"])
        XCTAssertEqual(dump(document), dump(try YAMLParser.parse(bytes, limits: YAMLLimits(), reading: .sameThread)))
    }

    func testLibYAMLErrorAtTheEndIsTheSame() {
        let bytes = bigDocument() + Array("broken: [1, 2\n".utf8)
        let one = error(bytes, .sameThread)
        XCTAssertNotNil(one)
        XCTAssertEqual(one, error(bytes, .secondThread))
        XCTAssertGreaterThan(one?.location.line ?? 0, 400 * 20)
    }

    func testBuilderErrorEarlyStopsTheReader() {
        // An undefined alias near the start of a big file: the builder
        // throws while libyaml is still reading, and the reader must stop.
        let bytes = Array("first: *nowhere\n".utf8) + bigDocument(blocks: 2_000)
        let two = error(bytes, .secondThread)
        XCTAssertEqual(two?.location, loc(1, 8))
        XCTAssertEqual(two, error(bytes, .sameThread))
    }

    func testDeepNestingAfterABigPrefixStopsAtLevel129() {
        let bytes = bigDocument() + Array("deep: ".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let two = error(bytes, .secondThread)
        XCTAssertEqual(two?.message, "the document nests deeper than 128 levels")
        XCTAssertEqual(two, error(bytes, .sameThread))
    }

    func testInvalidUTF8IsReportedBeforeLibYAMLsError() {
        var bytes = bigDocument()
        bytes += Array("bad: \"".utf8) + [0xFF] + Array("\"\n".utf8)
        let two = error(bytes, .secondThread)
        XCTAssertEqual(two?.message, "the file is not UTF-8 text (invalid byte 0xFF)")
        XCTAssertEqual(two, error(bytes, .sameThread))
    }

    func testSecondDocumentIsRefusedOnBothPaths() {
        let bytes = bigDocument() + Array("---\nsecond: 1\n".utf8)
        let two = error(bytes, .secondThread)
        XCTAssertEqual(two?.message, "a script file holds one YAML document")
        XCTAssertEqual(two, error(bytes, .sameThread))
    }

    func testAutomaticReadingUsesTheThresholdWithoutChangingResults() throws {
        let bytes = bigDocument(blocks: 60)
        XCTAssertEqual(dump(try YAMLParser.parse(bytes)),
                       dump(try YAMLParser.parse(bytes, limits: YAMLLimits(), reading: .sameThread)))
    }
}
