import Foundation

/// The settings of `callguide.yaml` that must be the same on every machine
/// of a centre sharing one store (store.md 3): `phone` and `unique_phones`
/// (so two machines never write one number two ways), `timezone`, the card
/// `statuses` and `transitions`, `operators` and `retry`.
///
/// `db config push` stores them as `yaml`, a small `callguide.yaml` of its
/// own (one key a line, each value in flow form), read back through the
/// same decoder as the workspace's file; a key the pushed file did not set
/// is unset centre-wide (its default), not left to each workspace.
public struct CentreSettings: Sendable {
    /// Each key and its value in flow form, in a fixed order; absent keys
    /// are not set.
    public private(set) var entries: [(key: String, value: String)]

    /// The settings a workspace's configuration sets (nil: none).
    public init(_ configuration: WorkspaceConfiguration?) {
        entries = []
        guard let configuration else { return }
        if let phone = configuration.phoneFormat {
            var members: [(String, JSONValue)] = [("country", .string(phone.country)), ("trunk", .string(phone.trunk))]
            if let digits = phone.nationalDigits { members.append(("national_digits", .number(Decimal(digits)))) }
            add("phone", .object(members))
        }
        if configuration.uniquePhones { add("unique_phones", .bool(true)) }
        if let zone = configuration.workflow.timeZoneName { add("timezone", .string(zone)) }
        var card: [(String, JSONValue)] = []
        if !configuration.statuses.isEmpty { card.append(("statuses", .array(configuration.statuses.map(JSONValue.string)))) }
        if let transitions = configuration.transitions {
            card.append(("transitions", .object(transitions.keys.sorted().map { ($0, .array(transitions[$0]!.map(JSONValue.string))) })))
        }
        if !card.isEmpty { add("card", .object(card)) }
        let operators = configuration.workflow.operators
        if !operators.isEmpty { add("operators", .object(operators.map { ($0.name, .array($0.groups.map(JSONValue.string))) })) }
        let retry = configuration.workflow.retry
        if !retry.isEmpty {
            add("retry", .object(retry.keys.sorted().map { key in
                (key, .object([("after", .string(Self.duration(retry[key]!.afterSeconds))), ("max_attempts", .number(Decimal(retry[key]!.maxAttempts)))]))
            }))
        }
    }

    private mutating func add(_ key: String, _ value: JSONValue) {
        entries.append((key, JSONWriter.serialize(value)))
    }

    /// The text the store keeps: valid `callguide.yaml`.
    public var yaml: String {
        entries.map { "\($0.key): \($0.value)\n" }.joined()
    }

    /// The names of the settings that differ from `other` (set in one and
    /// not the other, or set to other values), in a fixed order.
    public func differences(from other: CentreSettings) -> [String] {
        let order = ["phone", "unique_phones", "timezone", "card", "operators", "retry"]
        let mine = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })
        let theirs = Dictionary(uniqueKeysWithValues: other.entries.map { ($0.key, $0.value) })
        return order.filter { mine[$0] != theirs[$0] }
    }

    /// Reads the stored text back; nil with the decoder's diagnostics when
    /// it is not valid (a store edited by hand).
    public static func decode(_ yaml: String) -> (configuration: WorkspaceConfiguration?, diagnostics: [Diagnostic]) {
        let (configuration, diagnostics) = WorkspaceConfiguration.load(Array(yaml.utf8))
        return diagnostics.contains { $0.severity == .error } ? (nil, diagnostics) : (configuration, diagnostics)
    }

    /// `configuration` with these settings in place of its own: what a
    /// workspace uses once the centre's are in the store.
    public static func applying(_ centre: WorkspaceConfiguration, to configuration: WorkspaceConfiguration?) -> WorkspaceConfiguration {
        var result = configuration ?? WorkspaceConfiguration()
        result.phoneFormat = centre.phoneFormat
        result.uniquePhones = centre.uniquePhones
        result.workflow.timeZoneName = centre.workflow.timeZoneName
        result.statuses = centre.statuses
        result.transitions = centre.transitions
        result.workflow.operators = centre.workflow.operators
        result.workflow.retry = centre.workflow.retry
        return result
    }

    /// Seconds in the largest unit that divides them (`7200` -> `2h`), as
    /// `retry: {after}` reads them.
    static func duration(_ seconds: Int) -> String {
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] where seconds % size == 0 && seconds >= size {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
