@testable import CallGuideCLI
import Foundation
import Glibc
import XCTest

/// Files given by name are read only when they are regular files, and the
/// reason for a refusal is a phrase an operator can act on (issue 10, defect 9).
final class RegularFileTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("regular-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func reason(_ path: String) -> String? {
        if case .failure(let problem) = RegularFile.read(path) { return problem.reason }
        return nil
    }

    func testARegularFileIsReadWhole() throws {
        let path = folder + "/a.yaml"
        try Data("callguide: 1\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try RegularFile.read(path).get(), Array("callguide: 1\n".utf8))
    }

    func testAFIFOIsRefusedWithoutWaitingForAWriter() {
        let path = folder + "/fifo"
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        XCTAssertEqual(reason(path), "is a FIFO (named pipe), not a regular file")
    }

    func testDevicesFoldersAndMissingFiles() {
        XCTAssertEqual(reason("/dev/null"), "is a character device, not a regular file")
        XCTAssertEqual(reason(folder), "is a folder, not a file")
        XCTAssertEqual(reason(folder + "/missing"), "no such file")
        XCTAssertEqual(reason("/proc/self/mem"), "cannot be read: Input/output error")
    }

    func testTheSizeLimitIsKept() throws {
        let path = folder + "/big"
        try Data(count: 2 * 1024 * 1024 + 1).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(reason(path), nil)
        if case .failure(let problem) = RegularFile.read(path, maximumSize: 2 * 1024 * 1024) {
            XCTAssertEqual(problem.reason, "is larger than 2 MiB")
        } else {
            XCTFail("a file over the limit was read")
        }
    }

    func testADatabasePathMustBeARegularFileInAFolderThatExists() {
        XCTAssertEqual(DatabasePath.problem("/dev/null"), "is a character device, not a regular file; give a database file")
        XCTAssertEqual(DatabasePath.problem(folder + "/new.db"), nil)
        XCTAssertEqual(DatabasePath.problem("postgresql://callguide@db.example/centre"), nil, "a URI is not a file")
        XCTAssertEqual(DatabasePath.problem(folder + "/none/new.db"), "cannot create the database: the folder \(folder!)/none does not exist")
    }
}
