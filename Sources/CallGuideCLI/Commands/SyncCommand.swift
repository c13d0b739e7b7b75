import CallGuide
import CallGuideStore
import Foundation

/// `callguide sync [DIR]`: stores every ended call whose transcript is not
/// in the store yet (store.md 2): the calls made while the store was away.
enum SyncCommand: Command {
    static let name = "sync"
    static let summary = "store the ended calls whose transcripts are not in the store yet"
    static let help = """
        Usage: callguide sync [DIR] [--db LOCATION]

        Stores every ended call whose transcript (the *.jsonl files under DIR,
        default the workspace's transcripts/) is not in the store yet: the
        calls made while the store could not be reached (the network was
        down, the server restarting, a lock held too long). It says how many
        it stored and lists each one it could not, with why; run it again
        when the store is back.

        A call is stored from its transcript alone (the script may have
        changed since): its answers, notes, offers, NPS score, outcome, card
        changes and the tasks it made. A call that could not read its card
        at the start (card_available: false) finds it by the key it was given,
        or makes a new caller's card; each card field it writes is then a
        conflict unless the stored field is empty, since the call never saw
        the card.

        Storing is idempotent by call id: a call already stored is counted,
        not stored again, whatever runs at once (several sync processes,
        several machines). A call id the store holds for a different call is
        an error naming both transcripts. A call still running (its
        transcript locked by run or resume) is left to that process, and a
        transcript without an end is left for callguide resume.

        Exit status: 0 when every ended call is in the store, 2 when some
        could not be stored (or the store cannot be used at all).

        Options:
          --db LOCATION  the store: a SQLite file, or a postgresql:// URI (default: $CALLGUIDE_DB,
                         then database: in callguide.yaml, then callguide.db in the workspace)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["db"], flags: [])
        guard parsed.positionals.count <= 1 else { throw .usage(command: name, message: "name at most one folder of transcripts") }
        let workspace = Workspace.find(from: parsed.positionals.first ?? FileManager.default.currentDirectoryPath)
        let folder = parsed.positionals.first ?? (workspace.root as NSString).appendingPathComponent("transcripts")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unusableInput("\(folder): no such folder of transcripts")
        }
        let path = workspace.databasePath(option: parsed.value("db"))
        let configuration = try workspace.loadConfiguration().configuration
        let scripts = WorkspaceScripts.load(workspace, configuration: configuration)
        let store = try StoreAccess.open(path, configuration: configuration, scriptFields: scripts.cardFields)
        var tally = SyncTally()
        for file in TranscriptPaths.expand([folder]) {
            tally.add(file, sync(file, store: store, configuration: configuration, location: path))
        }
        tally.report(location: StoreAccess.shown(path)).forEach(StandardOutput.print)
        return tally.failed.isEmpty ? 0 : 2
    }

    /// What became of one transcript.
    enum FileResult {
        case stored, alreadyStored, notEnded, inUse
        case failed(String)
    }

    static func sync(_ file: String, store: CardStore, configuration: WorkspaceConfiguration?, location: String) -> FileResult {
        // A call still running holds its transcript: that process stores it.
        let lock: TranscriptLock
        do {
            lock = try TranscriptLock.acquire(file, holder: .current(operator: CallIdentity.operatorName(option: nil)))
        } catch {
            return error.heldByAnother ? .inUse : .failed(error.description)
        }
        defer { lock.release() }
        let document: TranscriptDocument
        do {
            document = try TranscriptFileReader.read(path: file)
        } catch {
            return .failed(error.description)
        }
        guard let call = EndedCall(transcript: document, path: file, configuration: configuration) else { return .notEnded }
        do {
            let stored = try CallStoring.store(call, in: store)
            return stored.result.alreadyStored ? .alreadyStored : .stored
        } catch {
            return .failed(StoreAccess.describe(error, path: location))
        }
    }
}

/// The counts `sync` reports, and the transcripts it could not store.
struct SyncTally {
    var stored = 0
    var alreadyStored = 0
    var notEnded = 0
    var inUse = 0
    var failed: [(file: String, reason: String)] = []

    mutating func add(_ file: String, _ result: SyncCommand.FileResult) {
        switch result {
        case .stored: stored += 1
        case .alreadyStored: alreadyStored += 1
        case .notEnded: notEnded += 1
        case .inUse: inUse += 1
        case .failed(let reason): failed.append((file, reason))
        }
    }

    func report(location: String) -> [String] {
        var summary = "Stored \(Self.calls(stored)) in \(location)"
        var others: [String] = []
        if alreadyStored > 0 { others.append("\(alreadyStored) already stored") }
        if inUse > 0 { others.append("\(inUse) in use by another process (left to it)") }
        if notEnded > 0 { others.append("\(notEnded) without an end (callguide resume FILE)") }
        if !failed.isEmpty { others.append("\(failed.count) not stored") }
        if !others.isEmpty { summary += "; " + others.joined(separator: ", ") }
        var lines = [summary + "."]
        if !failed.isEmpty {
            lines.append("Not stored:")
            lines += failed.map { "  \(TerminalText.sanitize($0.file)): \(TerminalText.sanitize($0.reason))" }
        }
        return lines
    }

    private static func calls(_ count: Int) -> String { count == 1 ? "1 call" : "\(count) calls" }
}
