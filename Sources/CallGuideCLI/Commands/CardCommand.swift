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
          callguide card find TEXT                       cards whose name, phone, email or company contain TEXT
          callguide card set KEY FIELD=VALUE...          change fields (typed; status follows the transitions)
          callguide card import FILE.csv                 import cards (all or nothing)
          callguide card export [--format csv|json]      every card

        KEY is a card id (C000123) or a phone number (compared on its digits).
        TEXT matches any part, in any case; a phone matches on digits alone.
        The CSV header names fields (id, phone, name, email, company, region,
        status and the workspace's custom fields); a row with an id updates that
        card, a row whose phone matches a card updates it, others create cards.
        A file with bad rows names every one by line and imports nothing.

        Options:
          --db PATH        the database (default: $CALLGUIDE_DB, then callguide.db in the workspace)
          --format FORMAT  as above
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["db", "format"], flags: [])
        guard let action = parsed.positionals.first else {
            throw .usage(command: name, message: "name an action: show, find, set, import or export")
        }
        let rest = Array(parsed.positionals.dropFirst())
        let workspace = Workspace.find(from: FileManager.default.currentDirectoryPath)
        let configuration = try workspace.loadConfiguration().configuration
        let path = workspace.databasePath(option: parsed.value("db"))
        switch action {
        case "show":
            guard rest.count == 1 else { throw .usage(command: name, message: "card show takes one KEY") }
            let format = try parsed.choice("format", among: ["text", "json"], default: "text")
            let store = try StoreAccess.openExisting(path, configuration: configuration)
            return try attempt(path) {
                guard let card = try store.card(key: rest[0]) else { throw StoreError.noSuchCard(key: rest[0]) }
                let calls = try store.calls(CallFilter(cardId: card.id))
                if format == "json" {
                    StandardOutput.print(JSONWriter.serialize(.object(cardJSON(card) + [("calls", .array(calls.map(CallListing.json)))])))
                } else {
                    showCard(card, calls: calls)
                }
                return 0
            }
        case "find":
            guard rest.count == 1 else { throw .usage(command: name, message: "card find takes one TEXT") }
            let store = try StoreAccess.openExisting(path, configuration: configuration)
            return try attempt(path) {
                let cards = try store.searchCards(text: rest[0])
                if cards.isEmpty {
                    StandardOutput.print("No card matches '\(TerminalText.sanitize(rest[0]))'.")
                    return 0
                }
                var table = TextTable(headers: ["id", "name", "phone", "email", "company", "status"])
                table.rows = cards.map { [$0.id, $0.name ?? "", $0.phone ?? "", $0.email ?? "", $0.company ?? "", $0.status].map { TerminalText.sanitize($0) } }
                StandardOutput.print(table.render())
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
            let store = try StoreAccess.openExisting(path, configuration: configuration)
            return try attempt(path) {
                let card = try store.setFields(rest[0], text: values)
                showCard(card, calls: [])
                return 0
            }
        case "import":
            guard rest.count == 1 else { throw .usage(command: name, message: "card import takes one FILE.csv") }
            let file = try SourceFile.read(rest[0])
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                throw .unusableInput("\(rest[0]): is not UTF-8 text")
            }
            let store = try StoreAccess.open(path, configuration: configuration)
            do {
                let summary = try store.importCards(csv: text)
                StandardOutput.print("Imported \(rest[0]): \(summary.created) card\(summary.created == 1 ? "" : "s") created, \(summary.updated) updated.")
                return 0
            } catch let error as StoreError {
                if case .badImport(let problems) = error {
                    for problem in problems { StandardOutput.error("\(rest[0]):\(problem.line): \(problem.message)") }
                    throw .unusableInput("\(rest[0]) has \(problems.count) bad row\(problems.count == 1 ? "" : "s"); nothing was imported")
                }
                throw .unusableInput(StoreAccess.describe(error, path: path))
            } catch {
                throw .unusableInput(StoreAccess.describe(error, path: path))
            }
        case "export":
            guard rest.isEmpty else { throw .usage(command: name, message: "card export takes no arguments") }
            let format = try parsed.choice("format", among: ["csv", "json"], default: "csv")
            let store = try StoreAccess.openExisting(path, configuration: configuration)
            return try attempt(path) {
                if format == "csv" {
                    StandardOutput.write(try store.exportCardsCSV())
                } else {
                    StandardOutput.print(JSONWriter.serialize(.array(try store.exportCards().map { .object(cardJSON($0)) })))
                }
                return 0
            }
        default:
            throw .usage(command: name, message: "unknown action '\(action)'; use show, find, set, import or export")
        }
    }

    /// Runs a store operation, turning its errors into one sentence (exit 2).
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

    static func showCard(_ card: Card, calls: [CallRecord]) {
        let clean = { (text: String) in TerminalText.sanitize(text) }
        var table = TextTable(headers: ["field", "value"])
        table.rows = [["id", card.id], ["name", card.name ?? ""], ["phone", card.phone ?? ""], ["email", card.email ?? ""],
                      ["company", card.company ?? ""], ["region", card.region ?? ""], ["status", card.status]]
        for key in card.fields.keys.sorted() { table.rows.append([key, card.fields[key]!.displayText]) }
        table.rows = table.rows.map { $0.map(clean) }
        StandardOutput.print(table.render())
        guard !calls.isEmpty else { return }
        StandardOutput.print("")
        var history = TextTable(headers: CallListing.headers)
        history.rows = calls.map(CallListing.cells)
        StandardOutput.print(history.render())
    }
}
