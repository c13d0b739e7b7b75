import Foundation
import Glibc
import XCTest

/// Paths that cannot be used as asked (issue 10, defect 9): each command
/// says so in one sentence naming the path, exits 2 at once, and creates
/// nothing the user did not ask for.
final class EndToEndUnusablePathTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    /// Exit 2, nothing on stdout, one line on stderr naming `path` and saying `words`.
    private func assertRefused(
        _ result: ProcessResult, naming path: String, saying words: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertFalse(result.timedOut, "still running after the timeout", file: file, line: line)
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(path), result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(words), result.stderr, file: file, line: line)
        XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain") || result.stderr.contains("The operation could not"),
                       result.stderr, file: file, line: line)
    }

    func testAProcFileThatCannotBeReadIsNamedWithTheSystemsReason() throws {
        let result = try sandbox.callguide(["check", "/proc/self/mem"])
        assertRefused(result, naming: "/proc/self/mem", saying: "cannot be read: Input/output error")
    }

    func testInitInAFolderThatRefusesNewFolders() throws {
        let result = try sandbox.callguide(["init", "/proc/callguide-workspace"])
        assertRefused(result, naming: "/proc/callguide-workspace", saying: "/proc does not accept new folders")
    }

    func testInitDoesNotCreateMissingParentFolders() throws {
        let result = try sandbox.callguide(["init", sandbox.path("missing/workspace")])
        assertRefused(result, naming: sandbox.path("missing/workspace"), saying: "does not exist")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.path("missing")))
    }

    func testADeviceAsTheDatabaseIsRefusedAndNoJournalIsLeft() throws {
        let script = try sandbox.exampleScript()
        let journal = "/dev/null-journal"
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal), "left by an earlier run")
        defer {
            // Only a regular file (as SQLite leaves) is removed.
            var status = stat()
            if lstat(journal, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG { unlink(journal) }
        }
        let result = try sandbox.callguide(["run", script, "--db", "/dev/null"], input: "1\n")
        assertRefused(result, naming: "/dev/null", saying: "is a character device, not a regular file")
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal))
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.path("transcripts")), "no transcript for a call that cannot start")
        for command in [["calls"], ["card", "find", "x"], ["report"]] {
            let listed = try sandbox.callguide(command + ["--db", "/dev/null"])
            assertRefused(listed, naming: "/dev/null", saying: "not a regular file")
        }
    }

    func testAFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let fifo = sandbox.path("script.yaml")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let script = try sandbox.exampleScript()
        for arguments in [["check", fifo], ["run", fifo], ["graph", fifo], ["card", "import", fifo], ["replay", script, fifo]] {
            let result = try sandbox.callguide(arguments, timeout: 10)
            XCTAssertFalse(result.timedOut, "\(arguments) blocked on the FIFO")
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            let said = result.stdout + result.stderr
            XCTAssertTrue(said.contains("\(fifo): is a FIFO (named pipe), not a regular file")
                          || (arguments[0] == "replay" && said.contains("\(fifo): is not a regular file")),
                          "\(arguments): \(said)")
        }
    }

    func testAnExplicitTranscriptPathNeverCreatesFolders() throws {
        let script = try sandbox.exampleScript()
        let transcript = sandbox.path("nonexist/deeper/x.jsonl")
        let result = try sandbox.callguide(["run", script, "--transcript", transcript], input: "1\n")
        assertRefused(result, naming: transcript, saying: "the folder \(sandbox.path("nonexist/deeper")) does not exist")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.path("nonexist")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.path("callguide.db")), "no database for a call that cannot start")
    }
}
