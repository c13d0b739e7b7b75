/// Loads and checks a script: YAML -> model -> checked script. This is the
/// one way in for `check`, `run`, `replay` and `graph`, so they all agree.
///
/// One thread, one pass after another: libyaml's events build the YAML
/// tree, the tree is decoded into the model and then let go, and the
/// checker reads the model.
public enum ScriptLoader {
    /// Loads and checks script text. Never throws: every problem, including
    /// text that is not YAML at all, is a diagnostic.
    public static func load(_ bytes: [UInt8], configuration: WorkspaceConfiguration? = nil) -> ScriptCheckResult {
        load(bytes, configuration: configuration, asModule: false, modules: nil)
    }

    /// Loads and checks script text, as `load(_:configuration:)` does.
    ///
    /// Modules (script language 9.1): `modules` is asked for each `use:`
    /// entry; the front-end reads the file (the engine reads none) and
    /// hands back the module loaded, or why it cannot be used, reported
    /// at the `use:` line. A script without errors comes back linked: its
    /// modules' nodes follow its own, named `ALIAS.NODE`. `asModule`
    /// checks the file as a module (its `return` goes back to a caller).
    public static func load(
        _ bytes: [UInt8], configuration: WorkspaceConfiguration?, asModule: Bool,
        modules: ((ModuleUse) -> ModuleResolution)?
    ) -> ScriptCheckResult {
        let document: YAMLDocument
        do {
            document = try YAMLParser.parse(bytes)
        } catch {
            return ScriptCheckResult(script: nil, diagnostics: [error.diagnostic(in: bytes)])
        }
        var (script, diagnostics) = decode(consume document)
        if asModule { script?.isModule = true }
        var loaded: [String: LoadedModule] = [:]
        if let uses = script?.uses, !uses.isEmpty {
            for use in uses {
                switch modules?(use) ?? .failed(code: .E017, message: "module '\(use.alias)' (\(use.path)) cannot be loaded here") {
                case .loaded(let module): loaded[use.alias] = module
                case .failed(let code, let message): diagnostics.append(Diagnostic(code, message, at: use.location))
                }
            }
            diagnostics += ModuleChecks.check(script!, uses: uses, modules: loaded)
        }
        if let unchecked = script, !diagnostics.contains(where: { $0.severity == .error }) || !unchecked.nodes.isEmpty {
            var checker = ScriptChecker(script: unchecked, configuration: configuration, modules: loaded)
            diagnostics += checker.run()
            if !unchecked.uses.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
                script = ModuleLinker.link(unchecked, modules: loaded)
            }
        }
        return ScriptCheckResult(script: script, diagnostics: diagnostics)
    }

    /// Decodes `document`, which is freed on return: the checker needs only
    /// the model, and the tree is as big again.
    private static func decode(_ document: consuming YAMLDocument) -> (Script?, [Diagnostic]) {
        var diagnostics = document.duplicateKeys.map {
            Diagnostic(.E004, "duplicate key '\($0.key)' (first defined at line \($0.firstLocation.line))", at: $0.location)
        }
        guard let root = document.root else {
            diagnostics.append(Diagnostic(.E002, "the file is empty: a script needs 'callguide: 1', 'id' and 'nodes'", at: SourceLocation(line: 1, column: 1)))
            return (nil, diagnostics)
        }
        var decoder = ScriptDecoder()
        let script = decoder.decode(root)
        diagnostics += decoder.context.diagnostics
        return (script, diagnostics)
    }
}

/// What loading a script found. `checked` is there only when the script has
/// no errors: the engine runs nothing else.
public struct ScriptCheckResult: Sendable {
    public let script: Script?
    /// Sorted by place in the file, then code, then message: a total order,
    /// so that it never depends on which check found what first.
    public let diagnostics: [Diagnostic]

    init(script: Script?, diagnostics: [Diagnostic]) {
        self.script = script
        var seen = Set<Diagnostic>()
        self.diagnostics = diagnostics
            .filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.code, $0.message) < ($1.location, $1.code, $1.message) }
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// The script, when it is fit to run.
    public var checked: Script? { hasErrors ? nil : script }
}
