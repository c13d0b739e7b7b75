import CallGuide
import Foundation
import Glibc
import XCTest

/// `replay` on damaged transcripts and hostile `--junit` targets (issue 10,
/// defects 1 and 6): no input crashes it, one bad transcript never spoils
/// the others, and the JUnit report is written like other tools write files.
final class EndToEndReplayHardeningTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    private let script = """
        callguide: 1
        id: hardening
        nodes:
          first: {ask: First?}
          second: {ask: Second?}
          done: {end: ok}
        """

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
        try sandbox.write("hardening.yaml", script)
    }

    override func tearDown() {
        sandbox = nil
    }

    /// Records two good calls into `calls/` and returns the lines of one.
    @discardableResult
    private func recordGoodCalls() throws -> [String] {
        try FileManager.default.createDirectory(atPath: sandbox.path("calls"), withIntermediateDirectories: true)
        try sandbox.record("hardening.yaml", transcript: sandbox.path("calls/a-good.jsonl"), lines: ["one", "two"])
        try sandbox.record("hardening.yaml", transcript: sandbox.path("calls/c-good.jsonl"), lines: ["three", "four"])
        return try String(contentsOfFile: sandbox.path("calls/a-good.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    // MARK: Defect 1: a seq too large for an Int

    func testASeqPastIntMaxIsAnErrorLineAndTheOthersAreStillReported() throws {
        let lines = try recordGoodCalls()
        for (name, seq) in [("b-bad.jsonl", "9223372036854775808"), ("b-worse.jsonl", "99999999999999999999999")] {
            var bad = lines
            bad[2] = bad[2].replacingOccurrences(of: "\"seq\":2,", with: "\"seq\":\(seq),")
            XCTAssertNotEqual(bad[2], lines[2])
            try sandbox.write("calls/\(name)", bad.joined(separator: "\n") + "\n")
        }
        let replay = try sandbox.callguide(["replay", "hardening.yaml", "calls", "--junit", "report.xml"])
        XCTAssertFalse(replay.timedOut)
        XCTAssertEqual(replay.status, 2, "an unreadable transcript is exit 2: \(replay.stdout) \(replay.stderr)")
        let output = replay.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(output.contains("PASS calls/a-good.jsonl"), replay.stdout)
        XCTAssertTrue(output.contains("PASS calls/c-good.jsonl"), replay.stdout)
        XCTAssertTrue(output.contains("ERROR calls/b-bad.jsonl:3: line: 'seq' 9223372036854775808 is too large (at most 999999999999999999)"), replay.stdout)
        XCTAssertTrue(output.contains { $0.hasPrefix("ERROR calls/b-worse.jsonl:3: line: 'seq' ") && $0.contains("is too large") }, replay.stdout)
        XCTAssertEqual(output.last, "2 passed, 0 failed, 2 errors")
        let junit = try String(contentsOfFile: sandbox.path("report.xml"), encoding: .utf8)
        XCTAssertTrue(junit.contains("calls/a-good.jsonl") && junit.contains("calls/c-good.jsonl"), junit)
        XCTAssertTrue(junit.contains("errors=\"2\""), junit)
    }

    func testAFIFONamedLikeATranscriptIsAnErrorLineNotAHang() throws {
        try recordGoodCalls()
        XCTAssertEqual(mkfifo(sandbox.path("calls/b-fifo.jsonl"), 0o600), 0)
        let replay = try sandbox.callguide(["replay", "hardening.yaml", "calls", "--junit", "report.xml"], timeout: 20)
        XCTAssertFalse(replay.timedOut, "a FIFO must not block the run")
        XCTAssertEqual(replay.status, 2)
        let output = replay.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(output, ["PASS calls/a-good.jsonl",
                                "ERROR calls/b-fifo.jsonl: is not a regular file (a FIFO, device or socket), not a transcript",
                                "PASS calls/c-good.jsonl", "2 passed, 0 failed, 1 error"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.path("report.xml")))
    }

    func testResumeOfATranscriptWithAHugeSeqSaysWhichLine() throws {
        let lines = try recordGoodCalls()
        let cut = lines[0..<3].map { $0.replacingOccurrences(of: "\"seq\":2,", with: "\"seq\":9223372036854775807,") }
        let path = try sandbox.write("cut.jsonl", cut.joined(separator: "\n") + "\n")
        chmod(path, 0o600)
        let resumed = try sandbox.callguide(["resume", "cut.jsonl", "--script", "hardening.yaml"], input: "two\n")
        XCTAssertEqual(resumed.status, 2, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("cut.jsonl:3: line: 'seq' 9223372036854775807 is too large"), resumed.stderr)
    }

    // MARK: Defect 6: --junit writes like other tools

    /// Replays the good calls with `--junit target`; returns the result.
    private func replay(junit target: String) throws -> ProcessResult {
        try recordGoodCalls()
        return try sandbox.callguide(["replay", "hardening.yaml", "calls", "--junit", target], timeout: 20)
    }

    func testTheJUnitReportIsCreatedReadableByItsOwnerOnly() throws {
        let result = try replay(junit: "report.xml")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try sandbox.mode(of: sandbox.path("report.xml")), 0o600)
        XCTAssertTrue(try String(contentsOfFile: sandbox.path("report.xml"), encoding: .utf8).contains("tests=\"2\""))
    }

    func testAnOlderReportIsOverwrittenInPlaceAndMadePrivate() throws {
        let path = try sandbox.write("report.xml", String(repeating: "old report ", count: 1000))
        chmod(path, 0o644)
        let inode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)
        let result = try replay(junit: "report.xml")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try sandbox.mode(of: path), 0o600)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber, inode, "written in place, not replaced")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("<?xml") && !text.contains("old report"), text)
    }

    func testAFIFOIsRefusedWithoutWaitingForAReader() throws {
        XCTAssertEqual(mkfifo(sandbox.path("report.fifo"), 0o600), 0)
        let result = try replay(junit: "report.fifo")
        XCTAssertFalse(result.timedOut, "replay must not block on a FIFO")
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines),
                       "callguide: report.fifo: cannot write the JUnit report: it is a FIFO, not a regular file")
        var status = stat()
        XCTAssertEqual(lstat(sandbox.path("report.fifo"), &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "the FIFO is left in place")
    }

    func testADeviceIsRefusedAndDevFullNeverReportsSuccess() throws {
        // As root, a node of our own (the same device as /dev/full): a
        // regressed binary that replaces FILE by rename must not replace
        // the machine's /dev/full. Without root it cannot, so /dev/full is used.
        var device = "/dev/full"
        if geteuid() == 0 {
            device = sandbox.path("full-device")
            XCTAssertEqual(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 7)), 0, "mknod failed: errno \(errno)")  // major 1, minor 7
        }
        let result = try replay(junit: device)
        XCTAssertEqual(result.status, 2, result.stdout)
        XCTAssertTrue(result.stderr.contains("\(geteuid() == 0 ? "full-device" : device): cannot write the JUnit report: it is a device, not a regular file"), result.stderr)
        var status = stat()
        XCTAssertEqual(lstat(device, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFCHR, "the device is left in place")
    }

    func testASymbolicLinkIsRefusedAndLeftAsItIs() throws {
        let target = try sandbox.write("elsewhere.txt", "keep me\n")
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("report.xml"), withDestinationPath: target)
        let result = try replay(junit: "report.xml")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("report.xml: cannot write the JUnit report: it is a symbolic link"), result.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.path("report.xml")), target)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep me\n")
    }

    func testAReadOnlyFileIsRefusedAndLeftAsItIs() throws {
        let path = try sandbox.write("report.xml", "read only\n")
        chmod(path, 0o444)
        let result = try replay(junit: "report.xml")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("report.xml: cannot write the JUnit report: it is read-only"), result.stderr)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "read only\n")
        XCTAssertEqual(try sandbox.mode(of: path), 0o444)
    }

    func testAFolderIsRefused() throws {
        try FileManager.default.createDirectory(atPath: sandbox.path("reports"), withIntermediateDirectories: true)
        let result = try replay(junit: "reports")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("reports: cannot write the JUnit report: it is a folder"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("reports")), [])
    }

    func testAMissingFolderIsRefusedBeforeTheRun() throws {
        let result = try replay(junit: "nowhere/report.xml")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("nowhere/report.xml: cannot write the JUnit report: its folder nowhere does not exist"), result.stderr)
        XCTAssertEqual(result.stdout, "", "nothing was replayed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.path("nowhere")))
    }

    /// A real full disk: a 64 KiB tmpfs, filled. Needs root (mount); skipped
    /// otherwise, the other tests still cover the refusals.
    func testAFullDiskIsAWriteErrorAndLeavesNoHalfReport() throws {
        let mount = try FullTmpfs.make(in: sandbox)
        defer { mount.remove() }
        let result = try replay(junit: mount.path + "/report.xml")
        XCTAssertEqual(result.status, 2, result.stdout)
        XCTAssertTrue(result.stderr.contains("report.xml: cannot write the JUnit report: No space left on device"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: mount.path + "/report.xml"), "no half report is left")
    }
}

/// A tiny tmpfs mounted in the sandbox and filled to the last byte, for
/// real "No space left on device" errors. Mounting needs root: the test is
/// skipped where it is not allowed.
struct FullTmpfs {
    let path: String

    static func make(in sandbox: EndToEndSandbox, size: String = "64k", fill: Bool = true) throws -> FullTmpfs {
        guard geteuid() == 0 else { throw XCTSkip("mounting a tmpfs needs root") }
        let path = sandbox.path("full-disk")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mounted = try ProcessRunner.run("/bin/mount", arguments: ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", path])
        guard mounted.status == 0 else { throw XCTSkip("cannot mount a tmpfs here: \(mounted.stderr)") }
        let disk = FullTmpfs(path: path)
        if fill { disk.fill() }
        return disk
    }

    /// Writes a filler file until the file system refuses another byte.
    func fill() {
        let descriptor = open(path + "/filler", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var block = [UInt8](repeating: 0x41, count: 4096)
        while block.withUnsafeMutableBytes({ Glibc.write(descriptor, $0.baseAddress!, $0.count) }) > 0 {}
        while block.withUnsafeMutableBytes({ Glibc.write(descriptor, $0.baseAddress!, 1) }) > 0 {}
        block.removeAll()
    }

    /// Frees the filler, so writes succeed again.
    func free() {
        unlink(path + "/filler")
    }

    func remove() {
        _ = try? ProcessRunner.run("/bin/umount", arguments: [path])
        rmdir(path)
    }
}
