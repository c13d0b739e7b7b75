@testable import CallGuide
import Foundation
import XCTest

/// Every diagnostic code has a fixture that triggers it at the right line
/// and column (`# expect: CODE LINE:COL` on its first line) and a corrected
/// twin (`CODE-clean.yaml`) that checks with no diagnostics at all.
final class DiagnosticFixtureTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/diagnostics")

    /// The fixtures' folder as a workspace: every fixture's id is
    /// `fixture`, the one script id W108 knows (as `check` finds it).
    static let workspace: WorkspaceConfiguration = {
        var configuration = WorkspaceConfiguration()
        configuration.knownScriptIDs = ["fixture"]
        return configuration
    }()

    private func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
    }

    /// Loads a fixture as `check` does, its `use:` modules read from the
    /// fixtures' folder (`modules/`).
    private func load(_ name: String) throws -> ScriptCheckResult {
        let library = ModuleLibrary(configuration: Self.workspace, read: FixtureFiles.read)
        return library.load(try fixture(name), path: Self.folder.appendingPathComponent(name).path)
    }

    func testEveryCodeHasAFixtureAndACleanTwin() throws {
        for code in DiagnosticCode.allCases {
            let bytes = try fixture("\(code.rawValue).yaml")
            let header = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
            let parts = header.split(separator: " ")
            XCTAssertEqual(parts.count, 4, "\(code): header '\(header)'")
            guard parts.count == 4, parts[2] == code.rawValue else { continue }
            let place = parts[3].split(separator: ":").compactMap { Int($0) }
            let expected = SourceLocation(line: place[0], column: place[1])
            let found = try load("\(code.rawValue).yaml").diagnostics
            XCTAssertTrue(found.contains { $0.code == code && $0.location == expected },
                          "\(code) expected at \(expected), got \(found.map { "\($0.code.rawValue) \($0.location) \($0.message)" })")

            let clean = try load("\(code.rawValue)-clean.yaml").diagnostics
            XCTAssertEqual(clean.map { "\($0.code.rawValue) \($0.location) \($0.message)" }, [], "\(code)-clean.yaml is not clean")
        }
    }

    func testTheExampleScriptChecksClean() throws {
        let example = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/examples/inbound-order.yaml")
        let result = ScriptLoader.load(Array(try Data(contentsOf: example)))
        XCTAssertEqual(result.diagnostics.map { "\($0.code.rawValue) \($0.location) \($0.message)" }, [])
    }

    func testTheCatalogueDocumentsEveryCode() throws {
        let catalogue = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/diagnostics.md")
        let text = try String(contentsOf: catalogue, encoding: .utf8)
        for code in DiagnosticCode.allCases {
            XCTAssertTrue(text.contains("## \(code.rawValue):"), "Docs/diagnostics.md has no section for \(code.rawValue)")
        }
    }
}
