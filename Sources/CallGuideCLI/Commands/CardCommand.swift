import CallGuide
import CallGuideStore
import Foundation

/// `callguide card show|find|set|import|export`: the client cards.
enum CardCommand: Command {
    static let name = "card"
    static let summary = "show, find, change, import and export client cards"
    static let help = """
        Usage:
          callguide card show KEY [--format text|json]   a card's fields and call history
          callguide card find TEXT [--limit N]           cards whose name, phone, email or company contain TEXT
          callguide card set KEY FIELD=VALUE...          change fields (typed; status follows the transitions)
          callguide card import FILE.csv [--dry-run] [--blank-clears]
                                                         import cards (all or nothing)
          callguide card export [--format csv|json] [--redact] [--output FILE]
                                                         every card
          callguide card forget KEY [--transcripts]      erase a client's personal data, keep a tombstone

        KEY is a card id (C000123) or a phone number of 7 to 15 digits: the
        same number (with `phone:` in callguide.yaml, however it is typed),
        else the one card whose phone ends with its last 9+ digits; several
        such cards are listed and nothing is done (exit 2). TEXT of 3 characters
        or more matches any part, in any case; TEXT of 1 or 2 characters
        matches the beginning of a word or of a group of phone digits ("ol"
        finds Olga and ol@example.com, not Nikol); a phone matches on digits
        alone. FIELD is a built-in field, one of
        callguide.yaml or one a script of the workspace declares; VALUE is read
        as an answer would be (a number may be typed `1 500,50`).
        The CSV header names fields (id, phone, name, email, company, region,
        status and the custom fields); a row with an id (C and six digits or
        more) updates that card, a row whose phone matches a card updates it,
        others create cards. An empty cell keeps the stored value. Phones have
        7 to 15 digits; a NUL character or a number of more than 38 digits is
        refused. A file with bad rows names every one by line and column and
        imports nothing. Cells that `card export` marked with a leading ' (a
        spreadsheet would run them as formulas) are read without it. With
        unique_phones: true in callguide.yaml, card set and card import refuse
        a phone another card has. `card show` flags a phone that phone: in
        callguide.yaml does not recognize ("phone_unrecognized": true in JSON).

        `card forget` erases the card's name, phone, email, company, region and
        text fields (id, status and dates stay), and in its calls the notes and
        the answers that are free text, phones, emails or dates. It lists the
        transcripts that still hold the client's data.

        On a terminal, export shows control, bidirectional and zero-width
        characters as visible stand-ins; redirect it to a file for exact bytes.

        Options:
          --db LOCATION    the store: a SQLite file, or a postgresql:// URI (default: $CALLGUIDE_DB,
                           then database: in callguide.yaml, then callguide.db in the workspace)
          --format FORMAT  as above
          --limit N        card find: show at most N cards (default 50); says how many more matched
                           (counted up to 1000)
          --dry-run        card import: check every row and print what would change; write nothing
          --blank-clears   card import: an empty cell clears the stored value instead of keeping it
          --redact         card export: mask names, phones, emails and text fields (store.md 6)
          --output FILE    card export: write to FILE (mode 0600, or 0660 with files: {group}), not stdout
          --transcripts    card forget: rewrite those transcripts with the values masked (still replayable)
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["db", "format", "limit", "output"],
                                         flags: ["dry-run", "blank-clears", "redact", "transcripts"])
        guard let action = parsed.positionals.first else {
            throw .usage(command: name, message: "name an action: show, find, set, import, export or forget")
        }
        let rest = Array(parsed.positionals.dropFirst())
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let configuration = try workspace.loadConfiguration().configuration
        let path = workspace.databasePath(option: parsed.value("db"))
        try checkOptions(parsed, action: action)
        // Fields the workspace's scripts declare are card fields too (`run`
        // learns them from its script); only the commands that type values
        // need them.
        let scriptFields = ["set", "import", "export", "forget"].contains(action)
            ? WorkspaceScripts.load(workspace, configuration: configuration).cardFields : []
        switch action {
        case "show":
            guard rest.count == 1 else { throw .usage(command: name, message: "card show takes one KEY") }
            let format = try parsed.choice("format", among: ["text", "json"], default: "text")
            let store = try StoreAccess.openExisting(path, configuration: configuration)
            return try attempt(path) {
                guard let card = try store.card(key: rest[0]) else { throw StoreError.noSuchCard(key: rest[0]) }
                let calls = try store.calls(CallFilter(cardId: card.id))
                // A phone the centre's `phone:` setting cannot read is shown
                // flagged, for someone to correct (store.md 4).
                let unrecognized = card.phone.map(store.isUnrecognizedPhone) ?? false
                if format == "json" {
                    let flag: [(String, JSONValue)] = unrecognized ? [("phone_unrecognized", .bool(true))] : []
                    StandardOutput.print(JSONWriter.serialize(.object(cardJSON(card) + flag + [("calls", .array(calls.map { CallListing.json($0, centre: store.timeZone) }))])))
                } else {
                    showCard(card, calls: calls, centre: store.timeZone, unrecognizedPhone: unrecognized)
                }
                return 0
            }
        case "find":
            guard rest.count == 1 else { throw .usage(command: name, message: "card find takes one TEXT") }
            let limit = try Self.limit(parsed)
            let store = try StoreAccess.openExisting(path, configuration: configuration)
            return try attempt(path) {
                let cards = try store.searchCards(text: rest[0], limit: limit)
                if cards.isEmpty {
                    StandardOutput.print("No card matches '\(TerminalText.sanitize(rest[0]))'.")
                    return 0
                }
                var table = TextTable(headers: ["id", "name", "phone", "email", "company", "status"])
                table.rows = cards.map { [$0.id, $0.name ?? "", $0.phone ?? "", $0.email ?? "", $0.company ?? "", $0.status].map { TerminalText.sanitize($0) } }
                StandardOutput.print(table.render())
                if cards.count == limit {
                    // Counted up to a bound: "a" may match most of a million cards.
                    let cap = limit + Self.countedBeyondLimit
                    let more = try store.countMatches(text: rest[0], upTo: cap) - cards.count
                    if more >= Self.countedBeyondLimit {
                        StandardOutput.print("... and more than \(Self.countedBeyondLimit) more; give a longer TEXT")
                    } else if more > 0 {
                        StandardOutput.print("... and \(more) more; use --limit \(limit + more) to see them all, or a longer TEXT")
                    }
                }
                return 0
            }
        case "set":
            guard rest.count >= 2 else { throw .usage(command: name, message: "card set takes a KEY and at least one FIELD=VALUE") }
            var values: [String: String] = [:]
            for assignment in rest.dropFirst() {
                guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                    throw .usage(command: name, message: "'\(assignment)' is not FIELD=VALUE")
                }
                values[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
            }
            let store = try StoreAccess.openExisting(path, configuration: configuration, scriptFields: scriptFields)
            return try attempt(path) {
                let card = try store.setFields(rest[0], text: values)
                showCard(card, calls: [], centre: store.timeZone, unrecognizedPhone: card.phone.map(store.isUnrecognizedPhone) ?? false)
                return 0
            }
        case "import":
            guard rest.count == 1 else { throw .usage(command: name, message: "card import takes one FILE.csv") }
            let file = try SourceFile.read(rest[0])
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                throw .unusableInput("\(rest[0]): is not UTF-8 text")
            }
            let options = ImportOptions(blankClears: parsed.flag("blank-clears"), dryRun: parsed.flag("dry-run"))
            // A dry run creates no database either.
            let store = options.dryRun
                ? try StoreAccess.openExisting(path, configuration: configuration, scriptFields: scriptFields)
                : try StoreAccess.open(path, configuration: configuration, scriptFields: scriptFields)
            do {
                let summary = try store.importCards(csv: text, options: options)
                if options.dryRun {
                    for action in summary.actions { StandardOutput.print(TerminalText.sanitize(Self.describe(action, file: rest[0]))) }
                    StandardOutput.print("Dry run of \(rest[0]): \(summary.created) card\(summary.created == 1 ? "" : "s") would be created, \(summary.updated) updated; nothing was written.")
                } else {
                    StandardOutput.print("Imported \(rest[0]): \(summary.created) card\(summary.created == 1 ? "" : "s") created, \(summary.updated) updated.")
                }
                return 0
            } catch let error as StoreError {
                if case .badImport(let problems) = error {
                    for problem in problems { StandardOutput.error(TerminalText.sanitize("\(rest[0]):\(problem.line): \(problem.message)")) }
                    throw .unusableInput("\(rest[0]) has \(problems.count) bad row\(problems.count == 1 ? "" : "s"); nothing was imported")
                }
                throw .unusableInput(StoreAccess.describe(error, path: path))
            } catch {
                throw .unusableInput(StoreAccess.describe(error, path: path))
            }
        case "export":
            guard rest.isEmpty else { throw .usage(command: name, message: "card export takes no arguments") }
            let format = try parsed.choice("format", among: ["csv", "json"], default: "csv")
            let redact = parsed.flag("redact")
            let store = try StoreAccess.openExisting(path, configuration: configuration, scriptFields: scriptFields)
            return try attempt(path) {
                let text: String
                if format == "csv" {
                    text = try store.exportCardsCSV(redacted: redact)
                } else {
                    let cards = try store.exportCards().map { redact ? store.redacted($0) : $0 }
                    text = JSONWriter.serialize(.array(cards.map { .object(cardJSON($0)) })) + "\n"
                }
                try ClientFiles.emit(text, output: parsed.value("output"), configuration: configuration)
                return 0
            }
        case "forget":
            guard rest.count == 1 else { throw .usage(command: name, message: "card forget takes one KEY") }
            let scripts = WorkspaceScripts.load(workspace, configuration: configuration)
            let store = try StoreAccess.openExisting(path, configuration: configuration, scriptFields: scripts.cardFields)
            return try CardForget.run(key: rest[0], store: store, scripts: scripts, workspace: workspace,
                                      rewriteTranscripts: parsed.flag("transcripts"), configuration: configuration, databasePath: path)
        default:
            throw .usage(command: name, message: "unknown action '\(action)'; use show, find, set, import, export or forget")
        }
    }

    /// Options that only some actions take are refused elsewhere, so a
    /// misplaced `--dry-run` never writes for real.
    static func checkOptions(_ parsed: ParsedArguments, action: String) throws(CommandError) {
        let only: [(option: String, action: String, flag: Bool)] = [
            ("limit", "find", false), ("dry-run", "import", true), ("blank-clears", "import", true),
            ("redact", "export", true), ("output", "export", false), ("transcripts", "forget", true),
        ]
        for rule in only where rule.action != action && (rule.flag ? parsed.flag(rule.option) : parsed.value(rule.option) != nil) {
            throw .usage(command: name, message: "--\(rule.option) is an option of card \(rule.action), not card \(action)")
        }
    }

    /// How far `card find` counts the matches it did not show: exactly up
    /// to this many, "more than" beyond (counting all of a million is slow).
    static let countedBeyondLimit = 1000

    /// `--limit N`: a whole number from 1; 50 when not given.
    static func limit(_ parsed: ParsedArguments) throws(CommandError) -> Int {
        guard let text = parsed.value("limit") else { return 50 }
        guard let limit = Int(text), limit >= 1 else {
            throw .usage(command: name, message: "--limit takes a whole number of 1 or more, not '\(text)'")
        }
        return limit
    }

    /// One line of `card import --dry-run`.
    static func describe(_ action: ImportAction, file: String) -> String {
        let fields = action.fields.isEmpty ? "" : ": " + action.fields.joined(separator: ", ")
        switch action.kind {
        case .create: return "\(file):\(action.line): would create \(action.card ?? "a new card")\(fields)"
        case .update: return "\(file):\(action.line): would update \(action.card ?? "")\(fields)"
        case .unchanged: return "\(file):\(action.line): \(action.card ?? "") unchanged"
        }
    }

    /// Runs a store operation, turning its errors into one sentence (exit 2).
    /// `attempt` for a body that returns a value.
    static func attemptValue<T>(_ path: String, _ body: () throws -> T) throws(CommandError) -> T {
        do {
            return try body()
        } catch let error as CommandError {
            throw error
        } catch {
            throw .unusableInput(StoreAccess.describe(error, path: path))
        }
    }

    static func attempt(_ path: String, _ body: () throws -> Int32) throws(CommandError) -> Int32 {
        do {
            return try body()
        } catch let error as CommandError {
            throw error
        } catch {
            throw .unusableInput(StoreAccess.describe(error, path: path))
        }
    }

    static func cardJSON(_ card: Card) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [("id", .string(card.id))]
        for (key, value) in [("phone", card.phone), ("name", card.name), ("email", card.email), ("company", card.company), ("region", card.region)] {
            fields.append((key, value.map(JSONValue.string) ?? .null))
        }
        fields.append(("status", .string(card.status)))
        fields.append(("fields", .object(card.fields.keys.sorted().map { ($0, TranscriptCodec.json(card.fields[$0]!)) })))
        fields.append(("revision", .number(Decimal(card.revision))))
        return fields
    }

    /// The card's fields, then its calls, each at its own local time
    /// (`centre`: the store's zone, for calls stored without their clock).
    static func showCard(_ card: Card, calls: [CallRecord], centre: TimeZone, unrecognizedPhone: Bool = false) {
        let clean = { (text: String) in TerminalText.sanitize(text) }
        var table = TextTable(headers: ["field", "value"])
        let phone = (card.phone ?? "") + (unrecognizedPhone ? "  (not recognized by phone: in callguide.yaml; check it)" : "")
        table.rows = [["id", card.id], ["name", card.name ?? ""], ["phone", phone], ["email", card.email ?? ""],
                      ["company", card.company ?? ""], ["region", card.region ?? ""], ["status", card.status]]
        for key in card.fields.keys.sorted() { table.rows.append([key, card.fields[key]!.displayText]) }
        table.rows = table.rows.map { $0.map(clean) }
        StandardOutput.print(table.render())
        guard !calls.isEmpty else { return }
        StandardOutput.print("")
        var history = TextTable(headers: CallListing.headers)
        history.rows = calls.map { CallListing.cells($0, centre: centre) }
        StandardOutput.print(history.render())
    }
}
