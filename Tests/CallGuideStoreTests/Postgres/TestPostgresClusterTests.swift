@testable import CallGuideStore
import XCTest

/// The test cluster's own safety rules: a machine without the server makes
/// the tests fail with what to do, and clusters left by a killed test
/// process are cleaned up by the next one, never another live one's.
final class TestPostgresClusterTests: XCTestCase {
    func testMissingServerBinariesSayToRunSetup() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-postgres-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        XCTAssertThrowsError(try PostgresServerBinaries.find(in: [empty.path])) { error in
            XCTAssertEqual(
                String(describing: error),
                "the PostgreSQL server (initdb, postgres) is not installed (looked in \(empty.path)); run Scripts/setup")
        }
    }

    func testFindsTheInstalledServer() throws {
        let binaries = try PostgresServerBinaries.find()
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binaries.initdb))
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binaries.postgres))
    }

    func testRemovesOnlyClustersWhoseTestProcessIsGone() throws {
        let abandoned = try makeClusterFolder(owner: deadProcessID())
        let live = try makeClusterFolder(owner: getpid())
        defer { try? FileManager.default.removeItem(at: live) }
        TestPostgresCluster.removeAbandonedClusters()
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.path))
    }

    func testAServerStartedFromAThreadThatEndsKeepsRunning() throws {
        // Linux sends the parent-death signal when the starting THREAD ends;
        // the cluster must survive the end of a worker that first used it.
        let box = ClusterBox()
        let thread = Thread {
            box.result = Result { try TestPostgresCluster() }
        }
        thread.start()
        while !thread.isFinished { Thread.sleep(forTimeInterval: 0.05) }
        let cluster = try XCTUnwrap(box.result).get()
        defer { cluster.destroy() }
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(try cluster.adminConnection().scalar("SELECT 1::integer"), .integer(1))
    }

    func testAPortTakenMeanwhileIsReplacedByAnotherFreeOne() throws {
        let busy = try TestPostgresCluster.shared().port
        let cluster = try TestPostgresCluster(port: busy)
        defer { cluster.destroy() }
        XCTAssertNotEqual(cluster.port, busy)
        XCTAssertEqual(try PostgresConnection(location: cluster.tcpURI(database: "postgres")).scalar("SELECT current_user"),
                       .text(TestPostgresCluster.appUser))
    }

    private func makeClusterFolder(owner: pid_t) throws -> URL {
        let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("\(TestPostgresCluster.folderPrefix)test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        try String(owner).write(to: folder.appendingPathComponent("owner.pid"), atomically: true, encoding: .utf8)
        return folder
    }

    /// The id of a process that has ended (a child that was waited for).
    private func deadProcessID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}

private final class ClusterBox: @unchecked Sendable {
    var result: Result<TestPostgresCluster, Error>?
}
