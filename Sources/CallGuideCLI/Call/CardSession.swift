import CallGuide
import CallGuideStore
import Foundation

/// The database a call is stored in and the client card it is about (if
/// any): opened once before the call, so a database the call could not be
/// stored in is refused before the call starts, and used again at its end.
struct CardSession {
    /// nil when the store could not be reached at the start (store.md 2):
    /// the call goes on, and is stored at its end or by `sync`.
    let store: CardStore?
    /// nil for a call without a card.
    let card: Card?
    /// The KEY of a card the store could not give at the start; the card
    /// is found (or made) when the call is stored.
    var unreadKey: String?
    /// What the call knew of the card when it started (the conflict rule):
    /// for a resumed call, the fields its transcript recorded then.
    var baseline: CardBaseline?
    /// How the card was found when only the end of its phone matched the
    /// key ("found by the last 9 digits"), shown above the card so the
    /// operator checks the name before going on (store.md 4).
    var foundBy: String?

    init(store: CardStore?, card: Card?, baseline: CardBaseline? = nil, foundBy: String? = nil, unreadKey: String? = nil) {
        self.store = store
        self.card = card
        self.baseline = baseline ?? card.map { .revision($0.revision) } ?? (unreadKey == nil ? nil : .unread)
        self.foundBy = foundBy
        self.unreadKey = unreadKey
    }

    var cardID: String? { card?.id }
    var cardData: [String: Value] { card?.allFields ?? [:] }

    /// The card for `--card KEY`: by id, else by phone; an unknown phone
    /// creates a card (a new caller). No card without a key.
    ///
    /// A store that is away (unreachable, the connection lost, a lock held
    /// too long) does not stop the call (store.md 2): the operator is told
    /// in one line and the call goes on without the card. A store set up
    /// wrong (a refused login, another schema) is refused as before.
    static func open(key: String?, databasePath: String, configuration: WorkspaceConfiguration?, script: Script, ui: UIText = .english) throws(CommandError) -> CardSession {
        do {
            return try read(key: key, databasePath: databasePath, configuration: configuration, script: script, ui: ui)
        } catch {
            guard let reason = error.awayReason else { throw error.command }
            StandardOutput.error(ui(.cardUnavailable, reason))
            return CardSession(store: nil, card: nil, unreadKey: key)
        }
    }

    private static func read(key: String?, databasePath: String, configuration: WorkspaceConfiguration?, script: Script, ui: UIText) throws(StoreOpening) -> CardSession {
        let store = try StoreAccess.openKeepingCause(databasePath, configuration: configuration, script: script)
        guard let key else { return CardSession(store: store, card: nil) }
        do {
            if let found = try store.lookUp(key: key) {
                return CardSession(store: store, card: found.card, foundBy: found.suffix?.explanation)
            }
            guard Card.digits(of: key).count >= 7 else {
                throw CommandError.unusableInput("no card with id or phone '\(key)' in \(StoreAccess.shown(databasePath)); give a phone number to create one")
            }
            let (card, created) = try store.findOrCreateByPhone(key)
            if created { StandardOutput.print(ui(.newCaller, card.id, TerminalText.sanitize(key))) }
            return CardSession(store: store, card: card)
        } catch let error as CommandError {
            throw .refused(error)
        } catch {
            throw StoreOpening(error, path: databasePath)
        }
    }

    /// The card of a call being resumed, by its exact id (never created);
    /// `seenAtStart` is the `card_data` of the call's `start` line. A call
    /// that could not read its card (`card_key`) finds it when stored.
    static func resume(_ start: CallStart, databasePath: String, configuration: WorkspaceConfiguration?, script: Script) throws(CommandError) -> (session: CardSession, store: CardStore) {
        let store = try StoreAccess.open(databasePath, configuration: configuration, script: script)
        let seenAtStart = start.cardData
        guard let cardID = start.card else { return (CardSession(store: store, card: nil, unreadKey: start.cardKey), store) }
        do {
            guard let card = try store.card(cardID) else {
                throw CommandError.unusableInput("the call's card \(cardID) is not in \(StoreAccess.shown(databasePath)); give the database the call was made with (--db)")
            }
            return (CardSession(store: store, card: card, baseline: .fields(seenAtStart)), store)
        } catch let error as CommandError {
            throw error
        } catch {
            throw .unusableInput(StoreAccess.describe(error, path: databasePath))
        }
    }

    /// Name, status, custom fields and the last five calls.
    func show(presenter: CallPresenter) {
        guard let card else { return }
        let style = presenter.style
        let ui = presenter.ui
        let clean = { (text: String) in TerminalText.sanitize(text) }
        if let foundBy { StandardOutput.print(style.bold(foundBy)) }
        var header = ui(.cardHeader, card.id, clean(card.name ?? ui(.noNameYet)))
        if let phone = card.phone { header += ", \(clean(phone))" }
        header += " [\(clean(card.status))]"
        StandardOutput.print(style.bold(header))
        var details: [String] = []
        if let company = card.company { details.append("\(ui(.fieldCompany)): \(clean(company))") }
        if let email = card.email { details.append("\(ui(.fieldEmail)): \(clean(email))") }
        if let region = card.region { details.append("\(ui(.fieldRegion)): \(clean(region))") }
        for key in card.fields.keys.sorted() { details.append("\(key): \(clean(ui.display(card.fields[key]!)))") }
        if !details.isEmpty { StandardOutput.print("  " + details.joined(separator: "; ")) }
        let calls = (try? store?.lastCalls(cardId: card.id, limit: 5)) ?? []
        if calls.isEmpty {
            StandardOutput.print(style.dim("  " + ui(.noEarlierCalls)))
        } else {
            StandardOutput.print(style.dim("  " + ui(.lastCalls)))
            for call in calls {
                StandardOutput.print("  \(CallListing.started(call, centre: store?.timeZone ?? .current))  \(clean(call.operator))  \(clean(call.scriptId))  \(clean(call.outcome))")
            }
        }
        StandardOutput.print("")
    }
}

/// Opening the store with the workspace's schema, and its errors as sentences.
enum StoreAccess {
    static func schema(configuration: WorkspaceConfiguration?, script: Script?, scriptFields: [CardFieldDeclaration] = []) -> CardSchema {
        var fields = configuration?.cardFields ?? []
        for field in (script?.cardFields ?? []) + scriptFields where !fields.contains(where: { $0.name == field.name }) { fields.append(field) }
        return CardSchema(fields: fields, statuses: configuration?.statuses ?? [],
                          transitions: configuration?.transitions.map { StatusTransitions(allowed: $0) },
                          phoneFormat: configuration?.phoneFormat, uniquePhones: configuration?.uniquePhones ?? false)
    }

    static func open(_ path: String, configuration: WorkspaceConfiguration?, script: Script? = nil, scriptFields: [CardFieldDeclaration] = [],
                     readOnly: Bool = false, appliesCentreSettings: Bool = true) throws(CommandError) -> CardStore {
        do {
            return try openKeepingCause(path, configuration: configuration, script: script, scriptFields: scriptFields, readOnly: readOnly,
                                        appliesCentreSettings: appliesCentreSettings)
        } catch {
            throw error.command
        }
    }

    /// `open`, keeping the store's own error, so a caller can tell a store
    /// that is away from one set up wrong (`StoreAvailability`).
    static func openKeepingCause(_ path: String, configuration: WorkspaceConfiguration?, script: Script? = nil, scriptFields: [CardFieldDeclaration] = [],
                                 readOnly: Bool = false, appliesCentreSettings: Bool = true) throws(StoreOpening) -> CardStore {
        // SQLite would open a device or FIFO and fail later with "disk I/O
        // error", leaving PATH-journal beside it: refuse before it starts.
        if let problem = DatabasePath.problem(path) { throw .refused(.unusableInput("\(path): \(problem)")) }
        do {
            let store = try CardStore(path: path, schema: schema(configuration: configuration, script: script, scriptFields: scriptFields), readOnly: readOnly,
                                      timeZone: configuration?.workflow.timeZone ?? .current,
                                      permissions: try ClientFiles.permissions(configuration))
            if appliesCentreSettings { try CentreSettingsInForce.apply(to: store, workspace: configuration) }
            return store
        } catch let error as CommandError {
            throw .refused(error)
        } catch {
            throw StoreOpening(error, path: path)
        }
    }

    /// For commands that only read (or change existing cards): a missing
    /// database is an error, not a new empty file left behind (a mistyped
    /// `--db` is caught at once).
    static func openExisting(_ path: String, configuration: WorkspaceConfiguration?, scriptFields: [CardFieldDeclaration] = [],
                             appliesCentreSettings: Bool = true) throws(CommandError) -> CardStore {
        guard PostgresLocation.isPostgres(path) || FileManager.default.fileExists(atPath: path) else {
            throw .unusableInput("\(path): no database here yet (no call has been stored in this workspace); give --db or $CALLGUIDE_DB, or run a call first")
        }
        return try open(path, configuration: configuration, scriptFields: scriptFields, appliesCentreSettings: appliesCentreSettings)
    }

    /// Store errors are sentences naming the location (a PostgreSQL
    /// password masked); anything else is prefixed with the location.
    static func describe(_ error: any Error, path: String) -> String {
        // A list of cards (several match a KEY) carries names as typed.
        if let error = error as? StoreError { return TerminalText.sanitize(error.description, allowNewlines: true) }
        if let error = error as? TaskStoreError { return error.description }
        if let error = error as? PostgresError { return error.description }
        return "\(shown(path)): \(error)"
    }

    /// The location as it may be printed: a PostgreSQL password as `***`.
    static func shown(_ location: String) -> String {
        PostgresLocation.redacted(location)
    }
}

/// What a `--db` path may be: a regular file (or a link to one), or a name
/// not yet taken in an existing folder.
enum DatabasePath {
    /// nil when `path` can be a database, else why not.
    static func problem(_ path: String) -> String? {
        // A PostgreSQL URI is not a file (store.md section 1).
        if PostgresLocation.isPostgres(path) { return nil }
        var status = stat()
        if stat(path, &status) == 0 {
            guard let kind = RegularFile.kind(of: status.st_mode) else { return nil }
            return "\(kind); give a database file"
        }
        if errno == ENOENT, let missing = SystemFile.missingFolder(SystemFile.directory(of: path)) {
            return "cannot create the database: \(missing)"
        }
        return nil
    }
}

/// Why the store could not be opened or read: a refusal already worded for
/// the operator, or the store's own error (kept so that a store that is
/// only away can be told from one set up wrong).
enum StoreOpening: Error {
    case refused(CommandError)
    case failed(any Error, sentence: String)

    init(_ error: any Error, path: String) {
        self = .failed(error, sentence: StoreAccess.describe(error, path: path))
    }

    /// The sentence when the store is away for now (store.md 2), else nil.
    var awayReason: String? {
        guard case .failed(let error, let sentence) = self, StoreAvailability.isAway(error) else { return nil }
        return sentence
    }

    var command: CommandError {
        switch self {
        case .refused(let error): return error
        case .failed(_, let sentence): return .unusableInput(sentence)
        }
    }
}
