import CallGuide
import Foundation

/// `callguide init [DIR]`: a new workspace, ready to run.
enum InitCommand: Command {
    static let name = "init"
    static let summary = "create a workspace: configuration, sample script and transcript"
    static let help = """
        Usage: callguide init [DIR] [--sample-data [--seed N]]

        Creates a workspace in DIR (default: the current folder):
          callguide.yaml                 card fields, statuses and transitions, outcomes
          scripts/inbound-order.yaml     a sample inbound order script
          scripts/delivery-follow-up.yaml  the callback after its delivery
          shared/closing.yaml            a module both use: the NPS question
          shared/objections.yaml         a module both use: answers to objections (!price)
          scripts/inbound-proposal.yaml, scripts/proposal-follow-up.yaml
                                         a sale over several calls
          qa/sample-call.jsonl           a sample transcript to replay
          .gitignore                     keeps the database and live transcripts out of git
          transcripts/                   where calls are journalled (readable by you only)
        Existing files are never overwritten. DIR itself is created, but not
        missing folders above it.

        --sample-data also fills DIR/callguide.db with about 350 synthetic calls
        of the sample script over the eight weeks up to today (four operators,
        versions 3 and 4, sales and refusals, the filters upsell taken or
        declined, an NPS spread, cards moving through their statuses,
        callbacks done, late and overdue), so every report has something to
        show: try 'callguide report --by week' or
        'callguide report dashboard --output report.html'. The same --seed
        (default 1) gives the same calls, placed relative to today. Refused
        (exit 2) when DIR/callguide.db already holds cards or calls.

        Then: callguide run scripts/inbound-order.yaml --card "+7 900 123-45-67"
        """

    static let configuration = """
        # callguide workspace configuration (see Docs/cards-and-reports.md)
        card:
          fields:
            budget: number
            previous_model: text
            segment: {type: choice, options: [retail, wholesale]}
          statuses: [new, potential, in_work, active, vip, refused]
          transitions:
            new: [potential, in_work, active, refused]
            potential: [in_work, active, refused]
            in_work: [active, refused]
            active: [vip]
        outcomes:
          callback: {label: Callback scheduled, converted: false}
        # The operator screen's language: en, ru or uk (default: the call's
        # --lang, else LANG, else English).
        # ui_language: ru
        # Callbacks and the queue (see Docs/operators.md, "An operator's working day"):
        # timezone: Europe/Kyiv
        # operators:
        #   anna: [sales]
        #   boris: [sales, senior]
        # scripts: scripts
        # retry:
        #   no_answer: {after: 2h, max_attempts: 5}
        #   busy: {after: 15m, max_attempts: 5}

        """

    static let gitignore = """
        callguide.db
        callguide.db-wal
        callguide.db-shm
        transcripts/

        """

    /// Creates the workspace folder itself, never missing folders above it
    /// (a mistyped path is reported, not built), with a sentence the user
    /// can act on when the system refuses.
    static func makeWorkspaceFolder(_ path: String) throws(CommandError) {
        var status = stat()
        if stat(path, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFDIR { return }
            throw .unusableInput("\(path): already exists and is not a folder")
        }
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        let code = errno
        let parent = SystemFile.directory(of: path)
        if let missing = SystemFile.missingFolder(parent) {
            throw .unusableInput("\(path): cannot create the workspace folder: \(missing)")
        }
        switch code {
        case EACCES, EPERM: throw .unusableInput("\(path): cannot create the workspace folder: permission denied in \(parent.isEmpty ? "." : parent)")
        case EROFS: throw .unusableInput("\(path): cannot create the workspace folder: \(parent.isEmpty ? "." : parent) is on a read-only file system")
        // /proc and /sys answer ENOENT for a new name in a folder that exists.
        case ENOENT: throw .unusableInput("\(path): cannot create the workspace folder: \(parent) does not accept new folders")
        default: throw .unusableInput("\(path): cannot create the workspace folder: \(SystemFile.describe(errno: code))")
        }
    }

    /// The system's own reason inside a Foundation file error (its POSIX
    /// error), not Foundation's generic "The operation could not be completed".
    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return SystemFile.describe(errno: Int32(underlying.code))
        }
        if error.domain == NSPOSIXErrorDomain { return SystemFile.describe(errno: Int32(error.code)) }
        return error.localizedDescription
    }

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["seed"], flags: ["sample-data"])
        guard parsed.positionals.count <= 1 else { throw .usage(command: name, message: "name at most one folder") }
        let seed = try sampleSeed(parsed)
        let root = URL(fileURLWithPath: parsed.positionals.first ?? ".")
        try makeWorkspaceFolder(parsed.positionals.first ?? ".")
        let script = DemoWorkspace.inboundOrderScript()
        var transcript = ""
        if let script { transcript = sampleTranscript(script) }
        let files: [(String, String)] = [("callguide.yaml", configuration)] + DemoWorkspace.files.map { ($0.path, $0.text) } + [
            ("scripts/inbound-proposal.yaml", ProposalExample.inbound + "\n"),
            ("scripts/proposal-follow-up.yaml", ProposalExample.followUp + "\n"),
            ("qa/sample-call.jsonl", transcript),
            (".gitignore", gitignore),
        ]
        for (relative, content) in files {
            let url = root.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: url.path) {
                StandardOutput.print("kept     \(url.relativePath) (already there)")
                continue
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw .unusableInput("\(url.relativePath): cannot be written (\(Self.reason(error)))")
            }
            StandardOutput.print("created  \(url.relativePath)")
        }
        // The transcripts folder, so `--transcript transcripts/NAME.jsonl`
        // works at once (callguide creates no folders for a path it is given).
        let transcripts = root.appendingPathComponent("transcripts")
        if mkdir(transcripts.path, 0o700) == 0 {
            StandardOutput.print("created  \(transcripts.relativePath)/")
        } else if errno != EEXIST {
            throw .unusableInput("\(transcripts.relativePath): cannot be created (\(SystemFile.describe(errno: errno)))")
        }
        if let seed { try fillSampleData(root: root, seed: seed) }
        StandardOutput.print("""

            Next:
              cd \(root.relativePath)
              callguide check scripts/inbound-order.yaml
              callguide run scripts/inbound-order.yaml --card "+7 900 123-45-67"
              callguide replay scripts/inbound-order.yaml qa
            """)
        return 0
    }

    /// The seed of `--sample-data`, nil without it; `--seed` alone is a
    /// mistake worth saying.
    static func sampleSeed(_ parsed: ParsedArguments) throws(CommandError) -> UInt64? {
        guard parsed.flag("sample-data") else {
            if parsed.value("seed") != nil { throw .usage(command: name, message: "--seed goes with --sample-data") }
            return nil
        }
        guard let text = parsed.value("seed") else { return 1 }
        guard let seed = UInt64(text) else { throw .usage(command: name, message: "--seed takes a whole number 0 or more, not '\(TerminalText.sanitize(text))'") }
        return seed
    }

    /// `--sample-data`: synthetic calls in the workspace's own database,
    /// through the store's API (`SampleData`). A store that already holds
    /// cards or calls is left alone: sample data must never mix with a
    /// centre's real ones.
    static func fillSampleData(root: URL, seed: UInt64) throws(CommandError) {
        let workspace = Workspace(root: root.path, configurationPath: root.appendingPathComponent(Workspace.configurationName).path)
        let configuration = try workspace.loadConfiguration().configuration
        let path = root.appendingPathComponent("callguide.db").path
        let store = try StoreAccess.open(path, configuration: configuration)
        let zone = configuration?.workflow.timeZone ?? .current
        do {
            let (cards, calls) = (try store.cardCount(), try store.callCount())
            if cards > 0 || calls > 0 {
                throw CommandError.unusableInput("\(path): already holds \(cards) cards and \(calls) calls; sample data go into a new workspace only")
            }
            var sample = SampleData(seed: seed, lastDay: CalendarDate(instant: Date(), in: zone), zone: zone)
            let loaded = try sample.load(into: store, questions: DemoWorkspace.inboundOrderScript().map(CallRecorder.storedQuestions) ?? [])
            StandardOutput.print("filled   callguide.db: \(loaded.calls) sample calls of \(loaded.cards) clients, \(loaded.tasks) callbacks (seed \(seed))")
        } catch let error as CommandError {
            throw error
        } catch {
            throw .unusableInput(StoreAccess.describe(error, path: path))
        }
    }

    /// A transcript of the sample call, made by the engine itself, with
    /// the fingerprint and module hashes `run` would record.
    static func sampleTranscript(_ script: Script) -> String {
        let date = Date()
        var context = CallContext(
            callID: "sample-\(CallIdentity.newCallID(at: date))", operator: "anna", language: script.language,
            today: CallIdentity.localDate(date), started: TranscriptCodec.isoTimestamp(date),
            scriptSHA256: ScriptFingerprint.sha256(script: SHA256.hex(Array((DemoWorkspace.inboundOrder + "\n").utf8)), modules: script.modules),
            cardID: nil, cardData: [:])
        context.modules = ScriptFingerprint.moduleHashes(script.modules)
        var session = CallSession(script: script, context: context)
        var events = session.start()
        for line in DemoAnswers.lines(deliveryDate: DemoAnswers.deliveryDate(after: date)) where !session.isEnded {
            events += session.handle(line)
        }
        events += session.endOfInput()
        let time = TranscriptCodec.isoTimestamp(date)
        return events.enumerated().map { TranscriptCodec.encode(TranscriptLine(seq: $0.offset, time: time, event: $0.element)) + "\n" }.joined()
    }
}
