import CallGuideCLI
import Foundation
import Glibc
import XCTest

final class PipeLineReaderTests: XCTestCase {
    /// Reads every event from `bytes` (served from a file) up to the first
    /// `.endOfInput`, and checks that end of input is sticky.
    private func events(from bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> [InputEvent] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-reader-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(fd, 0, file: file, line: line)
        defer { close(fd) }
        let reader = PipeLineReader(fd: fd)
        var result: [InputEvent] = []
        for _ in 0..<100_000 {
            let event = reader.readLine(prompt: "ignored> ")
            result.append(event)
            if event == .endOfInput { break }
        }
        XCTAssertEqual(reader.readLine(prompt: ""), .endOfInput, "end of input is sticky", file: file, line: line)
        return result
    }

    func testSplitsLinesOnNewline() throws {
        XCTAssertEqual(try events(from: Array("one\ntwo\n\nthree\n".utf8)),
                       [.line("one"), .line("two"), .line(""), .line("three"), .endOfInput])
    }

    func testStripsCarriageReturnOfCRLF() throws {
        XCTAssertEqual(try events(from: Array("yes\r\nno\r\n".utf8)), [.line("yes"), .line("no"), .endOfInput])
    }

    func testKeepsCarriageReturnInsideALine() throws {
        XCTAssertEqual(try events(from: Array("a\rb\n".utf8)), [.line("a\rb"), .endOfInput])
    }

    func testReturnsFinalUnterminatedLine() throws {
        XCTAssertEqual(try events(from: Array("first\nlast".utf8)), [.line("first"), .line("last"), .endOfInput])
        XCTAssertEqual(try events(from: Array("last\r".utf8)), [.line("last"), .endOfInput])
    }

    func testEmptyInputIsEndOfInputAtOnce() throws {
        XCTAssertEqual(try events(from: []), [.endOfInput])
    }

    func testInvalidUTF8BecomesReplacementCharacters() throws {
        XCTAssertEqual(try events(from: [0x6F, 0x6B, 0xFF, 0xC3, 0x0A, 0xC3, 0xA9, 0x0A]),
                       [.line("ok\u{FFFD}\u{FFFD}"), .line("é"), .endOfInput])
    }

    func testOneMegabyteLineAndManyShortLines() throws {
        let long = String(repeating: "x", count: 1 << 20)
        var input = Array((long + "\n").utf8)
        for number in 0..<20_000 { input += Array("\(number)\n".utf8) }
        let result = try events(from: input)
        XCTAssertEqual(result.count, 1 + 20_000 + 1)
        guard result.count == 1 + 20_000 + 1 else { return }
        XCTAssertEqual(result.first, .line(long))
        XCTAssertEqual(result[1], .line("0"))
        XCTAssertEqual(result[20_000], .line("19999"))
        XCTAssertEqual(result.last, .endOfInput)
    }

    func testReadsFromAPipeAndRetriesAfterEINTR() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd) }

        // A handler without SA_RESTART makes the blocked read(2) fail with EINTR.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(SIGUSR1, &action, &previous)
        defer { sigaction(SIGUSR1, &previous, nil) }

        let readingThread = pthread_self()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
            pthread_kill(readingThread, SIGUSR1)
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
                _ = "after signal\nlast".withCString { write(writeEnd, $0, strlen($0)) }
                close(writeEnd)
            }
        }
        let reader = PipeLineReader(fd: readEnd)
        XCTAssertEqual(reader.readLine(prompt: ""), .line("after signal"))
        XCTAssertEqual(reader.readLine(prompt: ""), .line("last"))
        XCTAssertEqual(reader.readLine(prompt: ""), .endOfInput)
    }

    func testMakeLineReaderChoosesPipeReaderWhenNotATerminal() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        XCTAssertTrue(makeLineReader(input: fds[0], output: fds[1]) is PipeLineReader)
    }
}
