import CallGuide
import Foundation
import Glibc
import XCTest
@testable import CallGuideCLI

/// The transcript lock in one process: a second holder is refused with the
/// first one's name, and a released lock can be taken again.
final class TranscriptLockTests: XCTestCase {
    private var directory = ""
    private var path = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "callguide-lock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/call.jsonl"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("{}\n".utf8)))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private let ann = TranscriptLock.Holder(pid: 4242, operator: "Ann", host: "desk-7", since: "2026-11-23T10:15:00.120Z")

    func testASecondHolderIsRefusedNamingTheFirst() throws {
        let first = try TranscriptLock.acquire(path, holder: ann)
        XCTAssertEqual(TranscriptLock.readHolder(of: path), ann)
        XCTAssertThrowsError(try TranscriptLock.acquire(path, holder: .current(operator: "Bo"))) { error in
            XCTAssertEqual((error as? TranscriptFileError)?.description,
                           "\(path): this call is in use by pid 4242, operator Ann on host desk-7, since 2026-11-23T10:15:00.120Z; it cannot be taken over while that process runs")
        }
        first.release()
        XCTAssertNil(TranscriptLock.readHolder(of: path), "the note goes with the lock")
        let again = try TranscriptLock.acquire(path, holder: .current(operator: "Bo"))
        XCTAssertEqual(TranscriptLock.readHolder(of: path)?.operator, "Bo")
        XCTAssertEqual(TranscriptLock.readHolder(of: path)?.pid, getpid())
        again.release()
    }

    func testAStaleNoteDoesNotBlockAndADamagedOneIsNotTrusted() throws {
        try Data("{\"pid\":1,\"operator\":\"gone\",\"host\":\"h\",\"since\":\"x\"}\n".utf8).write(to: URL(fileURLWithPath: path + ".lock"))
        let lock = try TranscriptLock.acquire(path, holder: ann)
        XCTAssertEqual(TranscriptLock.readHolder(of: path), ann, "a note left by a killed process is replaced")
        try Data("{\"pid\":99999999999999999999,\"operator\":\"x\",\"host\":\"h\",\"since\":\"x\"}".utf8).write(to: URL(fileURLWithPath: path + ".lock"))
        XCTAssertNil(TranscriptLock.readHolder(of: path))
        XCTAssertThrowsError(try TranscriptLock.acquire(path, holder: ann)) { error in
            XCTAssertTrue("\(error)".contains("in use by another callguide process"), "\(error)")
        }
        lock.release()
    }

    func testSomethingOtherThanAFileIsRefusedWithoutWaiting() throws {
        XCTAssertEqual(mkfifo(directory + "/fifo.jsonl", 0o600), 0)
        XCTAssertThrowsError(try TranscriptLock.acquire(directory + "/fifo.jsonl", holder: ann)) { error in
            XCTAssertTrue("\(error)".contains("is not a regular file"), "\(error)")
        }
        XCTAssertThrowsError(try TranscriptLock.acquire(directory, holder: ann))
    }
}
