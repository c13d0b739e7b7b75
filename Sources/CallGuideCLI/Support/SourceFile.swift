import Foundation

/// A file read whole into memory, with a clear error when it cannot be read
/// at all (missing, a folder, no permission): cli.md's exit 2.
struct SourceFile {
    let path: String
    let bytes: [UInt8]

    /// The hard limit on a file callguide reads whole (scripts, transcripts).
    static let maximumSize = 256 * 1024 * 1024

    static func read(_ path: String) throws(CommandError) -> SourceFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unusableInput("\(path): no such file")
        }
        if isDirectory.boolValue { throw .unusableInput("\(path): is a folder, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unusableInput("\(path): permission denied")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unusableInput("\(path): cannot be opened")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumSize + 1) ?? Data()
        } catch {
            throw .unusableInput("\(path): cannot be read (\(error.localizedDescription))")
        }
        if data.count > maximumSize { throw .unusableInput("\(path): is larger than 256 MiB") }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    /// The text of a 1-based line, for showing under a diagnostic.
    func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if current == number { return String(decoding: bytes[start..<index], as: UTF8.self).trimmingCharacters(in: ["\r"]) }
            current += 1
            start = index + 1
        }
        return current == number ? String(decoding: bytes[start...], as: UTF8.self) : nil
    }
}
