import CallGuide
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What an import did (or, for a dry run, would do).
public struct ImportSummary: Equatable, Sendable {
    public var created: Int
    public var updated: Int
    /// For a dry run, one entry per data row, in file order: what would
    /// happen to it (`--dry-run` prints them). Empty for an import: a
    /// million rows keep no list.
    public var actions: [ImportAction]

    public init(created: Int, updated: Int, actions: [ImportAction] = []) {
        self.created = created
        self.updated = updated
        self.actions = actions
    }
}

/// What an import does with one row: `--dry-run` prints these.
public struct ImportAction: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case create, update, unchanged
    }
    /// The CSV line the row starts on.
    public var line: Int
    public var kind: Kind
    /// The card's id; nil for a new card that gets the next id.
    public var card: String?
    /// The fields the row sets or changes, sorted.
    public var fields: [String]

    public init(line: Int, kind: Kind, card: String?, fields: [String]) {
        self.line = line
        self.kind = kind
        self.card = card
        self.fields = fields
    }
}

/// How an import treats its rows.
public struct ImportOptions: Equatable, Sendable {
    /// An empty cell clears the stored value; by default it keeps it, so a
    /// file with only some columns filled cannot erase data by accident.
    public var blankClears: Bool
    /// Check every row and work out what would change, write nothing.
    public var dryRun: Bool

    public init(blankClears: Bool = false, dryRun: Bool = false) {
        self.blankClears = blankClears
        self.dryRun = dryRun
    }
}

extension CardStore {
    /// Imports cards from CSV text: a header row of field names (built-in
    /// or declared), then one card per row. A row with an `id` updates that
    /// card (or creates it with that id, which must be of the store's form,
    /// `C000123`); else a row with a `phone` updates the card with the same
    /// phone digits, or creates one. Empty cells leave a new card's field
    /// unset and keep an existing card's value (`blankClears` clears it;
    /// `status` is always kept). A cell that `CSV.neutralize` marked with a
    /// leading `'` is read without it.
    ///
    /// If any row is bad, every bad row is named by line and column and
    /// nothing is imported: the whole input is checked first. Then the rows
    /// are written in short transactions (`importBatchRows`,
    /// `importBatchSeconds`), so calls are stored
    /// between batches (store.md 2); only a failure of the store itself
    /// (the server gone) can stop an import part way, with the batches
    /// before it stored (importing the file again updates the cards of rows
    /// with an id or a phone). Status transitions do not apply (an
    /// import sets data, it is not an operator's move); statuses must be
    /// configured ones.
    @discardableResult
    public func importCards(csv text: String, options: ImportOptions = ImportOptions()) throws -> ImportSummary {
        let records: [CSVRecord]
        do {
            records = try CSV.read(text)
        } catch {
            throw StoreError.badImport(problems: [ImportProblem(line: error.line, message: error.message)])
        }
        return try importCards(records: records, options: options)
    }

    /// Imports already-read CSV records; the first is the header.
    @discardableResult
    public func importCards(records: [CSVRecord], options: ImportOptions = ImportOptions()) throws -> ImportSummary {
        guard let header = records.first else {
            throw StoreError.badImport(problems: [ImportProblem(line: 1, message: "the file is empty; expected a header row of field names")])
        }
        var problems: [ImportProblem] = []
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: Set<String> = []
        for (index, column) in columns.enumerated() {
            if column.isEmpty {
                problems.append(ImportProblem(line: header.line, message: "column \(index + 1) has no name"))
            } else if schema.declaration(column) == nil {
                problems.append(ImportProblem(line: header.line, message: "column \(index + 1): unknown card field '\(column)'"))
            } else if !seen.insert(column).inserted {
                problems.append(ImportProblem(line: header.line, message: "column \(index + 1): the column '\(column)' appears twice"))
            }
        }
        if !problems.isEmpty { throw StoreError.badImport(problems: problems) }

        var rows: [(line: Int, id: String?, values: [String: Value])] = []
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                problems.append(ImportProblem(
                    line: record.line, message: "expected \(columns.count) fields, found \(record.fields.count)"))
                continue
            }
            var id: String?
            var values: [String: Value] = [:]
            var messages: [String] = []
            for (column, rawCell) in zip(columns, record.fields) {
                let cell = CSV.unneutralize(rawCell)
                let blank = cell.trimmingCharacters(in: .whitespaces).isEmpty
                if column == "id" {
                    let trimmed = cell.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty, !Card.isStoreID(trimmed) {
                        let shown = trimmed.replacingOccurrences(of: "\u{0}", with: "\\0")
                        messages.append("column 'id': '\(shown)' is not a card id (C and six digits or more, e.g. C000123)")
                    }
                    id = trimmed.isEmpty ? nil : trimmed
                    continue
                }
                // A card always has a status: an empty cell keeps it (or the first one).
                if column == "status", blank { continue }
                // An empty cell keeps the stored value unless asked otherwise.
                if blank, !options.blankClears { continue }
                do {
                    values[column] = try schema.parse(field: column, text: cell)
                } catch let error as StoreError {
                    if case .invalidValue(let field, let value, let reason) = error {
                        messages.append("column '\(field)': '\(value)' is not a valid \(field): \(reason)")
                    } else {
                        messages.append("column '\(column)': \(error.description)")
                    }
                }
            }
            if !messages.isEmpty {
                problems.append(ImportProblem(line: record.line, message: messages.joined(separator: "; ")))
            } else {
                rows.append((record.line, id, values))
            }
        }
        // Every value a new card gets is checked now, as the write would:
        // the whole input is checked before anything is written, since
        // the write commits in batches (store.md 2).
        for row in rows {
            for (field, value) in row.values where !value.isNull {
                do {
                    _ = try schema.validate(field: field, value: value)
                } catch let error as StoreError {
                    if case .invalidValue(let field, let value, let reason) = error {
                        problems.append(ImportProblem(line: row.line, message: "column '\(field)': '\(value)' is not a valid \(field): \(reason)"))
                    } else {
                        problems.append(ImportProblem(line: row.line, message: "column '\(field)': \(error.description)"))
                    }
                }
            }
        }
        // With unique_phones, a phone another card has is refused before
        // anything is written too (rows that clash with each other are
        // caught as they are written, below).
        if schema.uniquePhones {
            for row in rows {
                guard let phone = row.values["phone"] else { continue }
                do {
                    try checkPhoneIsFree(phone, for: try existingCard(for: row)?.id)
                } catch let error as StoreError {
                    problems.append(ImportProblem(line: row.line, message: error.description))
                }
            }
        }
        if !problems.isEmpty { throw StoreError.badImport(problems: problems) }

        var summary = ImportSummary(created: 0, updated: 0)
        if options.dryRun {
            for row in rows { try importRow(row, options: options, into: &summary) }
            return summary
        }
        // Batches of their own transactions, each ending after
        // `importBatchRows` rows or `importBatchSeconds`, whichever comes
        // first: an import of a million rows never holds the store's
        // writer lock for more than a moment, so calls are stored
        // meanwhile (store.md 2).
        var next = 0
        while next < rows.count {
            try db.writeTransaction {
                let began = Date()
                let end = min(next + Self.importBatchRows, rows.count)
                while next < end, Date().timeIntervalSince(began) < Self.importBatchSeconds {
                    try importRow(rows[next], options: options, into: &summary)
                    next += 1
                }
            }
            // Gives way: a call waiting for the writer lock takes it now.
            if next < rows.count { usleep(Self.importPauseMicroseconds) }
        }
        return summary
    }

    /// The most rows written per transaction by `importCards` ...
    static let importBatchRows = 500

    /// ... and the longest a transaction of it lasts (a row costs a few
    /// round trips to a PostgreSQL server, more on a busy machine).
    static let importBatchSeconds = 0.1

    /// The pause after each batch, longer than a waiting writer's poll
    /// (`Database.busyPollMilliseconds`), so calls get in between batches.
    static let importPauseMicroseconds: UInt32 = 5_000

    /// The card a row updates: the one with its id, else the one with its
    /// phone (the same number); nil for a new card.
    private func existingCard(for row: (line: Int, id: String?, values: [String: Value])) throws -> Card? {
        if let id = row.id { return try card(id) }
        if case .string(let phone) = row.values["phone"] ?? .null { return try card(phone: phone) }
        return nil
    }

    /// Creates or updates the card of one checked row and says so in
    /// `summary` (only says so for a dry run).
    private func importRow(
        _ row: (line: Int, id: String?, values: [String: Value]), options: ImportOptions, into summary: inout ImportSummary
    ) throws {
        let existing = try existingCard(for: row)
        if let phone = row.values["phone"] {
            do {
                try checkPhoneIsFree(phone, for: existing?.id)
            } catch let error as StoreError {
                throw StoreError.badImport(problems: [ImportProblem(line: row.line, message: error.description)])
            }
        }
        if var card = existing {
            let statusBefore = card.status
            var changed: [String] = []
            for (field, value) in row.values.sorted(by: { $0.key < $1.key }) where card[field] != value {
                card[field] = value
                changed.append(field)
            }
            if options.dryRun { summary.actions.append(ImportAction(line: row.line, kind: changed.isEmpty ? .unchanged : .update, card: card.id, fields: changed)) }
            if changed.isEmpty { return }
            summary.updated += 1
            if options.dryRun { return }
            var revisions = try fieldRevisions(of: card.id)
            card.revision += 1
            card.updatedAt = Date()
            for field in changed { revisions[field] = card.revision }
            try update(card, revisions: revisions)
            if card.status != statusBefore {
                try recordStatusChange(card: card.id, from: statusBefore, to: card.status, at: card.updatedAt, command: "card import")
            }
        } else {
            let fields = row.values.filter { !$0.value.isNull }
            if options.dryRun { summary.actions.append(ImportAction(line: row.line, kind: .create, card: row.id, fields: fields.keys.sorted())) }
            summary.created += 1
            if options.dryRun { return }
            _ = try createCardInTransaction(fields, id: row.id, command: "card import")
        }
    }

    /// Every card as CSV: the built-in fields, then the declared custom
    /// fields (and any other stored ones), one column each. Reads back with
    /// `importCards(csv:)`.
    /// `redacted`: names, phones, emails and text fields masked (`--redact`).
    public func exportCardsCSV(redacted: Bool = false) throws -> String {
        let cards = try exportCards().map { redacted ? self.redacted($0) : $0 }
        var custom = schema.fields.map(\.name).filter { !Card.builtInFields.contains($0) }
        let extra = Set(cards.flatMap(\.fields.keys)).subtracting(custom).sorted()
        custom += extra
        let columns = Card.builtInFields + custom
        var rows = [columns]
        for card in cards {
            rows.append(columns.map { Self.csvText(card[$0]) })
        }
        return CSV.write(rows)
    }

    static func csvText(_ value: Value) -> String {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? "yes" : "no"
        case .list(let items): return items.map(csvText).joined(separator: ", ")
        default: return value.textValue ?? ""
        }
    }
}
