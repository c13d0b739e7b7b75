@testable import CallGuide
@testable import CallGuideCLI
import Foundation
import XCTest

/// The editor schema read by a real validator, Python's `jsonschema` (Debian's
/// python3-jsonschema, installed by `Scripts/setup`): every example,
/// clean twin and end-to-end fixture passes; every shape error fails, as
/// `check` fails it (issue 16).
final class ScriptSchemaValidationTests: XCTestCase {
    /// Reads YAML as editors do (YAML 1.2 core: only true/false are
    /// booleans, no timestamps), keeps keys as written, and prints one line
    /// per file: `PASS path` or `FAIL path where: why`.
    static let validator = #"""
        import json, re, sys, yaml, jsonschema
        class Loader(yaml.SafeLoader):
            pass
        Loader.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t not in ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:timestamp')]
                                          for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        Loader.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))
        def mapping(loader, node):
            loader.flatten_mapping(node)
            return {(loader.construct_scalar(k) if isinstance(k, yaml.ScalarNode) else str(loader.construct_object(k, deep=True))):
                    loader.construct_object(v, deep=True) for k, v in node.value}
        Loader.add_constructor('tag:yaml.org,2002:map', mapping)
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
        for path in sys.argv[2:]:
            try:
                document = yaml.load(open(path, encoding='utf-8'), Loader=Loader)
            except yaml.YAMLError as error:
                print('UNREADABLE', path, str(error).replace('\n', ' '))
                continue
            errors = list(validator.iter_errors(document))
            if errors:
                best = jsonschema.exceptions.best_match(errors)
                print('FAIL', path, '/'.join(map(str, best.absolute_path)) + ':', best.message[:200].replace('\n', ' '))
            else:
                print('PASS', path)
        """#

    static let python = "/usr/bin/python3"

    private var folder: URL!

    override func setUpWithError() throws {
        let probe = try? ProcessRunner.run(Self.python, arguments: ["-c", "import jsonschema, yaml"])
        guard probe?.status == 0 else {
            throw XCTSkip("\(Self.python) lacks jsonschema or yaml: run Scripts/setup (python3-jsonschema, python3-yaml)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("callguide-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(ScriptSchema.json.utf8).write(to: folder.appendingPathComponent("schema.json"))
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// Validates `paths`; the verdict per path (`PASS` or `FAIL ...`).
    private func validate(_ paths: [String]) throws -> [String: String] {
        let result = try ProcessRunner.run(
            Self.python, arguments: ["-c", Self.validator, folder.appendingPathComponent("schema.json").path] + paths, timeout: 60)
        XCTAssertEqual(result.status, 0, result.stderr)
        var verdicts: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count >= 2 else { continue }
            verdicts[parts[1]] = parts[0] + (parts.count > 2 ? " " + parts[2] : "")
        }
        XCTAssertEqual(verdicts.count, paths.count, result.stdout)
        return verdicts
    }

    private func files(_ folder: String) throws -> [String] {
        let url = BuiltProducts.packageRoot.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { url.appendingPathComponent($0).path }
    }

    /// The schema itself is valid draft-07, with no `\p{...}` class.
    func testTheSchemaIsPortable() throws {
        XCTAssertFalse(ScriptSchema.json.contains(#"\p{"#))
        _ = try validate([])
    }

    func testExamplesCleanTwinsAndFixturesPassShapeErrorsFail() throws {
        let diagnostics = try files("Tests/Fixtures/diagnostics")
        // Codes that are errors of shape: keys, kinds, options. The others
        // are about meaning (references, types, flow) and well shaped.
        // E022 too: a `set` target `ALIAS.VAR` is no variable's shape.
        let shapeErrors: Set<String> = ["E002", "E003", "E005", "E012", "E022"]
        let unreadable: Set<String> = ["E001"]  // not YAML: no validator reads it
        var mustPass = try files("Docs/examples") + files("Tests/Fixtures/e2e")
        var mustFail: [String] = []
        for path in diagnostics {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            if name.hasSuffix("-clean") { mustPass.append(path); continue }
            if unreadable.contains(name) { continue }
            if shapeErrors.contains(name) { mustFail.append(path) } else { mustPass.append(path) }
        }
        XCTAssertGreaterThan(mustPass.count, 40)
        let verdicts = try validate(mustPass + mustFail)
        for path in mustPass { XCTAssertEqual(verdicts[path], "PASS", path) }
        for path in mustFail { XCTAssertTrue(verdicts[path]?.hasPrefix("FAIL") == true, "\(path): \(verdicts[path] ?? "-")") }
    }

    /// What the issue found the old schema accepting, and `check` refuses.
    func testTheSchemaRefusesWhatCheckRefuses() throws {
        let cases: [(String, String)] = [
            ("say-and-ask", "  q: {say: Hello, ask: 'How are you?'}"),
            ("options-on-say", "  q: {say: Hello, options: [a, b]}"),
            ("options-on-text", "  q: {ask: 'Name?', options: [a, b]}"),
            ("choice-without-options", "  q: {ask: 'Which?', type: choice}"),
            ("scale-without-bounds", "  q: {ask: 'How much?', type: scale, min: 1}"),
            ("bounds-on-yesno", "  q: {ask: 'Sure?', type: yesno, max: 1}"),
            ("pattern-on-number", "  q: {ask: 'How many?', type: number, pattern: '[0-9]+'}"),
            ("goto-on-multi", "  q: {ask: 'Which?', type: multi, options: {a: {label: A, goto: done}}}"),
            ("node-named-card", "  card: {say: Hello}"),
            ("option-named-null", "  q: {ask: 'Which?', type: choice, options: [null_, 'null']}"),
            ("empty-node", "  q: {}"),
            ("return-false", "  q: {return: false}"),
        ]
        var paths: [String] = []
        for (name, node) in cases {
            let yaml = "callguide: 1\nid: t\nnodes:\n\(node)\n  done: {end: ok}\n"
            XCTAssertTrue(ScriptLoader.load(Array(yaml.utf8)).hasErrors, "check accepts \(name)")
            let path = folder.appendingPathComponent("\(name).yaml").path
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        // And what both accept: Cyrillic names, localized labels, the short
        // outcome form, a scale with bounds, an end with its closing line.
        let good = folder.appendingPathComponent("good.yaml").path
        try Data("""
            callguide: 1
            id: good
            title: {ru: Заказ, en: Order}
            outcomes:
              продажа: {label: {ru: Продажа, en: Sale}, converted: true}
              later: Later
            handlers:
              price: {label: {ru: Дорого, en: Too dear}, start: cheaper}
            nodes:
              оценка: {ask: 'Оценка?', type: scale, min: 1, max: 5}
              выбор: {ask: 'Что?', type: multi, options: [один, два]}
              done: {end: продажа, say: До свидания}
              cheaper: {say: Cheaper, next: back}
              back: {return: true}
            """.utf8).write(to: URL(fileURLWithPath: good))
        XCTAssertFalse(ScriptLoader.load(Array(try Data(contentsOf: URL(fileURLWithPath: good)))).hasErrors)
        let verdicts = try validate(paths + [good])
        for path in paths { XCTAssertTrue(verdicts[path]?.hasPrefix("FAIL") == true, "\(path): \(verdicts[path] ?? "-")") }
        XCTAssertEqual(verdicts[good], "PASS")
    }
}
