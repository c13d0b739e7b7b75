import Dispatch

/// Loads and checks a script: YAML -> model -> checked script. This is the
/// one way in for `check`, `run`, `replay` and `graph`, so they all agree.
public enum ScriptLoader {
    /// Loads and checks script text. Never throws: every problem, including
    /// text that is not YAML at all, is a diagnostic.
    public static func load(_ bytes: [UInt8], configuration: WorkspaceConfiguration? = nil) -> ScriptCheckResult {
        load(bytes, configuration: configuration, concurrency: .automatic)
    }

    static func load(_ bytes: [UInt8], configuration: WorkspaceConfiguration?, concurrency: LoadConcurrency) -> ScriptCheckResult {
        loadCountingPredecoded(bytes, configuration: configuration, concurrency: concurrency).result
    }

    /// `load`, also telling how many nodes were decoded while libyaml was
    /// still reading (tests check that it happens).
    static func loadCountingPredecoded(
        _ bytes: [UInt8], configuration: WorkspaceConfiguration?, concurrency: LoadConcurrency
    ) -> (result: ScriptCheckResult, predecodedNodes: Int) {
        let document: YAMLDocument
        // While the tree builder would wait for libyaml, it decodes the
        // nodes already complete.
        var predecoder = NodePredecoder(expectedBytes: bytes.count)
        do {
            document = try YAMLParser.parse(
                bytes, limits: YAMLLimits(), reading: reading(for: concurrency),
                watching: "nodes", whileWaiting: { predecoder.step($0) })
        } catch {
            return (ScriptCheckResult(script: nil, diagnostics: [Diagnostic(.E001, error.message, at: error.location)]), 0)
        }
        // Taken out of the variable the closure captured (a heap box that
        // lives to the end of this scope), so that the decoded nodes'
        // array is uniquely referenced and grows without being copied.
        var taken = NodePredecoder()
        swap(&taken, &predecoder)
        var (script, diagnostics, predecoded) = decode(consume document, predecoded: consume taken, concurrency: concurrency)
        if let script, !diagnostics.contains(where: { $0.severity == .error }) || !script.nodes.isEmpty {
            var checker = ScriptChecker(script: script, configuration: configuration, concurrency: concurrency)
            diagnostics += checker.run()
        }
        return (ScriptCheckResult(script: script, diagnostics: diagnostics), predecoded)
    }

    private static func reading(for concurrency: LoadConcurrency) -> YAMLParser.Reading {
        switch concurrency {
        case .automatic: .automatic
        case .sequential: .sameThread
        case .automaticDecodingWhileReading: .automaticIdleWorkFirst
        }
    }

    /// Decodes `document` and then lets it go: a big one on a pool thread,
    /// as freeing its tree (~1 ms for 10,000 nodes) need not hold up the
    /// checker.
    private static func decode(
        _ document: consuming YAMLDocument, predecoded: consuming NodePredecoder, concurrency: LoadConcurrency
    ) -> (Script?, [Diagnostic], Int) {
        let result = decodeKeeping(document, predecoded: consume predecoded, concurrency: concurrency)
        if concurrency.splits(result.0?.nodes.count ?? 0) {
            DocumentRelease.onPoolThread(consume document)
        }
        return result
    }

    private static func decodeKeeping(
        _ document: borrowing YAMLDocument, predecoded: consuming NodePredecoder, concurrency: LoadConcurrency
    ) -> (Script?, [Diagnostic], Int) {
        var diagnostics = document.duplicateKeys.map {
            Diagnostic(.E004, "duplicate key '\($0.key)' (first defined at line \($0.firstLocation.line))", at: $0.location)
        }
        guard let root = document.root else {
            diagnostics.append(Diagnostic(.E002, "the file is empty: a script needs 'callguide: 1', 'id' and 'nodes'", at: SourceLocation(line: 1, column: 1)))
            return (nil, diagnostics, 0)
        }
        var decoder = ScriptDecoder(concurrency: concurrency)
        decoder.predecoded = consume predecoded
        let script = decoder.decode(root)
        diagnostics += decoder.context.diagnostics
        return (script, diagnostics, decoder.predecodedNodesUsed)
    }
}

/// Frees a YAML document on a pool thread. The box holds the tree's last
/// reference: every view of it (`YAMLNode`, `YAMLMapping`) was a local of
/// the decoding that has returned, the predecoder keeps none between steps,
/// and the model holds no YAML values (its strings may share the scalars'
/// buffers, which are reference-counted on their own).
private final class DocumentRelease: @unchecked Sendable {
    // @unchecked: written by the pool thread only, after the caller that
    // made it has given the document up.
    private var document: YAMLDocument?

    private init(_ document: consuming YAMLDocument) {
        self.document = consume document
    }

    static func onPoolThread(_ document: consuming YAMLDocument) {
        let box = DocumentRelease(consume document)
        DispatchQueue.global(qos: .utility).async { box.document = nil }
    }
}

/// What loading a script found. `checked` is there only when the script has
/// no errors: the engine runs nothing else.
public struct ScriptCheckResult: Sendable {
    public let script: Script?
    /// Sorted by place in the file, then code, then message: a total order,
    /// so that it never depends on which thread found what first.
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
