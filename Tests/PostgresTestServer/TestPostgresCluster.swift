import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// A throw-away PostgreSQL cluster for the store tests: made with initdb in
/// a folder of its own under /tmp, listening on a Unix socket in that folder
/// and on a free port of 127.0.0.1 only, started on first use once per test
/// process and stopped when the test bundle finishes, failures or not.
///
/// No test needs a server someone started by hand. The server runs as the
/// unprivileged `postgres` user when the tests run as root (PostgreSQL
/// refuses to run as root), without durability (fsync off: the data are
/// thrown away) and with small memory, since the machine is shared.
///
/// If the test process dies without finishing, the kernel stops the server
/// (it is started with a parent-death signal), and the next start, like
/// Scripts/test, removes clusters whose test process is gone.
public final class TestPostgresCluster: @unchecked Sendable {
    /// Logs in over the socket without a password (`trust`): the tests' admin.
    public static let superuser = "callguide_test"
    /// Logs in over TCP with a password (`scram-sha-256`): what a centre's
    /// operators would use.
    public static let appUser = "callguide_app"
    public static let appPassword = "right-secret"
    public static let folderPrefix = "callguide-pg-"

    public let folder: URL
    public private(set) var port: Int
    public var socketFolder: String { folder.appendingPathComponent("socket").path }
    private var dataFolder: String { folder.appendingPathComponent("data").path }
    private var logFile: String { folder.appendingPathComponent("server.log").path }
    private let binaries: PostgresServerBinaries
    private let serverUser: ServerUser?
    private var server: Process?
    private var serverThread: LaunchThread?

    // MARK: The shared cluster

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<TestPostgresCluster, Error>?

    /// The cluster of this test process, started on first call. A failure
    /// to start is kept, so every PostgreSQL test fails with its sentence
    /// at once instead of each trying again.
    public static func shared() throws -> TestPostgresCluster {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { try TestPostgresCluster() }
        started = result
        if case .success = result {
            XCTestObservationCenter.shared.addTestObserver(ClusterStopper())
        }
        return try result.get()
    }

    /// Stops the shared cluster and removes its folder (bundle finished).
    public static func stopShared() {
        lock.lock()
        defer { lock.unlock() }
        if case .success(let cluster) = started { cluster.destroy() }
        started = nil
    }

    // MARK: Starting and stopping

    /// A cluster of its own (tests of the cluster itself); `shared()` is the
    /// one store tests use. The caller must `destroy()` it. `port` is tried
    /// first when given (tests of a port taken meanwhile).
    public init(port wanted: Int? = nil) throws {
        binaries = try PostgresServerBinaries.find()
        serverUser = try ServerUser.forCurrentProcess()
        Self.removeAbandonedClusters()
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("\(Self.folderPrefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        port = try wanted ?? FreePort.onLoopback()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        do {
            try String(getpid()).write(to: folder.appendingPathComponent("owner.pid"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: socketFolder, withIntermediateDirectories: false)
            if let serverUser { try serverUser.own(folder.path, socketFolder) }
            try runToEnd(binaries.initdb, [
                "-D", dataFolder, "--username=\(Self.superuser)", "--auth-local=trust", "--auth-host=scram-sha-256",
                "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions",
            ])
            try startOnAFreePort()
            try adminExecute("CREATE ROLE \(Self.appUser) LOGIN CREATEDB PASSWORD '\(Self.appPassword)'")
        } catch {
            destroy()
            throw error
        }
    }

    /// Starts the server, on another free port if another process took the
    /// one found between its release and the server's bind.
    private func startOnAFreePort() throws {
        for attempt in 1...3 {
            do {
                return try start()
            } catch let failure as StartFailure where attempt < 3 && failure.log.contains("could not bind") {
                port = try FreePort.onLoopback()
            }
        }
    }

    /// Starts the server on the cluster's port and waits until it answers.
    public func start() throws {
        let log = try openLog()
        let settings = [
            "listen_addresses=127.0.0.1", "port=\(port)", "unix_socket_directories=\(socketFolder)",
            "fsync=off", "synchronous_commit=off", "full_page_writes=off", "shared_buffers=16MB",
            "max_connections=40", "autovacuum=off", "jit=off", "max_worker_processes=2",
            "max_parallel_workers_per_gather=0", "logging_collector=off", "log_min_messages=warning",
        ]
        let thread = LaunchThread()
        let process = try launch(binaries.postgres, ["-D", dataFolder] + settings.flatMap { ["-c", $0] }, output: log, from: thread)
        try? log.close()
        server = process
        serverThread = thread
        let deadline = Date().addingTimeInterval(60)
        while !AdminSQL.isAnswering(socketURI(database: "postgres")) {
            guard process.isRunning, Date() < deadline else {
                stopServer()
                throw StartFailure(reason: "the test PostgreSQL server did not start", log: logTail())
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Stops the server (fast shutdown: sessions are ended, as when an
    /// administrator stops it), keeping the data for `start`.
    public func stopServer() {
        defer {
            server = nil
            serverThread?.finish()
            serverThread = nil
        }
        guard let server, server.isRunning else { return }
        kill(server.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(15)
        while server.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if server.isRunning { kill(server.processIdentifier, SIGKILL) }
        server.waitUntilExit()
    }

    /// Stops the server and removes the cluster's folder.
    public func destroy() {
        stopServer()
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: Locations

    /// The superuser over the Unix socket (no password).
    public func socketURI(database: String) -> String {
        "postgresql:///\(database)?host=\(socketFolder)&port=\(port)&user=\(Self.superuser)"
    }

    /// A user over TCP on 127.0.0.1 (password authentication).
    public func tcpURI(database: String, user: String = appUser, password: String? = appPassword) -> String {
        let login = password.map { "\(user):\($0)" } ?? user
        return "postgresql://\(login)@127.0.0.1:\(port)/\(database)"
    }

    /// Runs `sql` as the superuser over the socket.
    public func adminExecute(_ sql: String, database: String = "postgres") throws {
        try AdminSQL.execute(sql, at: socketURI(database: database))
    }

    /// A new empty database owned by the app user, for one test.
    public func makeDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try adminExecute("CREATE DATABASE \(name) OWNER \(Self.appUser)")
        return name
    }

    public func dropDatabase(_ name: String) {
        try? adminExecute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    // MARK: Processes

    struct StartFailure: Error, CustomStringConvertible {
        var reason: String
        var log: String
        public var description: String { "\(reason); its log ends:\n\(log)" }
    }

    /// The server's log, appended to by every run (the child writes to its copy).
    private func openLog() throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: logFile) {
            guard FileManager.default.createFile(atPath: logFile, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: logFile])
            }
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        log.seekToEndOfFile()
        return log
    }

    private func logTail() -> String {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// Starts `executable` as the server user, with a parent-death signal so
    /// it cannot outlive the test process, from `thread` (see `LaunchThread`).
    private func launch(
        _ executable: String, _ arguments: [String], output: FileHandle, from thread: LaunchThread
    ) throws -> Process {
        let process = Process()
        let wrapper = ["--pdeathsig", "KILL"] + (serverUser?.setprivArguments ?? [])
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = wrapper + ["--", executable] + arguments
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C", "TZ": "UTC"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try thread.run(process)
        return process
    }

    private func runToEnd(_ executable: String, _ arguments: [String]) throws {
        let log = try openLog()
        let thread = LaunchThread()
        defer { thread.finish() }
        let process = try launch(executable, arguments, output: log, from: thread)
        process.waitUntilExit()
        try? log.close()
        guard process.terminationStatus == 0 else {
            throw StartFailure(reason: "\(executable) exited with status \(process.terminationStatus)", log: logTail())
        }
    }

    /// Stops and removes clusters left by test processes that are gone
    /// (killed before the bundle finished). Clusters of running test
    /// processes, such as another developer's, are left alone.
    public static func removeAbandonedClusters() {
        let temporary = URL(fileURLWithPath: "/tmp")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix(folderPrefix) {
            let folder = temporary.appendingPathComponent(name)
            guard let owner = pid(in: folder.appendingPathComponent("owner.pid")), !isAlive(owner) else { continue }
            if let server = pid(in: folder.appendingPathComponent("data/postmaster.pid")), isAlive(server),
                ((try? String(contentsOfFile: "/proc/\(server)/cmdline", encoding: .utf8)) ?? "").contains("postgres")
            {
                kill(server, SIGKILL)
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    private static func pid(in file: URL) -> pid_t? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

/// A thread that starts one child process and then lives until told the
/// child is done. Linux sends the parent-death signal (`setpriv
/// --pdeathsig`) when the THREAD that started a child ends, not the
/// process: a server started from a test's worker thread would be killed
/// when that thread ended. Started from a thread of its own, it is killed
/// only when the test process ends.
private final class LaunchThread: @unchecked Sendable {
    private let started = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var process: Process?
    private var failure: Error?

    func run(_ process: Process) throws {
        self.process = process
        Thread.detachNewThread { [self] in
            do { try self.process?.run() } catch { failure = error }
            started.signal()
            finished.wait()
        }
        started.wait()
        if let failure { throw failure }
    }

    /// The child has ended (or is no longer needed): the thread may end.
    func finish() { finished.signal() }
}

/// Stops the shared cluster when the test bundle finishes.
private final class ClusterStopper: NSObject, XCTestObservation {
    func testBundleDidFinish(_ testBundle: Bundle) {
        TestPostgresCluster.stopShared()
    }
}
