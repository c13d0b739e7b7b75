/// The workspace's `callguide.yaml`: custom card fields, statuses with their
/// allowed transitions, and outcomes shared by every script (cli.md).
public struct WorkspaceConfiguration: Sendable {
    /// The ids of the workspace's scripts, when the front-end knows them
    /// (the engine reads no files): a `task.script` or `transfer.script`
    /// outside the set is a warning (W108). Nil: not checked.
    public var knownScriptIDs: Set<String>?
    public var cardFields: [CardFieldDeclaration]
    /// A new card starts in the first status.
    public var statuses: [String]
    /// Allowed status changes; nil when the configuration sets none, and
    /// then every change is allowed.
    public var transitions: [String: [String]]?
    public var outcomes: [OutcomeDeclaration]
    /// `files: {group: NAME}`: the files that hold client data (database,
    /// transcripts, exports) are shared with this group (0660, folders
    /// 0770) instead of being the owner's alone (0600, 0700), for several
    /// operators' logins on one machine. The name is checked by the CLI.
    public var fileGroup: String?
    /// `ui_language`: the language of the operator's screen in this
    /// workspace (prompts, answer errors, `:help`), whatever the call's
    /// `--lang` or the login's `LANG` say (issue 16).
    public var uiLanguage: UILanguage?
    /// `database:`: where the store is, when neither `--db` nor
    /// `$CALLGUIDE_DB` says (store.md 1): a `postgresql://` URI or a SQLite
    /// path, relative to the workspace.
    public var database: String?
    /// `phone:`: how the centre writes its phones; phones are then stored
    /// in international form (store.md 4). Nil: stored as typed.
    public var phoneFormat: PhoneFormat?
    /// `unique_phones: true`: `card set` and `card import` refuse a phone
    /// another card has (store.md 4). Off by default: a switchboard's
    /// number may be on several clients' cards.
    public var uniquePhones = false

    /// Time zone, operators and groups, scripts folder, retries
    /// (workflow.md 4).
    public var workflow = WorkflowSettings()

    public init(cardFields: [CardFieldDeclaration] = [], statuses: [String] = [], transitions: [String: [String]]? = nil, outcomes: [OutcomeDeclaration] = []) {
        self.cardFields = cardFields
        self.statuses = statuses
        self.transitions = transitions
        self.outcomes = outcomes
    }

    /// Whether a card may move from one status to another.
    public func allows(from old: String?, to new: String) -> Bool {
        guard let transitions, let old, old != new else { return true }
        return transitions[old]?.contains(new) ?? false
    }

    /// Loads `callguide.yaml` through the same YAML layer and diagnostics as scripts.
    public static func load(_ bytes: [UInt8]) -> (configuration: WorkspaceConfiguration?, diagnostics: [Diagnostic]) {
        let document: YAMLDocument
        do {
            document = try YAMLParser.parse(bytes)
        } catch {
            return (nil, [error.diagnostic(in: bytes)])
        }
        var context = DecodingContext()
        for duplicate in document.duplicateKeys {
            context.report(.E004, "duplicate key '\(duplicate.key)' (first defined at line \(duplicate.firstLocation.line))", at: duplicate.location)
        }
        guard let root = document.root else { return (WorkspaceConfiguration(), context.diagnostics) }
        guard let pairs = context.mapping(root, "callguide.yaml") else { return (nil, context.diagnostics) }
        context.checkKeys(pairs, allowed: ["card", "outcomes", "files", "ui_language", "database", "phone", "unique_phones"] + workflowKeys, in: "callguide.yaml")
        var configuration = WorkspaceConfiguration()
        if let database = root["database"], let location = context.text(database, "database location") {
            if location.isEmpty || location.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                context.report(.E002, "'database' must be a postgresql:// URI or a file path", at: database.start)
            } else {
                configuration.database = location
            }
        }
        if let node = root["ui_language"], let code = context.text(node, "ui_language") {
            if let language = UILanguage(rawValue: code) {
                configuration.uiLanguage = language
            } else {
                context.report(.E002, "the operator screen has no language '\(code)'; it speaks \(UILanguage.codeList)", at: node.start,
                               hint: Suggestions.hint(for: code.lowercased(), among: UILanguage.allCases.map(\.rawValue)))
            }
        }
        if let files = root["files"], let filePairs = context.mapping(files, "'files'") {
            context.checkKeys(filePairs, allowed: ["group"], in: "'files'")
            if let group = files["group"], let name = context.text(group, "group name") {
                if name.isEmpty || name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "/" || $0 == ":" }) {
                    context.report(.E002, "'\(name)' is not a group name", at: group.start)
                } else {
                    configuration.fileGroup = name
                }
            }
        }
        if let phone = root["phone"] { configuration.phoneFormat = decodePhoneFormat(phone, context: &context) }
        if let unique = root["unique_phones"], let flag = context.bool(unique, "unique_phones") { configuration.uniquePhones = flag }
        configuration.workflow = decodeWorkflow(root, context: &context)
        configuration.outcomes = root["outcomes"].map { CardFieldDecoding.decodeOutcomes($0, context: &context) } ?? []
        if let card = root["card"], let cardPairs = context.mapping(card, "'card'") {
            context.checkKeys(cardPairs, allowed: ["fields", "statuses", "transitions"], in: "'card'")
            configuration.cardFields = card["fields"].map { CardFieldDecoding.decodeFields($0, context: &context) } ?? []
            if let statuses = card["statuses"] {
                if let items = statuses.sequence {
                    configuration.statuses = items.compactMap { context.identifier($0, "status") }
                } else {
                    context.report(.E002, "'statuses' must be a list", at: statuses.start)
                }
            }
            if let transitions = card["transitions"], let transitionPairs = context.mapping(transitions, "'transitions'") {
                var map: [String: [String]] = [:]
                for pair in transitionPairs {
                    guard let from = context.identifier(pair.key, "status") else { continue }
                    checkStatus(from, at: pair.key.start, configuration.statuses, &context)
                    guard let targets = pair.value.sequence else {
                        context.report(.E002, "the transitions from '\(from)' must be a list of statuses", at: pair.value.start)
                        continue
                    }
                    map[from] = targets.compactMap { target in
                        guard let to = context.identifier(target, "status") else { return nil }
                        checkStatus(to, at: target.start, configuration.statuses, &context)
                        return to
                    }
                }
                configuration.transitions = map
            }
        }
        let errors = context.diagnostics.contains { $0.severity == .error }
        return (errors ? nil : configuration, context.diagnostics)
    }

    private static func checkStatus(_ status: String, at location: SourceLocation, _ statuses: [String], _ context: inout DecodingContext) {
        guard !statuses.isEmpty, !statuses.contains(status) else { return }
        context.report(.E006, "'\(status)' is not one of the statuses", at: location, hint: Suggestions.hint(for: status, among: statuses))
    }
}
