@testable import CallGuide
import XCTest

/// Replay and resume with modules (script language 9.1, transcript 3):
/// `script_sha256` covers the modules, `modules:` in `start`, and a replay
/// that no longer fits names the module file that changed.
final class ModuleReplayTests: XCTestCase {
    private func linked(closing: String = ModuleSamples.closing) throws -> Script {
        try XCTUnwrap(ModuleWorkspace(["main.yaml": ModuleSamples.main, "shared/closing.yaml": closing]).script())
    }

    /// A call recorded with its modules' hashes, written and read back as
    /// transcript lines.
    private func record(_ script: Script, _ lines: [String]) throws -> [RecordedEvent] {
        var context = testContext()
        context.modules = ScriptFingerprint.moduleHashes(script.modules)
        context.scriptSHA256 = ScriptFingerprint.sha256(script: "file-hash", modules: script.modules)
        return try runCall(script, lines, context: context).raw.enumerated().map { index, event in
            let text = TranscriptCodec.encode(TranscriptLine(seq: index, time: "2026-11-23T10:00:00.000Z", event: event))
            return RecordedEvent(line: index + 1, event: try TranscriptCodec.decode(text, lineNumber: index + 1).event)
        }
    }

    func testTheStartEventCarriesEachModulesHash() throws {
        let script = try linked()
        let recorded = try record(script, ["Ann", "9"])
        guard case .start(let start) = recorded[0].event else { return XCTFail("no start") }
        XCTAssertEqual(start.modules, ["closing": SHA256.hex(Array(ModuleSamples.closing.utf8))])
        XCTAssertNotEqual(start.scriptSHA256, "file-hash", "the fingerprint covers the modules")
        XCTAssertNil(Replayer.replay(recorded, against: script).divergence)
    }

    func testTheFingerprintChangesWithAnyModuleAndStaysTheFilesHashWithout() {
        let one = [LinkedModule(alias: "closing", path: "c.yaml", sha256: "aa", scriptID: "closing", nodes: 0..<1)]
        var changed = one
        changed[0].sha256 = "ab"
        XCTAssertEqual(ScriptFingerprint.sha256(script: "f", modules: []), "f")
        XCTAssertNotEqual(ScriptFingerprint.sha256(script: "f", modules: one), ScriptFingerprint.sha256(script: "f", modules: changed))
    }

    func testADivergenceNamesTheModuleThatChanged() throws {
        let recorded = try record(try linked(), ["Ann", "9"])
        let changed = ModuleSamples.closing.replacingOccurrences(of: "  bye:\n    say: \"{thanks}, your score {nps}\"", with: "  bye:\n    ask: Anything else?")
        let result = Replayer.replay(recorded, against: try linked(closing: changed))
        let message = try XCTUnwrap(result.divergence?.message)
        XCTAssertTrue(message.contains("module 'closing' (shared/closing.yaml) changed since the call was recorded"), message)
    }

    func testModuleNodesAreCoveredUnderTheirQualifiedIds() throws {
        let script = try linked()
        let result = Replayer.replay(try record(script, ["Ann", "9"]), against: script, recordsCoverage: true)
        XCTAssertTrue(result.coverage.contains(.node("closing.nps")))
        XCTAssertTrue(result.coverage.contains(.node("closing.back")))
    }
}
