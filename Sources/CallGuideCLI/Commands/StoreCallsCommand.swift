import CallGuide
import CallGuideStore
import Foundation

/// Hidden (`callguide __store-calls N --db PATH [--operator NAME]`): stores N
/// synthetic calls, each in its own transaction and each changing one shared
/// card, so tests can run several writer processes against one database and
/// prove that no call is lost and no writer fails on a busy lock. With
/// `--script FILE`, each call is a real call of FILE, taken exactly as `run`
/// takes it (card looked up or created, transcript, REPL fed `--answer`
/// lines, record and card changes stored by `CallRecorder`): one process is
/// one operator making N calls back to back. Not listed in `callguide
/// --help`: it is a test harness, not an operator's command.
enum StoreCallsCommand: Command {
    static let name = "__store-calls"
    static let summary = "store N synthetic calls (test harness)"
    static let help = """
        Usage: callguide __store-calls N --db PATH [--operator NAME]
               callguide __store-calls N --db PATH --operator NAME --script FILE
                                       [--shared-cards K] [--answer TEXT] [--transcripts DIR]

        Stores N synthetic calls in the database, one transaction each, every
        call changing the region of one shared card (so writers contend).
        Exits 0 when all are stored, 2 with the store's error otherwise.

        With --script, makes N real calls of FILE as `run` makes them, each
        answered with the --answer line (default yes) until it ends: the even
        ones on the cards C000001 to C00000K in turn (K = --shared-cards,
        default 10), the odd ones on a new caller (a phone of its own made
        from NAME and the call's number). Transcripts go to DIR (default: a
        new temporary folder). Exits 0 when every call was stored.
        """

    /// The shared card's phone: every writer process changes this card.
    static let sharedPhone = "+7 000 000-00-01"

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(
            arguments, command: name, valued: ["db", "operator", "script", "shared-cards", "answer", "transcripts"], flags: [])
        guard parsed.positionals.count == 1, let count = Int(parsed.positionals[0]), count >= 0 else {
            throw .usage(command: name, message: "give the number of calls to store")
        }
        guard let path = parsed.value("db") else { throw .usage(command: name, message: "give the database with --db PATH") }
        let operatorName = parsed.value("operator") ?? "writer"
        if let script = parsed.value("script") {
            return try realCalls(count, script: script, database: path, operator: operatorName, parsed: parsed)
        }
        let store = try StoreAccess.open(path, configuration: nil)
        do {
            let shared = try store.findOrCreateByPhone(sharedPhone).card
            for index in 0..<count {
                let now = Date()
                let revision = try store.card(shared.id)?.revision
                let record = CallRecord(
                    id: "\(operatorName)-\(index)-\(CallIdentity.newCallID(at: now))", cardId: shared.id,
                    operator: operatorName, scriptId: "synthetic", startedAt: now, endedAt: now, outcome: "done",
                    answers: [CallRecord.Answer(node: "n", value: .number(Decimal(index)))])
                try store.storeCall(record, cardChanges: ["region": .string("\(operatorName) \(index)")],
                                    cardRevisionAtStart: revision, transitions: nil)
            }
        } catch {
            throw .unusableInput(StoreAccess.describe(error, path: path))
        }
        return 0
    }

    /// N calls through `CallStarter.runNewCall`, the code `run` uses.
    static func realCalls(_ count: Int, script: String, database: String, operator operatorName: String, parsed: ParsedArguments)
        throws(CommandError) -> Int32
    {
        let shared = Int(parsed.value("shared-cards") ?? "10") ?? 0
        guard shared >= 1 else { throw .usage(command: name, message: "--shared-cards takes a whole number of 1 or more") }
        let loaded = try LoadedScript.load(script, showWarnings: false)
        let workspace = Workspace.forCall(script: loaded)
        let folder = parsed.value("transcripts") ?? NSTemporaryDirectory() + "/callguide-store-calls-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .unusableInput("\(folder): cannot create the folder (\(error.localizedDescription))")
        }
        // A number of 7 digits per operator name and call, so no two
        // operators' new callers share a phone.
        let operatorNumber = operatorName.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) % 9_000 }
        var failed = 0
        for index in 0..<count {
            let key = index % 2 == 0
                ? String(format: "C%06d", 1 + (index / 2) % shared)
                : String(format: "+1 555 %04d%03d", operatorNumber, index % 1_000)
            let options = CallOptions(
                card: key, operator: operatorName, language: nil, database: database,
                transcript: folder + "/\(operatorName)-\(index).jsonl")
            let reader = RepeatedAnswer(parsed.value("answer") ?? "yes")
            let result = try CallStarter.runNewCall(loaded, workspace: workspace, options: options, reader: reader)
            if !result.stored { failed += 1 }
        }
        if failed > 0 { throw .unusableInput("\(failed) of \(count) calls were not stored in \(StoreAccess.shown(database))") }
        return 0
    }
}

/// Answers every prompt with the same line (a harness's operator), and
/// ends the input after a thousand, so a script that never ends cannot
/// hang the harness.
final class RepeatedAnswer: LineReader {
    let answer: String
    private var left = 1_000
    init(_ answer: String) { self.answer = answer }
    func readLine(prompt: String) -> InputEvent {
        left -= 1
        return left < 0 ? .endOfInput : .line(answer)
    }
}
