import Foundation
import XCTest

/// Drives `callguide __line-echo` with standard input piped, as scripted runs do.
final class LineEchoPipeTests: XCTestCase {
    private func echo(_ input: [UInt8]) throws -> ProcessResult {
        let result = try ProcessRunner.run(BuiltProducts.callguide, arguments: ["__line-echo"], input: Data(input))
        XCTAssertFalse(result.timedOut, "callguide __line-echo did not finish")
        XCTAssertEqual(result.status, 0, result.stderr)
        return result
    }

    func testEchoesEachLineWithoutAnyPrompt() throws {
        let result = try echo(Array("one\ntwo\r\nthree".utf8))
        XCTAssertEqual(result.stdout, "line: one\nline: two\nline: three\nend\n")
        XCTAssertFalse(result.stdout.contains("echo>"))
        XCTAssertEqual(result.stderr, "")
    }

    func testEmptyInputEndsAtOnce() throws {
        XCTAssertEqual(try echo([]).stdout, "end\n")
    }

    func testInvalidUTF8DoesNotCrash() throws {
        XCTAssertEqual(try echo([0x61, 0xFF, 0xFE, 0x0A]).stdout, "line: a\u{FFFD}\u{FFFD}\nend\n")
    }

    func testControlCharactersAreNeutralizedInTheEcho() throws {
        XCTAssertEqual(try echo(Array("\u{1b}[2Jred\u{7}\n".utf8)).stdout, "line: ^[[2Jred^G\nend\n")
    }

    func testOneMegabyteLine() throws {
        let long = String(repeating: "é", count: 1 << 19)  // 1 MiB of UTF-8
        let result = try echo(Array((long + "\nshort\n").utf8))
        XCTAssertEqual(result.stdout, "line: \(long)\nline: short\nend\n")
    }
}
