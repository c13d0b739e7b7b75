import CallGuide
import Foundation

/// `callguide init [DIR]`: a new workspace, ready to run.
enum InitCommand: Command {
    static let name = "init"
    static let summary = "create a workspace: configuration, sample script and transcript"
    static let help = """
        Usage: callguide init [DIR]

        Creates a workspace in DIR (default: the current folder):
          callguide.yaml                 card fields, statuses and transitions, outcomes
          scripts/inbound-order.yaml     a sample inbound order script
          qa/sample-call.jsonl           a sample transcript to replay
          .gitignore                     keeps the database and live transcripts out of git
        Existing files are never overwritten.

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

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: [], flags: [])
        guard parsed.positionals.count <= 1 else { throw .usage(command: name, message: "name at most one folder") }
        let root = URL(fileURLWithPath: parsed.positionals.first ?? ".")
        let script = loadedExample()
        var transcript = ""
        if let script { transcript = sampleTranscript(script) }
        let files: [(String, String)] = [
            ("callguide.yaml", configuration),
            ("scripts/inbound-order.yaml", DemoScript.yaml + "\n"),
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
                throw .unusableInput("\(url.relativePath): cannot be written (\(error.localizedDescription))")
            }
            StandardOutput.print("created  \(url.relativePath)")
        }
        StandardOutput.print("""

            Next:
              cd \(root.relativePath)
              callguide check scripts/inbound-order.yaml
              callguide run scripts/inbound-order.yaml --card "+7 900 123-45-67"
              callguide replay scripts/inbound-order.yaml qa
            """)
        return 0
    }

    private static func loadedExample() -> Script? {
        ScriptLoader.load(Array(DemoScript.yaml.utf8)).checked
    }

    /// A transcript of the sample call, made by the engine itself.
    static func sampleTranscript(_ script: Script) -> String {
        let date = Date()
        let context = CallContext(
            callID: "sample-\(CallIdentity.newCallID(at: date))", operator: "anna", language: script.language,
            today: CallIdentity.localDate(date), started: TranscriptCodec.isoTimestamp(date),
            scriptSHA256: SHA256.hex(Array((DemoScript.yaml + "\n").utf8)), cardID: nil, cardData: [:])
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
