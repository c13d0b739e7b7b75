import CallGuide
import Foundation

/// Reads and loads the modules scripts name under `use:` (script language
/// 9.1), each file once per process: a module shared by fifty scripts in
/// one `check` is read, parsed and checked once, keyed by its resolved
/// path. The engine reads no files; this is the loader layer that hands it
/// modules. Nested `use:` goes through the same cache; a file met again
/// while it is still loading is a cycle (E018).
final class ModuleLibrary {
    /// One module file as loaded.
    struct Entry {
        /// The path as shown in messages (relative paths stay relative).
        let path: String
        /// nil when the file could not be read.
        let file: SourceFile?
        let diagnostics: [Diagnostic]
        let resolution: ModuleResolution
    }

    let configuration: WorkspaceConfiguration?
    private(set) var entries: [String: Entry] = [:]
    /// Keys of `entries` in the order the files were loaded.
    private(set) var order: [String] = []
    /// The files being loaded now, outermost first (cycle detection).
    private var loading: [String] = []

    init(configuration: WorkspaceConfiguration?) {
        self.configuration = configuration
    }

    /// Loads a script (`path` names it, for its `use:` paths) with its modules.
    func load(_ bytes: [UInt8], path: String) -> ScriptCheckResult {
        let key = Self.key(path)
        loading.append(key)
        defer { loading.removeLast() }
        return ScriptLoader.load(bytes, configuration: configuration, asModule: false, modules: { self.resolve($0, from: path) })
    }

    /// The module a `use:` entry of the file at `path` names.
    func resolve(_ use: ModuleUse, from path: String) -> ModuleResolution {
        let modulePath = Self.join(folderOf: path, use.path)
        let key = Self.key(modulePath)
        if let index = loading.firstIndex(of: key) {
            let cycle = (loading[index...] + [key]).map { entries[$0]?.path ?? Self.display($0) }
            return .failed(code: .E018, message: "a cycle of 'use': \(cycle.joined(separator: " -> ")) (module '\(use.alias)' uses, in the end, itself)")
        }
        if let entry = entries[key] { return Self.named(entry.resolution, use) }
        let entry = loadEntry(modulePath, key: key)
        entries[key] = entry
        order.append(key)
        return Self.named(entry.resolution, use)
    }

    private func loadEntry(_ path: String, key: String) -> Entry {
        let bytes: [UInt8]
        switch RegularFile.read(path, maximumSize: SourceFile.maximumSize) {
        case .success(let read): bytes = read
        case .failure(let problem):
            return Entry(path: path, file: nil, diagnostics: [], resolution: .failed(code: .E017, message: "\(path): \(problem.reason)"))
        }
        loading.append(key)
        defer { loading.removeLast() }
        let result = ScriptLoader.load(bytes, configuration: configuration, asModule: true, modules: { self.resolve($0, from: path) })
        let file = SourceFile(path: path, bytes: bytes)
        guard let script = result.checked else {
            let count = result.errors.count
            return Entry(path: path, file: file, diagnostics: result.diagnostics,
                         resolution: .failed(code: .E017, message: "\(path) has \(count) error\(count == 1 ? "" : "s") (shown under its own name)"))
        }
        return Entry(path: path, file: file, diagnostics: result.diagnostics,
                     resolution: .loaded(LoadedModule(path: path, sha256: SHA256.hex(bytes), script: script)))
    }

    /// The failure sentence begins with the alias, so the `use:` line
    /// that names the module says which one.
    private static func named(_ resolution: ModuleResolution, _ use: ModuleUse) -> ModuleResolution {
        guard case .failed(let code, let message) = resolution else { return resolution }
        if code == .E018 { return resolution }
        return .failed(code: code, message: "module '\(use.alias)' cannot be used: \(message)")
    }

    /// The diagnostics of every module file loaded, in load order, each
    /// file once; `skipping` leaves out files already shown.
    func reports(skipping shown: inout Set<String>) -> [(file: SourceFile, diagnostics: [Diagnostic])] {
        var result: [(file: SourceFile, diagnostics: [Diagnostic])] = []
        for key in order {
            guard let entry = entries[key], let file = entry.file, !entry.diagnostics.isEmpty, shown.insert(key).inserted else { continue }
            result.append((file, entry.diagnostics))
        }
        return result
    }

    /// `folder-of(path)/relative`, lexically normalized; an absolute
    /// `relative` stands alone.
    static func join(folderOf path: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        let folder = (path as NSString).deletingLastPathComponent
        return normalize(folder.isEmpty ? relative : folder + "/" + relative)
    }

    /// Removes `.` and `name/..` without touching the file system.
    static func normalize(_ path: String) -> String {
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

    /// The cache key: the file's real path when it exists (so one file
    /// reached by two spellings is one module), else the absolute path.
    static func key(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: normalize(absolute)).resolvingSymlinksInPath().path
    }

    private static func display(_ key: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return key.hasPrefix(here) ? String(key.dropFirst(here.count)) : key
    }
}
