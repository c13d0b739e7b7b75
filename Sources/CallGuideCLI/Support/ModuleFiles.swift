import CallGuide
import Foundation

/// The CLI's side of modules (script language 9.1): a `ModuleLibrary` that
/// reads module files as scripts are read (`RegularFile`: a folder, FIFO,
/// missing or unreadable file is refused with the same sentence) and keys
/// them by real path, so one file reached two ways is parsed once.
enum ModuleFiles {
    static func library(configuration: WorkspaceConfiguration?) -> ModuleLibrary {
        ModuleLibrary(configuration: configuration, read: { path in
            RegularFile.read(path, maximumSize: SourceFile.maximumSize).mapError { ModuleReadError(reason: $0.reason) }
        }, canonicalPath: canonicalPath)
    }

    /// The file's real path when it exists, else its absolute path.
    static func canonicalPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: ModuleLibrary.normalize(absolute)).resolvingSymlinksInPath().path
    }

    /// The module files' reports as files the renderer can show.
    static func reports(_ library: ModuleLibrary, skipping shown: inout Set<String>) -> [(file: SourceFile, diagnostics: [Diagnostic])] {
        library.reports(skipping: &shown).map { (SourceFile(path: $0.path, bytes: $0.bytes), $0.diagnostics) }
    }
}
