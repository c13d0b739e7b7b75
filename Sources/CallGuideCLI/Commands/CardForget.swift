import CallGuide
import CallGuideStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `callguide card forget KEY [--transcripts]` (store.md 6): erases a
/// client's personal data in the store, keeps a tombstone card, and lists
/// (or, with `--transcripts`, masks) the transcripts that still hold them.
enum CardForget {
    static func run(
        key: String, store: CardStore, scripts: WorkspaceScripts, workspace: Workspace, rewriteTranscripts: Bool,
        configuration: WorkspaceConfiguration?, databasePath: String
    ) throws(CommandError) -> Int32 {
        let result: ForgetResult
        do {
            result = try store.forget(key, answerType: { scripts.answerType(script: $0, node: $1) })
        } catch {
            throw .unusableInput(StoreAccess.describe(error, path: databasePath))
        }
        let erasedAnswers = result.erased.answerNodes.values.reduce(0) { $0 + $1.count }
        StandardOutput.print("Card \(result.card.id): personal data erased; status '\(TerminalText.sanitize(result.card.status))' and dates kept. "
            + "\(result.calls.count) call\(result.calls.count == 1 ? "" : "s") cleaned (\(erasedAnswers) answer\(erasedAnswers == 1 ? "" : "s") and the notes).")
        let calls = result.calls.filter { $0.transcriptPath != nil }
        guard !calls.isEmpty else { return 0 }
        var failures = 0
        StandardOutput.print(rewriteTranscripts ? "Transcripts masked:" : "These transcripts still hold the client's data (mask them with --transcripts):")
        for call in calls {
            let path = resolve(call.transcriptPath ?? "", workspace: workspace)
            guard rewriteTranscripts else {
                StandardOutput.print("  \(TerminalText.sanitize(path))")
                continue
            }
            do {
                let changed = try mask(path, rules: rules(store: store, scripts: scripts), masks: result.erased.masks)
                StandardOutput.print("  \(TerminalText.sanitize(path)) (\(changed) line\(changed == 1 ? "" : "s") masked)")
            } catch {
                failures += 1
                StandardOutput.error(TerminalText.sanitize("\(path): \(error.message); the store is cleaned, this file is not"))
            }
        }
        if failures > 0 {
            throw .unusableInput("\(failures) transcript\(failures == 1 ? "" : "s") could not be masked; fix the cause and run card forget \(result.card.id) --transcripts again")
        }
        return 0
    }

    /// What is personal in a transcript: answers by the workspace's
    /// scripts (an unknown script's text answers count as personal), card
    /// fields by the store's schema.
    static func rules(store: CardStore, scripts: WorkspaceScripts) -> TranscriptMasking.Rules {
        TranscriptMasking.Rules(
            answer: { script, node, value in
                guard let type = scripts.answerType(script: script, node: node) else {
                    if case .string = value { return .string(Redaction.maskedText) }
                    return nil
                }
                return Redaction.isPersonal(type) ? Redaction.value(value, type: type) : nil
            },
            field: { field, value in store.mask(field: field, value: value) })
    }

    /// A stored transcript path; a relative one (`run --transcript`) is
    /// looked for in the workspace.
    static func resolve(_ path: String, workspace: Workspace) -> String {
        if path.hasPrefix("/") || FileManager.default.fileExists(atPath: path) { return path }
        return workspace.root + "/" + path
    }

    /// Why a transcript was not masked.
    struct Failure: Error {
        let message: String
    }

    /// Rewrites one transcript masked: into a new file beside it with the
    /// same mode and group (0600 by default), synced, renamed over it, so
    /// a crash leaves either the old file or the new one, never half.
    /// The transcript is locked while it is rewritten, as a call locks it
    /// (a `resume` cannot take it half-way); one in use is left as it is.
    static func mask(_ path: String, rules: TranscriptMasking.Rules, masks: [(value: String, mask: String)]) throws(Failure) -> Int {
        let lock: TranscriptLock
        do {
            lock = try TranscriptLock.acquire(path, holder: .current(operator: CallIdentity.operatorName(option: nil)))
        } catch {
            throw Failure(message: error.message)
        }
        defer { lock.release() }
        let bytes: [UInt8]
        switch SystemFile.readAll(path: path) {
        case .success(let read): bytes = read
        case .failure(let error): throw Failure(message: error.message)
        }
        let masked: TranscriptMasking.Result
        do {
            masked = try TranscriptMasking.mask(bytes, rules: rules, masks: masks)
        } catch {
            throw Failure(message: "line \(error.lineNumber): \(error.message)")
        }
        guard masked.changedLines > 0 else { return 0 }
        var status = stat()
        guard stat(path, &status) == 0 else { throw Failure(message: SystemFile.describe(errno: errno)) }
        let temporary = path + ".masking-\(getpid())"
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(message: "cannot create \(temporary): \(SystemFile.describe(errno: errno))") }
        var failure: Int32?
        if fchmod(descriptor, status.st_mode & 0o777) != 0 { failure = errno }
        if failure == nil, status.st_gid != getegid(), fchown(descriptor, uid_t.max, status.st_gid) != 0 { failure = errno }
        if failure == nil { failure = SystemFile.writeAll(descriptor, masked.bytes) }
        if failure == nil { failure = SystemFile.sync(descriptor) }
        SystemFile.closeDescriptor(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw Failure(message: "cannot be rewritten: \(SystemFile.describe(errno: failure))")
        }
        SystemFile.syncDirectory(SystemFile.directory(of: path))
        return masked.changedLines
    }
}
