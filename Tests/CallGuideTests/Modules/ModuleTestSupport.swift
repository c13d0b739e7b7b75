@testable import CallGuide
import XCTest

/// A top script `main.yaml` with module files in memory, loaded through a
/// `ModuleLibrary` as the CLI loads them.
struct ModuleWorkspace {
    let files: FixtureFiles.Memory

    init(_ files: [String: String]) {
        self.files = FixtureFiles.Memory(files)
    }

    func load(_ path: String = "main.yaml", library: ModuleLibrary? = nil) -> (result: ScriptCheckResult, library: ModuleLibrary) {
        let library = library ?? files.library()
        return (library.load(Array(files.files[path]!.utf8), path: path), library)
    }

    /// The linked script, failing the test on any error (the modules' too).
    func script(_ path: String = "main.yaml", file: StaticString = #filePath, line: UInt = #line) -> Script? {
        let (result, library) = load(path)
        var shown = Set<String>()
        let moduleErrors = library.reports(skipping: &shown).flatMap { report in
            report.diagnostics.filter { $0.severity == .error }.map { "\(report.path):\($0.location): \($0.message)" }
        }
        if result.hasErrors || !moduleErrors.isEmpty {
            XCTFail("errors: \(result.errors.map { "\($0.location): \($0.message) [\($0.code.rawValue)]" } + moduleErrors)", file: file, line: line)
            return nil
        }
        return result.checked
    }
}

enum ModuleSamples {
    static let closing = """
        callguide: 1
        id: closing
        module: true
        variables:
          thanks: Thank you
        handlers:
          price: {label: Too expensive, start: price_answer}
        nodes:
          nps:
            ask: How likely are you to recommend us?
            type: nps
          bye:
            say: "{thanks}, your score {nps}"
          back:
            return: true
          price_answer:
            say: We match any price.
          price_back:
            return: true
        """

    static let main = """
        callguide: 1
        id: order
        use:
          closing: shared/closing.yaml
        variables: {promoter: false}
        nodes:
          name:
            ask: Your name?
          close:
            flow: closing
            with: {thanks: "'Thanks, ' + name"}
            set: {promoter: "closing.nps >= 9"}
          done:
            end: done
            say: "Promoter: {promoter}; score {closing.nps}"
        """
}
