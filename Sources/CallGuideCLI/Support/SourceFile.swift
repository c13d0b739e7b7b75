import Foundation

/// A file read whole into memory, with a clear error when it cannot be read
/// at all (missing, a folder, a FIFO or device, no permission): cli.md's exit 2.
struct SourceFile {
    let path: String
    let bytes: [UInt8]

    /// The hard limit on a file callguide reads whole (scripts, transcripts).
    static let maximumSize = 256 * 1024 * 1024

    static func read(_ path: String) throws(CommandError) -> SourceFile {
        switch RegularFile.read(path, maximumSize: maximumSize) {
        case .success(let bytes): return SourceFile(path: path, bytes: bytes)
        case .failure(let problem): throw .unusableInput("\(path): \(problem.reason)")
        }
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
