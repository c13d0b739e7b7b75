import Foundation

/// What can go wrong with the card store. Each case names the database file
/// (or the import line) and reads as one sentence, so a front-end can print
/// it as is: operators and trainers are not expected to know SQLite.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A SQLite database that some other program made.
    case notCallguideDatabase(file: String)
    /// A file that is not a SQLite database at all (SQLITE_NOTADB).
    case notADatabase(file: String)
    /// Written by a newer callguide whose schema this binary does not know.
    case newerSchema(file: String, found: Int, known: Int)
    case readOnly(file: String)
    /// A PostgreSQL database without callguide's schema yet (store.md
    /// section 3: only `db migrate` makes or changes it there).
    case noStoreYet(location: String)
    /// A PostgreSQL store of an older schema: `db migrate` brings it up.
    case olderSchema(location: String, found: Int, current: Int)
    /// Another process held the write lock beyond the busy timeout.
    case locked(file: String, seconds: Double)
    case cannotOpen(file: String, reason: String)
    /// Any other SQLite failure, with SQLite's own message.
    case sqlite(file: String, code: Int32, message: String)
    /// `db copy` fills only an empty store.
    case copyTargetNotEmpty(location: String, counts: String)
    /// `db copy` wrote another number of rows than the source holds.
    case copyCountMismatch(table: String, source: Int, copied: Int)
    /// No card has this id or phone.
    case noSuchCard(key: String)
    /// A KEY that is neither a card id of the store's form nor a phone.
    case badKey(key: String)
    /// A field that neither the built-ins nor the configuration declare.
    case unknownField(field: String)
    /// A value that does not fit the field's declared type.
    case invalidValue(field: String, value: String, reason: String)
    /// The workspace's status transitions forbid this change.
    case statusTransitionRefused(card: String, from: String, to: String)
    /// A CSV import with bad rows: every one is listed; nothing was imported.
    case badImport(problems: [ImportProblem])
    /// A phone KEY whose last digits several cards' phones end with: nothing
    /// is guessed, the operator picks one by id (store.md 4).
    case ambiguousKey(key: String, cards: [Card])
    /// A call id already stored with other content: two calls must never
    /// share an id, and neither is dropped silently (store.md 1).
    case callIDTaken(id: String, stored: String?, new: String?)
    /// `unique_phones: true`: the phone is another card's already.
    case phoneTaken(phone: String, card: String)

    public var description: String {
        switch self {
        case .notCallguideDatabase(let file):
            return "\(file) is not a callguide database"
        case .notADatabase(let file):
            return "\(file) is not a database"
        case .newerSchema(let file, let found, let known):
            return "\(file) was written by a newer callguide (schema \(found), this one knows \(known)); use a callguide that knows schema \(found)"
        case .readOnly(let file):
            return "\(file) is read-only"
        case .noStoreYet(let location):
            return "\(location) has no callguide store yet (no schema 'callguide'); the person who runs the database creates it with callguide db migrate"
        case .olderSchema(let location, let found, let current):
            return "\(location) has callguide schema \(found) and this callguide needs \(current); run callguide db migrate to bring it up to date"
        case .locked(let file, let seconds):
            return "\(file) is locked by another process (gave up after \(Self.format(seconds)) s)"
        case .cannotOpen(let file, let reason):
            return "\(file) cannot be opened: \(reason)"
        case .sqlite(let file, let code, let message):
            return "\(file): database error \(code): \(message)"
        case .copyTargetNotEmpty(let location, let counts):
            return "\(location) already holds \(counts); db copy only fills an empty store, and nothing was copied"
        case .copyCountMismatch(let table, let source, let copied):
            return "db copy read \(source) rows of \(table) but the target holds \(copied); nothing was copied"
        case .noSuchCard(let key):
            return "no card has the id or phone \(key)"
        case .badKey(let key):
            return "'\(key.replacingOccurrences(of: "\u{0}", with: "\\0"))' is neither a card id (C and six digits or more, e.g. C000123) nor a phone number of 7 to 15 digits"
        case .unknownField(let field):
            return "unknown card field '\(field)'"
        case .invalidValue(let field, let value, let reason):
            return "'\(value)' is not a valid value for card field '\(field)': \(reason)"
        case .statusTransitionRefused(let card, let from, let to):
            return "card \(card): the status cannot change from '\(from)' to '\(to)'"
        case .badImport(let problems):
            let lines = problems.map(\.description).joined(separator: "\n")
            return "the import has \(problems.count) bad row\(problems.count == 1 ? "" : "s"); nothing was imported:\n\(lines)"
        case .ambiguousKey(let key, let cards):
            let lines = cards.map { "  \($0.id)  \($0.name ?? "-")  \($0.phone ?? "-")" }.joined(separator: "\n")
            return "\(cards.count) cards have a phone ending like '\(key)'; give one of their ids:\n\(lines)"
        case .phoneTaken(let phone, let card):
            return "the phone \(phone) is card \(card)'s already, and callguide.yaml says unique_phones: true; change that card, or give its id"
        case .callIDTaken(let id, let stored, let new):
            return "\(new ?? "this call") has the call id \(id), which the store already holds for another call (\(stored ?? "stored without a transcript")); it was not stored"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// One bad row of a CSV import.
public struct ImportProblem: Equatable, Sendable, CustomStringConvertible {
    /// The 1-based line of the file where the row starts (the header is line 1).
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
