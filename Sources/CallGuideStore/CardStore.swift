import CallGuide
import Foundation

/// The workspace's client cards and calls, in one SQLite file or in a
/// PostgreSQL database shared by a whole call centre (store.md 1).
///
/// One `CardStore` is one connection: use it from one thread at a time, and
/// open one per thread or process. Every write is one transaction, so a
/// failure (a lock held too long, a bad value) leaves nothing half-written.
/// Errors are `StoreError`s naming the file, or `PostgresError`s naming the
/// server with its password masked. Both stores give the same results: the
/// SQL is shared and what differs is in `SQLDialect`.
public final class CardStore {
    /// The location, as given: a SQLite path or a PostgreSQL URI.
    public let path: String
    /// The workspace's card fields, statuses and transitions.
    public var schema: CardSchema
    /// The time zone that decides a call's day (reports by day, `--since`).
    /// The centre's settings in the store replace the workspace's (store.md 3).
    public var timeZone: TimeZone
    let db: any StoreConnection

    /// The schema version this binary writes.
    public static var schemaVersion: Int { Schema.version }

    /// How hard a commit is pushed to disk.
    public enum Durability: Sendable {
        /// Every commit is on disk before it returns (SQLite `synchronous =
        /// FULL`): a stored call survives a power cut. What `run` uses.
        case everyCommit
        /// Commits survive a crash of the process but the last ones may be
        /// lost on a power cut (`synchronous = NORMAL`): for bulk loads.
        case processCrashes
    }

    /// Opens the store at `path`: a `postgresql://` or `postgres://` URI is
    /// a PostgreSQL store, anything else a SQLite file (created if needed).
    /// - Parameters:
    ///   - readOnly: open for reading only (no migration is attempted).
    ///   - busyTimeout: how long to wait for another writer, in seconds.
    ///   - durability: a stored call must survive a power cut by default
    ///     (PostgreSQL: the server's own settings decide).
    ///   - permissions: who may read a SQLite file this creates (and its
    ///     side files): the owner alone by default (store.md 6).
    ///
    /// A SQLite file is brought up to date on first use. A PostgreSQL store
    /// must be at this callguide's schema already: an older one is refused
    /// with a sentence naming `callguide db migrate` (store.md 3).
    public init(
        path: String, schema: CardSchema = CardSchema(), readOnly: Bool = false, busyTimeout: Double = 5,
        timeZone: TimeZone = .current, durability: Durability = .everyCommit, permissions: FilePermissions = .ownerOnly
    ) throws {
        self.path = path
        self.schema = schema
        self.timeZone = timeZone
        if PostgresLocation.isPostgres(path) {
            db = try Self.openPostgres(path, readOnly: readOnly, lockTimeout: busyTimeout)
            return
        }
        let sqlite = try Database(path: path, readOnly: readOnly, busyTimeout: busyTimeout, permissions: permissions)
        db = sqlite
        if !readOnly, sqlite.isReadOnly { throw StoreError.readOnly(file: path) }
        try sqlite.prepareSchema(readOnly: readOnly)
        if !readOnly { FilePermissions.matchSideFiles(of: path) }
        if !readOnly {
            try sqlite.executeScript(durability == .everyCommit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        }
    }

    /// A session in the `callguide` schema, whose writers take turns.
    static func openPostgres(_ location: String, readOnly: Bool, lockTimeout: Double) throws -> PostgresConnection {
        let connection = try PostgresConnection(location: location, lockTimeout: lockTimeout)
        try connection.executeScript("SET search_path = callguide")
        try PostgresSchema.checkUsable(connection)
        connection.serializesWrites = true
        connection.refusesWrites = readOnly
        return connection
    }

    /// Which kind of store the location names.
    public var kind: String { db.dialect.displayName }

    static let cardColumns =
        "id, phone, name, email, company, region, status, fields, created_at, updated_at, revision, field_revisions"

    // MARK: Reading cards

    /// The card with this id, or nil.
    public func card(_ id: String) throws -> Card? {
        try db.query("SELECT \(Self.cardColumns) FROM cards WHERE id = ?", [.text(id)]).first.map(Self.card(from:))
    }

    /// The card whose id is `key`, else the card found by the phone `key`
    /// (see `lookUp(key:)`).
    public func card(key: String) throws -> Card? {
        try lookUp(key: key)?.card
    }

    /// Whether `key` can name a card at all: an id of the store's form, or
    /// a phone (digits and the punctuation phones are written with, 7 to 15
    /// digits).
    public static func isKey(_ key: String) -> Bool {
        if Card.isStoreID(key) { return true }
        return looksLikePhone(key) && CardSchema.phoneDigitRange.contains(Card.digits(of: key).count)
    }

    /// The card with this phone, or a new card for it (a new caller), in the
    /// first configured status.
    public func findOrCreateByPhone(_ phone: String) throws -> (card: Card, created: Bool) {
        let stored = schema.storedPhone(phone)
        guard !Card.digits(of: stored).isEmpty else {
            throw StoreError.invalidValue(field: "phone", value: phone, reason: "a phone number needs digits")
        }
        return try db.writeTransaction {
            if let existing = try card(phone: stored) { return (existing, false) }
            return (try createCardInTransaction(["phone": .string(phone)]), true)
        }
    }

    /// A new card with these fields (validated against the schema).
    public func createCard(_ fields: [String: Value] = [:]) throws -> Card {
        try db.writeTransaction { try createCardInTransaction(fields) }
    }

    /// Every card, in order of creation.
    public func exportCards() throws -> [Card] {
        try db.query("SELECT \(Self.cardColumns) FROM cards ORDER BY seq").map(Self.card(from:))
    }

    public func cardCount() throws -> Int {
        try db.scalar("SELECT count(*) FROM cards").int ?? 0
    }

    // MARK: Changing cards

    /// Sets fields of the card found by `key` (id or phone). Values are
    /// checked against the schema, and a status change against the
    /// transitions; nothing is written if any is wrong.
    @discardableResult
    public func setFields(_ key: String, _ values: [String: Value]) throws -> Card {
        guard Self.isKey(key) else { throw StoreError.badKey(key: key) }
        return try db.writeTransaction {
            guard var card = try card(key: key) else { throw StoreError.noSuchCard(key: key) }
            let statusBefore = card.status
            var revisions = try fieldRevisions(of: card.id)
            var changed: [String] = []
            for (field, value) in values.sorted(by: { $0.key < $1.key }) {
                let checked = try schema.validate(field: field, value: value)
                if card[field] == checked { continue }
                if field == "status", let transitions = schema.transitions,
                    !transitions.permits(from: card.status, to: checked.textValue ?? "")
                {
                    throw StoreError.statusTransitionRefused(card: card.id, from: card.status, to: checked.textValue ?? "")
                }
                if field == "phone" { try checkPhoneIsFree(checked, for: card.id) }
                card[field] = checked
                changed.append(field)
            }
            guard !changed.isEmpty else { return card }
            card.revision += 1
            card.updatedAt = Date()
            for field in changed { revisions[field] = card.revision }
            try update(card, revisions: revisions)
            if card.status != statusBefore {
                try recordStatusChange(card: card.id, from: statusBefore, to: card.status, at: card.updatedAt, command: "card set")
            }
            return card
        }
    }

    /// Like `setFields`, with values typed as text (`card set FIELD=VALUE`).
    @discardableResult
    public func setFields(_ key: String, text values: [String: String]) throws -> Card {
        var typed: [String: Value] = [:]
        for (field, text) in values { typed[field] = try schema.parse(field: field, text: text) }
        return try setFields(key, typed)
    }

    /// With `unique_phones`, a phone no other card has (store.md 4).
    func checkPhoneIsFree(_ phone: Value, for id: String?) throws {
        guard schema.uniquePhones, case .string(let text) = phone, let other = try card(phone: text), other.id != id else { return }
        throw StoreError.phoneTaken(phone: text, card: other.id)
    }

    // MARK: Rows

    /// `command`: what made the card, for its first status change
    /// (`report funnel`).
    func createCardInTransaction(_ fields: [String: Value], id explicitID: String? = nil, command: String = "new card") throws -> Card {
        var card = Card(id: "", status: schema.initialStatus)
        for (field, value) in fields.sorted(by: { $0.key < $1.key }) {
            card[field] = try schema.validate(field: field, value: value)
        }
        // One writer at a time: the row after the last is free (see
        // `SQLDialect`); knowing it saves a server round trip per card.
        let seq = try db.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM cards").int ?? 1
        card.id = try explicitID ?? nextCardID(from: seq)
        let now = Date()
        card.createdAt = now
        card.updatedAt = now
        card.revision = 1
        try db.run(Self.insertCardSQL, [.integer(Int64(seq))] + Self.rowValues(card, leadingID: true))
        try recordStatusChange(card: card.id, from: nil, to: card.status, at: now, command: command)
        try Self.insertWordStarts(in: db, seq: seq, CardSearchKeys.wordStarts(of: card))
        return card
    }

    /// A new row; its `seq` is the first value, the row after the last.
    static let insertCardSQL = """
        INSERT INTO cards (seq, id, phone, phone_digits, name, email, company, region, status, fields,
            field_revisions, search_folded, created_at, updated_at, revision, phone_reversed)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)
        """

    func update(_ card: Card, revisions: [String: Int]) throws {
        let revisionJSON = JSONValue.object(revisions.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number(Decimal($0.value))) })
        try db.run(
            """
            UPDATE cards SET phone = ?, phone_digits = ?, name = ?, email = ?, company = ?, region = ?,
                status = ?, fields = ?, search_folded = ?, created_at = ?, updated_at = ?, revision = ?,
                phone_reversed = ?, field_revisions = ?
            WHERE id = ?
            """, Self.rowValues(card, leadingID: false) + [.text(revisionJSON.text), .text(card.id)])
        try storeSearchKeys(of: card)
    }

    static func rowValues(_ card: Card, leadingID: Bool) -> [SQLValue] {
        let values: [SQLValue] = [
            SQLValue(card.phone), .text(card.phoneDigits), SQLValue(card.name), SQLValue(card.email),
            SQLValue(card.company), SQLValue(card.region), .text(card.status), .text(JSONValue.object(card.fields).text),
            .text(searchFolded(card)), .real(card.createdAt.timeIntervalSince1970),
            .real(card.updatedAt.timeIntervalSince1970), .integer(Int64(card.revision)),
            .text(CardSearchKeys.reversed(card.phoneDigits)),
        ]
        return leadingID ? [.text(card.id)] + values : values
    }

    /// The lower-cased searchable text, for searches too short for trigrams.
    static func searchFolded(_ card: Card) -> String {
        [card.name, card.email, card.company].map { folded($0 ?? "") }.joined(separator: "\u{1F}")
    }

    /// Which revision last changed each field, for the conflict rule.
    func fieldRevisions(of id: String) throws -> [String: Int] {
        let text = try db.scalar("SELECT field_revisions FROM cards WHERE id = ?", [.text(id)]).string ?? "{}"
        var result: [String: Int] = [:]
        for (key, value) in JSONValue.parseStored(text)?.objectValue ?? [] { result[key] = value.intValue }
        return result
    }

    /// `C` and six digits or more: the row's number, or the next one free.
    func nextCardID(from seq: Int) throws -> String {
        var number = seq
        while true {
            let id = "C" + String(format: "%06d", number)
            if try db.scalar("SELECT 1 FROM cards WHERE id = ?", [.text(id)]) == .null { return id }
            number += 1
        }
    }

    static func card(from row: SQLRow) -> Card {
        Card(
            id: row[0].string ?? "", phone: row[1].string, name: row[2].string, email: row[3].string,
            company: row[4].string, region: row[5].string, status: row[6].string ?? "",
            fields: JSONValue.parseStored(row[7].string ?? "{}")?.valueDictionary ?? [:],
            createdAt: Date(timeIntervalSince1970: row[8].double ?? 0),
            updatedAt: Date(timeIntervalSince1970: row[9].double ?? 0), revision: row[10].int ?? 1)
    }
}
