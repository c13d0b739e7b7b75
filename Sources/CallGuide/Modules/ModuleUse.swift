/// One entry of `use:`: an alias and the path of a module file, relative
/// to the file that names it (script language 9.1).
public struct ModuleUse: Sendable, Hashable {
    public var alias: String
    public var path: String
    /// Where the alias is written: module problems point here too.
    public var location: SourceLocation

    public init(alias: String, path: String, location: SourceLocation) {
        self.alias = alias
        self.path = path
        self.location = location
    }
}

/// A module ready to be linked into the script that uses it: loaded,
/// checked without errors, its own modules linked into it. The front-end
/// makes these (it reads the files); the engine only links them.
public struct LoadedModule: Sendable {
    /// The file as the front-end names it in messages.
    public var path: String
    /// The SHA-256 of the module file's bytes (hex).
    public var sha256: String
    public var script: Script

    public init(path: String, sha256: String, script: Script) {
        self.path = path
        self.sha256 = sha256
        self.script = script
    }
}

/// What the front-end found for one `use:` entry.
public enum ModuleResolution: Sendable {
    case loaded(LoadedModule)
    /// The module cannot be used: `code` is E017 (missing, unreadable, or
    /// with errors of its own) or E018 (a cycle of `use`), `message` says
    /// why, naming the file.
    case failed(code: DiagnosticCode, message: String)
}

/// A module linked into a script: its nodes sit at `nodes` of the linked
/// script, named `ALIAS.NODE`.
public struct LinkedModule: Sendable, Equatable {
    /// `closing`, or `closing.survey` for a module's module.
    public var alias: String
    public var path: String
    public var sha256: String
    /// The module's own `id`.
    public var scriptID: String
    public var nodes: Range<Int>

    public init(alias: String, path: String, sha256: String, scriptID: String, nodes: Range<Int>) {
        self.alias = alias
        self.path = path
        self.sha256 = sha256
        self.scriptID = scriptID
        self.nodes = nodes
    }
}
