@testable import CallGuide
import Foundation
import XCTest

/// One mistake, one diagnostic (issue 16): each fixture in
/// `Tests/Fixtures/cascades` holds one mistake that used to bring others
/// with it (a misspelt kind, `optoins`, a bad `goto`, a misspelt outcome,
/// a tab), and must give exactly the diagnostic its first line names
/// (`# expect: CODE LINE:COL`), nothing more.
final class CascadeFixtureTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cascades")

    func testEachMistakeGivesExactlyOneDiagnostic() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 9)
        for name in names {
            let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
            let header = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
            let parts = header.split(separator: " ")
            XCTAssertEqual(parts.count, 4, "\(name): header '\(header)'")
            guard parts.count == 4 else { continue }
            let found = ScriptLoader.load(bytes).diagnostics.map { "\($0.code.rawValue) \($0.location)" }
            XCTAssertEqual(found, ["\(parts[2]) \(parts[3])"], name)
        }
    }

    func testAMisspeltKindIsReadAsTheKindMeant() throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent("misspelt-kind.yaml")))
        let result = ScriptLoader.load(bytes)
        XCTAssertEqual(result.diagnostics.first?.hint, "did you mean 'say'?")
        guard case .say? = result.script?.nodes.first?.kind else { return XCTFail("'sya' was not read as 'say'") }
    }

    func testKindKeysComeFirstForANodeWithoutKind() {
        for (typo, meant) in [("sya", "say"), ("aks", "ask"), ("ofer", "offer"), ("edn", "end"), ("retrun", "return"), ("sey", "say")] {
            let yaml = "callguide: 1\nid: k\nnodes:\n  a:\n    \(typo): x\n    next: b\n  b:\n    end: ok\n"
            let diagnostics = ScriptLoader.load(Array(yaml.utf8)).diagnostics
            XCTAssertEqual(diagnostics.first { $0.code == .E003 }?.hint, "did you mean '\(meant)'?", typo)
        }
        // On an ask node, 'sey' cannot be a kind: 'set' is the key meant.
        let ask = "callguide: 1\nid: k\nnodes:\n  a:\n    ask: Name?\n    sey: {x: 1}\n  b:\n    end: ok\n"
        XCTAssertEqual(ScriptLoader.load(Array(ask.utf8)).diagnostics.first?.hint, "did you mean 'set'?")
    }
}

/// A tab in indentation is an E001 that says so and points at the tab.
final class TabIndentationTests: XCTestCase {
    func testATabInIndentationIsNamedAndPointedAt() {
        let yaml = "callguide: 1\nid: t\nnodes:\n  greet:\n  \tsay: Hello\n  done:\n    end: ok\n"
        let diagnostics = ScriptLoader.load(Array(yaml.utf8)).diagnostics
        XCTAssertEqual(diagnostics.map(\.code), [.E001])
        XCTAssertEqual(diagnostics.first?.location, SourceLocation(line: 5, column: 3))
        XCTAssertEqual(diagnostics.first?.message, "YAML indents with spaces, not tabs: replace the tab at column 3 with spaces")
    }

    func testOtherSyntaxErrorsKeepLibyamlsWords() {
        let yaml = "callguide: 1\nid: t\nnodes:\n  greet: {say: \"Hello\"\n  done:\n    end: ok\n"
        let diagnostics = ScriptLoader.load(Array(yaml.utf8)).diagnostics
        XCTAssertEqual(diagnostics.map(\.code), [.E001])
        XCTAssertTrue(diagnostics.first?.message.contains("did not find expected") == true)
    }
}
