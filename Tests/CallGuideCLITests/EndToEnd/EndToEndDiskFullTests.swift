import CallGuide
import Foundation
import Glibc
import XCTest

/// A disk that fills up mid-call (issue 10, defect 5), for real: the
/// transcript lives on a small tmpfs that is filled while the call runs,
/// then freed. Needs root to mount; skipped elsewhere (the writer's unit
/// tests, `TranscriptWriterHoldTests`, cover the same rule with a sink that
/// fails on demand).
final class EndToEndDiskFullTests: XCTestCase {
    func testAFullDiskLeavesNoHoleAndTheHeldEventsCatchUpInOrder() throws {
        let sandbox = try EndToEndSandbox()
        try sandbox.write("full.yaml", """
            callguide: 1
            id: full
            nodes:
              first: {ask: First?}
              second: {ask: Second?}
              third: {ask: Third?}
              done: {end: ok}
            """)
        let disk = try FullTmpfs.make(in: sandbox, size: "128k", fill: false)
        defer { disk.remove() }
        let transcript = disk.path + "/call.jsonl"
        let call = try LiveCallguide(["run", "full.yaml", "--transcript", transcript], in: sandbox.root.path,
                                     environment: ["CALLGUIDE_DB": sandbox.path("callguide.db"), "CALLGUIDE_OPERATOR": "Ann", "TERM": "dumb"])
        call.type(["one"])
        XCTAssertTrue(LiveCallguide.wait { transcriptEvents(transcript).count >= 4 }, call.output)

        disk.fill()
        // A long answer needs a new page of the file system: refused. The
        // short lines after it would fit, but must wait behind it.
        let long = Array(repeating: "long answer", count: 800).joined(separator: " ")
        call.type([long, ":note short"])
        XCTAssertTrue(LiveCallguide.wait { call.output.contains("the transcript cannot be written") }, call.output)
        XCTAssertTrue(call.output.contains("No space left on device"), call.output)
        usleep(200_000)
        XCTAssertEqual(transcriptEvents(transcript).count, 4, "nothing is written past the held answer")

        disk.free()
        call.type(["three"])
        XCTAssertEqual(call.finish(), 0, call.output)
        XCTAssertTrue(call.output.contains("the transcript is written again"), call.output)

        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(document.lines.map(\.line.seq), Array(0..<document.lines.count))
        XCTAssertEqual(document.answerEvents, ["first=\"one\"", "second=\"\(long)\"", "third=\"three\""])
        XCTAssertTrue(EventSummary.describe(document).contains("note short"))
        XCTAssertTrue(document.hasEnd)
        let replay = try sandbox.callguide(["replay", "full.yaml", transcript])
        XCTAssertEqual(replay.status, 0, replay.stdout)
    }
}
