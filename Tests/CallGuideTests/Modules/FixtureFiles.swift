import CallGuide
import Foundation

/// Files for a `ModuleLibrary` in tests: from disk (fixtures) or memory.
enum FixtureFiles {
    static func read(_ path: String) -> Result<[UInt8], ModuleReadError> {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .failure(ModuleReadError(reason: "no such file or folder")) }
        if isFolder.boolValue { return .failure(ModuleReadError(reason: "is a folder, not a file")) }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(ModuleReadError(reason: "cannot be read")) }
        return .success(Array(data))
    }

    /// A reader over files held in memory, counting each read.
    final class Memory {
        var files: [String: String]
        private(set) var reads: [String: Int] = [:]

        init(_ files: [String: String]) { self.files = files }

        func read(_ path: String) -> Result<[UInt8], ModuleReadError> {
            reads[path, default: 0] += 1
            guard let text = files[path] else { return .failure(ModuleReadError(reason: "no such file or folder")) }
            return .success(Array(text.utf8))
        }

        func library(_ configuration: WorkspaceConfiguration? = nil) -> ModuleLibrary {
            ModuleLibrary(configuration: configuration, read: { self.read($0) })
        }
    }
}
