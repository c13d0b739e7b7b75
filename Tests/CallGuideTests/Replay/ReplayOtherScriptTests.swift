@testable import CallGuide
import XCTest

/// A transcript recorded with another script is said to be one, at its
/// first line, instead of failing later as if the script had lost a node.
final class ReplayOtherScriptTests: XCTestCase {
    let recording = """
        callguide: 1
        id: survey
        nodes:
          q1: {ask: Happy?, type: yesno}
          done: {end: sale}
        """

    func testATranscriptOfAnotherScriptIsNamedAsSuch() throws {
        let script = try XCTUnwrap(loadScript(recording))
        let recorded = runCall(script, ["yes"]).raw.enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
        let other = try XCTUnwrap(loadScript(recording.replacingOccurrences(of: "id: survey", with: "id: shop")
            .replacingOccurrences(of: "q1", with: "budget")))
        let divergence = try XCTUnwrap(Replayer.replay(recorded, against: other).divergence)
        XCTAssertEqual(divergence.line, 1)
        XCTAssertEqual(divergence.message, "recorded with script 'survey', not 'shop': a transcript of another script")
        XCTAssertEqual(divergence.expected, "script survey")
        XCTAssertEqual(divergence.actual, "script shop")
    }

    func testTheSameIdStillReplaysAsBefore() throws {
        let script = try XCTUnwrap(loadScript(recording))
        let recorded = runCall(script, ["yes"]).raw.enumerated().map { RecordedEvent(line: $0.offset + 1, event: $0.element) }
        XCTAssertNil(Replayer.replay(recorded, against: script).divergence)
    }
}
