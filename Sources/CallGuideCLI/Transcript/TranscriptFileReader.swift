import CallGuide

/// Reads transcript files for replay and resume; the parsing itself is the
/// engine's pure `TranscriptDocument`.
public enum TranscriptFileReader {
    /// The transcript at `path`. Errors name the file and, for a damaged
    /// transcript, the line (`calls/0042.jsonl:17: ...`).
    public static func read(path: String) throws(TranscriptFileError) -> TranscriptDocument {
        let bytes = try SystemFile.readAll(path: path).get()
        do {
            return try TranscriptDocument.parse(bytes: bytes)
        } catch {
            throw TranscriptFileError(path: path, error)
        }
    }
}
