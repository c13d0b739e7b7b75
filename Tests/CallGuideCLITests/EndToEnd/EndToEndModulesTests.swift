import CallGuide
import Foundation
import XCTest

/// Modules through the real binary (script language 9.1): `check` reports a
/// shared module once, under its own file; `run` records qualified ids and
/// the modules' hashes; `replay` names a module that changed; `run` refuses
/// a module; bad module paths point at the `use:` line.
final class EndToEndModulesTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
        try sandbox.write("shared/closing.yaml", """
            callguide: 1
            id: closing
            module: true
            nodes:
              nps:
                ask: How likely are you to recommend us, 0 to 10?
                type: nps
              back:
                return: true

            """)
        for name in ["order", "support"] {
            try sandbox.write("scripts/\(name).yaml", """
                callguide: 1
                id: \(name)
                use:
                  closing: ../shared/closing.yaml
                nodes:
                  topic:
                    ask: What is it about?
                  close:
                    flow: closing
                  done:
                    end: done
                    say: "Thanks! Score {closing.nps}"

                """)
        }
    }

    override func tearDown() {
        sandbox = nil
    }

    func testCheckReportsASharedModuleOnceUnderItsOwnFile() throws {
        try sandbox.write("shared/closing.yaml", """
            callguide: 1
            id: closing
            nodes:
              nps:
                ask: How likely are you to recommend us, 0 to 10?
                type: nps
                when: "answered(npz)"
              back:
                return: true

            """)
        let result = try sandbox.callguide(["check", sandbox.path("scripts/order.yaml"), sandbox.path("scripts/support.yaml")])
        XCTAssertEqual(result.status, 1, result.stdout)
        let modulePath = sandbox.path("scripts/../shared/closing.yaml").replacingOccurrences(of: "scripts/../", with: "")
        XCTAssertEqual(result.stdout.components(separatedBy: "\(modulePath):7:").count - 1, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("\(modulePath):7:21: error: unknown name 'npz'"), result.stdout)
        for name in ["order", "support"] {
            XCTAssertTrue(result.stdout.contains("\(sandbox.path("scripts/\(name).yaml")):4:3: error: module 'closing' cannot be used: \(modulePath) has 1 error"), result.stdout)
        }
        XCTAssertTrue(result.stdout.hasSuffix("2 scripts checked: 3 errors, 0 warnings\n"), result.stdout)
    }

    func testRunRecordsQualifiedIdsAndModuleHashesAndReplayNamesAChangedModule() throws {
        let script = sandbox.path("scripts/order.yaml")
        let transcript = sandbox.path("t.jsonl")
        try sandbox.record(script, transcript: transcript, lines: ["delivery", "9"])
        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(EventSummary.describe(document), [
            "start", "ask topic", "answer topic=\"delivery\"", "ask closing.nps", "answer closing.nps=9", "say done", "end done@done",
        ])
        let moduleBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: sandbox.path("shared/closing.yaml"))))
        guard case .start(let start)? = document.lines.first?.line.event else { return XCTFail("no start") }
        XCTAssertEqual(start.modules, ["closing": SHA256.hex(moduleBytes)])
        XCTAssertEqual(try sandbox.callguide(["replay", script, transcript]).status, 0)

        try sandbox.write("shared/closing.yaml", """
            callguide: 1
            id: closing
            nodes:
              intro:
                say: One last question.
              nps:
                ask: How likely are you to recommend us, 0 to 10?
                type: nps
              back:
                return: true

            """)
        let replay = try sandbox.callguide(["replay", script, transcript])
        XCTAssertEqual(replay.status, 1, replay.stdout)
        XCTAssertTrue(replay.stdout.contains("module 'closing' (\(sandbox.path("shared/closing.yaml"))) changed since the call was recorded"), replay.stdout)
    }

    func testRunRefusesAModule() throws {
        let result = try sandbox.callguide(["run", sandbox.path("shared/closing.yaml")], input: "")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("is a module (module: true)"), result.stderr)
    }

    func testAModulePathThatIsAFolderOrNotUTF8PointsAtTheUseLine() throws {
        try FileManager.default.createDirectory(atPath: sandbox.path("shared/folder.yaml"), withIntermediateDirectories: true)
        try sandbox.write("shared/latin1.yaml", bytes: Data([0x63, 0x61, 0x6C, 0x6C, 0x3A, 0x20, 0xE9, 0x0A]))
        let script = try sandbox.write("scripts/bad.yaml", """
            callguide: 1
            id: bad
            use:
              a: ../shared/folder.yaml
              b: ../shared/latin1.yaml
            nodes:
              done: {end: done}

            """)
        let result = try sandbox.callguide(["check", script])
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("\(script):4:3: error: module 'a' cannot be used: \(sandbox.path("shared/folder.yaml")): is a folder, not a file [E017]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\(script):5:3: error: module 'b' cannot be used: \(sandbox.path("shared/latin1.yaml")) has 1 error"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\(sandbox.path("shared/latin1.yaml")):1:7: error:"), result.stdout)
    }
}
