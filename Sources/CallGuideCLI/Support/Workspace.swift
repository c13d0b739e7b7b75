import CallGuide
import CallGuideStore
import Foundation

/// The workspace a script or command belongs to: the nearest folder upwards
/// holding `callguide.yaml`, else the current folder (cli.md).
struct Workspace {
    let root: String
    /// The configuration file, when there is one.
    let configurationPath: String?

    static let configurationName = "callguide.yaml"

    /// Finds the workspace from a folder upwards.
    static func find(from folder: String) -> Workspace {
        var current = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let candidate = current.appendingPathComponent(configurationName).path
            if FileManager.default.fileExists(atPath: candidate) {
                return Workspace(root: current.path, configurationPath: candidate)
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        return Workspace(root: FileManager.default.currentDirectoryPath, configurationPath: nil)
    }

    /// The workspace of a script: searched from the script's folder.
    static func of(script path: String) -> Workspace {
        find(from: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Loads the configuration. Its problems come back as diagnostics of its
    /// own file; an unreadable file is an error.
    func loadConfiguration() throws(CommandError) -> (configuration: WorkspaceConfiguration?, file: SourceFile?, diagnostics: [Diagnostic]) {
        guard let configurationPath else { return (nil, nil, []) }
        let file = try SourceFile.read(configurationPath)
        let (configuration, diagnostics) = WorkspaceConfiguration.load(file.bytes)
        return (configuration, file, diagnostics)
    }

    /// The store (store.md 1): `--db`, else `$CALLGUIDE_DB`, else
    /// `database:` in callguide.yaml (a relative SQLite path is the
    /// workspace's), else `callguide.db` here. A `postgresql://` or
    /// `postgres://` URI is a PostgreSQL store, anything else a SQLite file.
    func databasePath(option: String?) -> String {
        if let option { return option }
        if let environment = ProcessEnvironment.value("CALLGUIDE_DB"), !environment.isEmpty { return environment }
        if let configured = (try? loadConfiguration())?.configuration?.database, !configured.isEmpty {
            if PostgresLocation.isPostgres(configured) || configured.hasPrefix("/") { return configured }
            return (root as NSString).appendingPathComponent(configured)
        }
        return (root as NSString).appendingPathComponent("callguide.db")
    }
}
