@testable import CallGuide
import XCTest

/// The checker across files (script language 9.1): each file loaded once,
/// module problems in the module's own file and at the `use:` line, and
/// the flow analyses through `flow:` nodes.
final class ModuleCheckerTests: XCTestCase {
    private func codes(_ main: String, modules: [String: String] = ["shared/closing.yaml": ModuleSamples.closing]) -> [String] {
        var files = modules
        files["main.yaml"] = main
        return ModuleWorkspace(files).load().result.diagnostics.map { "\($0.code.rawValue) \($0.location)" }
    }

    func testAModuleSharedByFiftyScriptsIsReadAndParsedOnce() {
        var files = ["shared/closing.yaml": ModuleSamples.closing]
        for number in 1...50 { files["s\(number).yaml"] = ModuleSamples.main.replacingOccurrences(of: "id: order", with: "id: s\(number)") }
        let workspace = ModuleWorkspace(files)
        let library = workspace.files.library()
        for number in 1...50 {
            let result = workspace.load("s\(number).yaml", library: library).result
            XCTAssertNotNil(result.checked, "s\(number)")
        }
        XCTAssertEqual(workspace.files.reads["shared/closing.yaml"], 1)
        XCTAssertEqual(library.parsedCount, 1)
    }

    func testAModulesOwnProblemIsReportedInItsFileOnceAndAtTheUseLine() {
        let broken = ModuleSamples.closing.replacingOccurrences(of: "say: \"{thanks}, your score {nps}\"", with: "say: \"{thanks}, your score {npz}\"")
        let workspace = ModuleWorkspace(["main.yaml": ModuleSamples.main, "other.yaml": ModuleSamples.main, "shared/closing.yaml": broken])
        let library = workspace.files.library()
        let first = workspace.load(library: library).result
        let second = workspace.load("other.yaml", library: library).result
        for result in [first, second] {
            XCTAssertEqual(result.diagnostics.map { "\($0.code.rawValue) \($0.location) \($0.message)" },
                           ["E017 4:3 module 'closing' cannot be used: shared/closing.yaml has 1 error (shown under its own name)"])
        }
        var shown = Set<String>()
        let reports = library.reports(skipping: &shown)
        XCTAssertEqual(reports.map(\.path), ["shared/closing.yaml"])
        XCTAssertEqual(reports.first?.diagnostics.map { "\($0.code.rawValue) \($0.location)" }, ["E008 13:33"])
        XCTAssertTrue(library.reports(skipping: &shown).isEmpty, "reported once")
    }

    func testUnusableModuleFilesGiveTheScriptsDiagnosticsAndPointAtTheUseLine() {
        let bomb = "callguide: 1\nid: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + (1...9).map { "\(Character(Unicode.Scalar(UInt8(97 + $0)))): &\(Character(Unicode.Scalar(UInt8(97 + $0)))) [" + Array(repeating: "*\(Character(Unicode.Scalar(UInt8(96 + $0))))", count: 10).joined(separator: ", ") + "]" }.joined(separator: "\n")
        let cases: [(String, Result<[UInt8], ModuleReadError>, String?)] = [
            ("a folder", .failure(ModuleReadError(reason: "is a folder, not a file")), nil),
            ("missing", .failure(ModuleReadError(reason: "no such file or folder")), nil),
            ("not UTF-8", .success(Array("callguide: 1\nid: x\nnodes: {a: {say: \"".utf8) + [0xFF, 0xFE] + Array("\"}}\n".utf8)), "E001"),
            ("a YAML bomb", .success(Array(bomb.utf8)), "E001"),
        ]
        for (name, content, moduleCode) in cases {
            let library = ModuleLibrary(configuration: nil, read: { path in path == "shared/closing.yaml" ? content : .success(Array(ModuleSamples.main.utf8)) })
            let result = library.load(Array(ModuleSamples.main.utf8), path: "main.yaml")
            XCTAssertEqual(result.diagnostics.map { "\($0.code.rawValue) \($0.location)" }, ["E017 4:3"], name)
            XCTAssertTrue(result.diagnostics.first?.message.contains("shared/closing.yaml") == true, name)
            var shown = Set<String>()
            let own = library.reports(skipping: &shown).flatMap(\.diagnostics).map(\.code.rawValue)
            // The module file's own diagnostics are those a script would get.
            XCTAssertEqual(own, moduleCode.map { [$0] } ?? [], name)
            if let moduleCode {
                let asScript = ScriptLoader.load(try! content.get()).diagnostics.map(\.code.rawValue)
                XCTAssertEqual(asScript, [moduleCode], name)
            }
        }
    }

    func testW104SeesThroughFlowNodes() {
        // Read after the flow: every path through the module answers nps.
        XCTAssertEqual(codes(ModuleSamples.main), [])
        // Read before the flow: unanswered there.
        let before = """
            callguide: 1
            id: order
            use: {closing: shared/closing.yaml}
            nodes:
              early: {say: "{closing.nps}"}
              close: {flow: closing}
              done: {end: done}
            """
        XCTAssertEqual(codes(before), ["W104 5:18"])
        // A module whose flow can return without asking nps.
        let optional = ModuleSamples.closing.replacingOccurrences(of: "type: nps", with: "type: nps\n    optional: true")
        XCTAssertEqual(codes(ModuleSamples.main, modules: ["shared/closing.yaml": optional]), ["W104 12:22", "W104 15:40"])
    }

    func testFlowTargetsAndWithAreChecked() {
        let main = """
            callguide: 1
            id: order
            use: {closing: shared/closing.yaml}
            nodes:
              a: {flow: closin}
              b: {flow: closing.npz}
              c: {flow: closing, with: {thanx: "'x'"}}
              d: {say: "{closing.npz}"}
              done: {end: done}
            """
        XCTAssertEqual(codes(main), ["E006 5:13", "E006 6:13", "E006 7:29", "E008 8:14"])
    }

    func testAModulesReturnIsNoE011AndAFlowBreaksAnInputFreeLoop() {
        XCTAssertEqual(ModuleWorkspace(["m.yaml": ModuleSamples.closing]).load("m.yaml").result.diagnostics.map(\.code), [])
        let loop = """
            callguide: 1
            id: again
            use: {closing: shared/closing.yaml}
            nodes:
              close: {flow: closing, next: [{if: "closing.nps < 5", goto: close}, {goto: done}]}
              done: {end: done}
            """
        XCTAssertEqual(codes(loop), [])
    }

    func testModuleNamesAreTypedForTheCaller() {
        let main = """
            callguide: 1
            id: order
            use: {closing: shared/closing.yaml}
            nodes:
              close: {flow: closing}
              done: {end: done, when: "closing.nps == 'high'"}
              other: {end: other}
            """
        XCTAssertEqual(codes(main).map { String($0.prefix(4)) }, ["E009"])
    }
}

/// W102 sees through a flow into a module that asks NPS.
final class ModuleNPSTests: XCTestCase {
    func testAQuestionAfterAFlowThatAsksNPSIsW102() {
        let main = """
            callguide: 1
            id: order
            use: {closing: shared/closing.yaml}
            nodes:
              close: {flow: closing}
              late: {ask: One more thing?}
              done: {end: done}
            """
        let result = ModuleWorkspace(["main.yaml": main, "shared/closing.yaml": ModuleSamples.closing]).load().result
        XCTAssertEqual(result.diagnostics.map { "\($0.code.rawValue) \($0.location)" }, ["W102 6:3"])
    }
}
