/// Loads the modules scripts name under `use:` (script language 9.1), each
/// file once: a module shared by fifty scripts in one `check` is read,
/// parsed and checked once, keyed by its resolved path. This is the loader
/// layer between the files and the engine: it reads nothing itself (the
/// front-end passes `read`, which does the file I/O), so tests give it
/// files from memory. Nested `use:` goes through the same cache; a file
/// met again while it is still loading closes a cycle (E018).
///
/// One thread: a library is used by one command, one load after another.
public final class ModuleLibrary {
    /// One module file as loaded.
    public struct Entry: Sendable {
        /// The path as shown in messages (relative paths stay relative).
        public let path: String
        /// nil when the file could not be read.
        public let bytes: [UInt8]?
        public let diagnostics: [Diagnostic]
        public let resolution: ModuleResolution
    }

    /// Reads a file whole, or says why it cannot be (the end of a sentence
    /// after its path: "is a folder, not a file").
    public typealias Reader = (_ path: String) -> Result<[UInt8], ModuleReadError>

    public let configuration: WorkspaceConfiguration?
    private let read: Reader
    private let canonicalPath: (String) -> String
    private(set) public var entries: [String: Entry] = [:]
    /// Keys of `entries` in the order the files were loaded.
    private(set) public var order: [String] = []
    /// The files being loaded now, outermost first (cycle detection).
    private var loading: [(key: String, path: String)] = []
    /// How many module files were parsed (each at most once).
    public var parsedCount: Int { entries.values.filter { $0.bytes != nil }.count }

    /// - Parameter canonicalPath: the cache key of a path (the CLI gives
    ///   the real path, so that one file reached two ways is one module);
    ///   by default the path made lexically normal.
    public init(configuration: WorkspaceConfiguration?, read: @escaping Reader, canonicalPath: @escaping (String) -> String = ModuleLibrary.normalize) {
        self.configuration = configuration
        self.read = read
        self.canonicalPath = canonicalPath
    }

    /// Loads a script (`path` names it, for its `use:` paths) with its modules.
    public func load(_ bytes: [UInt8], path: String, configuration override: WorkspaceConfiguration? = nil) -> ScriptCheckResult {
        loading.append((canonicalPath(path), path))
        defer { loading.removeLast() }
        return ScriptLoader.load(bytes, configuration: override ?? configuration, asModule: false, modules: { self.resolve($0, from: path) })
    }

    /// The module a `use:` entry of the file at `path` names.
    public func resolve(_ use: ModuleUse, from path: String) -> ModuleResolution {
        let modulePath = Self.join(folderOf: path, use.path)
        let key = canonicalPath(modulePath)
        if let index = loading.firstIndex(where: { $0.key == key }) {
            let cycle = loading[index...].map(\.path) + [modulePath]
            return .failed(code: .E018, message: "a cycle of 'use': \(cycle.joined(separator: " -> ")) (module '\(use.alias)' would use itself in the end)")
        }
        if let entry = entries[key] { return Self.named(entry.resolution, use) }
        let entry = loadEntry(modulePath, key: key)
        entries[key] = entry
        order.append(key)
        return Self.named(entry.resolution, use)
    }

    private func loadEntry(_ path: String, key: String) -> Entry {
        let bytes: [UInt8]
        switch read(path) {
        case .success(let read): bytes = read
        case .failure(let problem):
            return Entry(path: path, bytes: nil, diagnostics: [], resolution: .failed(code: .E017, message: "\(path): \(problem.reason)"))
        }
        loading.append((key, path))
        defer { loading.removeLast() }
        let result = ScriptLoader.load(bytes, configuration: configuration, asModule: true, modules: { self.resolve($0, from: path) })
        guard let script = result.checked else {
            let count = result.errors.count
            return Entry(path: path, bytes: bytes, diagnostics: result.diagnostics,
                         resolution: .failed(code: .E017, message: "\(path) has \(count) error\(count == 1 ? "" : "s") (shown under its own name)"))
        }
        return Entry(path: path, bytes: bytes, diagnostics: result.diagnostics,
                     resolution: .loaded(LoadedModule(path: path, sha256: SHA256.hex(bytes), script: script)))
    }

    /// The sentence begins with the alias, so the `use:` line that names
    /// the module says which one.
    private static func named(_ resolution: ModuleResolution, _ use: ModuleUse) -> ModuleResolution {
        guard case .failed(let code, let message) = resolution, code != .E018 else { return resolution }
        return .failed(code: code, message: "module '\(use.alias)' cannot be used: \(message)")
    }

    /// The module files loaded since, in load order, with diagnostics to
    /// show, each file once: `shown` holds the keys already reported (a
    /// module used by several scripts in one `check` is reported once).
    public func reports(skipping shown: inout Set<String>) -> [(path: String, bytes: [UInt8], diagnostics: [Diagnostic])] {
        var result: [(path: String, bytes: [UInt8], diagnostics: [Diagnostic])] = []
        for key in order {
            guard let entry = entries[key], let bytes = entry.bytes, !entry.diagnostics.isEmpty, shown.insert(key).inserted else { continue }
            result.append((entry.path, bytes, entry.diagnostics))
        }
        return result
    }

    /// The cache key of a path, as this library makes it.
    public func key(_ path: String) -> String { canonicalPath(path) }

    /// `folder-of(path)/relative`, lexically normal; an absolute
    /// `relative` stands alone.
    public static func join(folderOf path: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        guard let slash = path.lastIndex(of: "/") else { return normalize(relative) }
        let folder = path[..<slash]
        return normalize((folder.isEmpty ? "/" : folder + "/") + relative)
    }

    /// Removes `.` and `name/..` without touching the file system.
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}

/// Why a module file cannot be read, as the end of a sentence after its
/// path: `shared/closing.yaml: is a folder, not a file`.
public struct ModuleReadError: Error, Sendable, Equatable {
    public let reason: String

    public init(reason: String) { self.reason = reason }
}
