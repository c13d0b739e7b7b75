import CallGuide
import Foundation

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    public var created: Int
    public var updated: Int

    public init(created: Int, updated: Int) {
        self.created = created
        self.updated = updated
    }
}

extension CardStore {
    /// Imports cards from CSV text: a header row of field names (built-in
    /// or declared), then one card per row. A row with an `id` updates that
    /// card (or creates it with that id); else a row with a `phone` updates
    /// the card with the same phone digits, or creates one. Empty cells
    /// leave a new card's field unset and clear an existing card's field
    /// (except `status`, which an empty cell leaves as it is).
    ///
    /// All or nothing: if any row is bad, every bad row is named by line and
    /// nothing is imported. Status transitions do not apply (an import sets
    /// data, it is not an operator's move); statuses must be configured ones.
    @discardableResult
    public func importCards(csv text: String) throws -> ImportSummary {
        let records: [CSVRecord]
        do {
            records = try CSV.read(text)
        } catch {
            throw StoreError.badImport(problems: [ImportProblem(line: error.line, message: error.message)])
        }
        return try importCards(records: records)
    }

    /// Imports already-read CSV records; the first is the header.
    @discardableResult
    public func importCards(records: [CSVRecord]) throws -> ImportSummary {
        guard let header = records.first else {
            throw StoreError.badImport(problems: [ImportProblem(line: 1, message: "the file is empty; expected a header row of field names")])
        }
        var problems: [ImportProblem] = []
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: Set<String> = []
        for column in columns {
            if column.isEmpty {
                problems.append(ImportProblem(line: header.line, message: "a column has no name"))
            } else if schema.declaration(column) == nil {
                problems.append(ImportProblem(line: header.line, message: "unknown card field '\(column)'"))
            } else if !seen.insert(column).inserted {
                problems.append(ImportProblem(line: header.line, message: "the column '\(column)' appears twice"))
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
            for (column, cell) in zip(columns, record.fields) {
                if column == "id" {
                    let trimmed = cell.trimmingCharacters(in: .whitespaces)
                    id = trimmed.isEmpty ? nil : trimmed
                    continue
                }
                // A card always has a status: an empty cell keeps it (or the first one).
                if column == "status", cell.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                do {
                    values[column] = try schema.parse(field: column, text: cell)
                } catch let error as StoreError {
                    if case .invalidValue(let field, let value, let reason) = error {
                        messages.append("'\(value)' is not a valid \(field): \(reason)")
                    } else {
                        messages.append(error.description)
                    }
                }
            }
            if !messages.isEmpty {
                problems.append(ImportProblem(line: record.line, message: messages.joined(separator: "; ")))
            } else {
                rows.append((record.line, id, values))
            }
        }
        if !problems.isEmpty { throw StoreError.badImport(problems: problems) }

        return try db.writeTransaction {
            var summary = ImportSummary(created: 0, updated: 0)
            for row in rows {
                var existing: Card?
                if let id = row.id {
                    existing = try card(id)
                } else if case .string(let phone) = row.values["phone"] ?? .null {
                    existing = try card(key: Card.digits(of: phone))
                }
                if var card = existing {
                    var revisions = try fieldRevisions(of: card.id)
                    var changed: [String] = []
                    for (field, value) in row.values where card[field] != value {
                        card[field] = value
                        changed.append(field)
                    }
                    if changed.isEmpty { continue }
                    card.revision += 1
                    card.updatedAt = Date()
                    for field in changed { revisions[field] = card.revision }
                    try update(card, revisions: revisions)
                    summary.updated += 1
                } else {
                    _ = try createCardInTransaction(row.values.filter { !$0.value.isNull }, id: row.id)
                    summary.created += 1
                }
            }
            return summary
        }
    }

    /// Every card as CSV: the built-in fields, then the declared custom
    /// fields (and any other stored ones), one column each. Reads back with
    /// `importCards(csv:)`.
    public func exportCardsCSV() throws -> String {
        let cards = try exportCards()
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
