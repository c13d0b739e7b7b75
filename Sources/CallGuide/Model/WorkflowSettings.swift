import Foundation

/// The parts of `callguide.yaml` that multi-contact work needs
/// (workflow.md 1.1 and 4): the centre's time zone, who belongs to which
/// group, where scripts are found by id, and which call endings are tried
/// again later.
public struct WorkflowSettings: Sendable, Equatable {
    /// The IANA name as written (`Europe/Kyiv`); nil: the machine's zone.
    public var timeZoneName: String?
    /// Operator -> the groups they belong to, in the file's order.
    public var operators: [(name: String, groups: [String])]
    /// Where `next` and `run --task` find a task's script by its id,
    /// relative to the workspace (default `scripts`).
    public var scriptsFolder: String
    /// An outcome or `:hangup` reason -> when to try again, and how often.
    public var retry: [String: RetryRule]

    public init(timeZoneName: String? = nil, operators: [(name: String, groups: [String])] = [], scriptsFolder: String = "scripts", retry: [String: RetryRule] = [:]) {
        self.timeZoneName = timeZoneName
        self.operators = operators
        self.scriptsFolder = scriptsFolder
        self.retry = retry
    }

    /// The centre's zone: the configured one, else the machine's.
    public var timeZone: TimeZone { timeZoneName.flatMap(TimeZone.init(identifier:)) ?? .current }

    /// Every operator named under `operators:`, in the file's order.
    public var operatorNames: [String] { operators.map(\.name) }

    /// Every group any operator belongs to, sorted.
    public var groupNames: [String] { Array(Set(operators.flatMap(\.groups))).sorted() }

    /// The groups of one operator (none for an operator not listed).
    public func groups(of name: String) -> [String] { operators.first { $0.name == name }?.groups ?? [] }

    /// The members of a group, in the file's order.
    public func members(of group: String) -> [String] { operators.filter { $0.groups.contains(group) }.map(\.name) }

    public static func == (a: WorkflowSettings, b: WorkflowSettings) -> Bool {
        a.timeZoneName == b.timeZoneName && a.scriptsFolder == b.scriptsFolder && a.retry == b.retry
            && a.operators.elementsEqual(b.operators) { $0.name == $1.name && $0.groups == $1.groups }
    }
}

/// `no_answer: {after: 2h, max_attempts: 5}`: a call that ended this way is
/// tried again `after` later, until `maxAttempts` calls were made; then the
/// task is cancelled with the reason.
public struct RetryRule: Sendable, Equatable {
    public var afterSeconds: Int
    public var maxAttempts: Int

    public init(afterSeconds: Int, maxAttempts: Int) {
        self.afterSeconds = afterSeconds
        self.maxAttempts = maxAttempts
    }

    /// `30s`, `15m`, `2h`, `1d` in seconds; nil for anything else.
    public static func seconds(_ text: String) -> Int? {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0, count <= 100_000,
              text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        switch unit {
        case "s": return count
        case "m": return count * 60
        case "h": return count * 3600
        case "d": return count * 86_400
        default: return nil
        }
    }
}

extension WorkspaceConfiguration {
    static let workflowKeys = ["timezone", "operators", "scripts", "retry"]

    /// Reads `timezone`, `operators`, `scripts` and `retry`.
    static func decodeWorkflow(_ root: YAMLNode, context: inout DecodingContext) -> WorkflowSettings {
        var settings = WorkflowSettings()
        if let zone = root["timezone"], let name = context.text(zone, "timezone") {
            if TimeZone(identifier: name) == nil || name.isEmpty {
                context.report(.E002, "'\(name)' is not a time zone: give an IANA name such as Europe/Kyiv", at: zone.start)
            } else {
                settings.timeZoneName = name
            }
        }
        if let folder = root["scripts"], let path = context.text(folder, "scripts folder") {
            if path.isEmpty || path.contains("\u{0}") {
                context.report(.E002, "'scripts' must name a folder", at: folder.start)
            } else {
                settings.scriptsFolder = path
            }
        }
        if let operators = root["operators"], let pairs = context.mapping(operators, "'operators'") {
            for pair in pairs {
                guard let name = context.text(pair.key, "operator name") else { continue }
                var groups: [String] = []
                if let items = pair.value.sequence {
                    groups = items.compactMap { context.identifier($0, "group name") }
                } else if !(pair.value.scalarIndex.map { pair.value.storage.isPlainNull($0) } ?? false) {
                    context.report(.E002, "the groups of operator '\(name)' must be a list, e.g. [sales, senior]", at: pair.value.start)
                }
                settings.operators.append((name, groups))
            }
        }
        if let retry = root["retry"], let pairs = context.mapping(retry, "'retry'") {
            for pair in pairs {
                guard let key = context.text(pair.key, "outcome or hangup reason"),
                      let rulePairs = context.mapping(pair.value, "the retry rule for '\(key)'") else { continue }
                context.checkKeys(rulePairs, allowed: ["after", "max_attempts"], in: "the retry rule for '\(key)'")
                var after: Int?
                var maxAttempts: Int?
                if let node = pair.value["after"], let text = context.text(node, "'after'") {
                    after = RetryRule.seconds(text)
                    if after == nil { context.report(.E002, "'after' must be a time such as 15m, 2h or 1d, not '\(text)'", at: node.start) }
                } else if pair.value["after"] == nil {
                    context.report(.E002, "the retry rule for '\(key)' needs 'after' (e.g. 2h)", at: pair.value.start)
                }
                if let node = pair.value["max_attempts"], let number = context.number(node, "'max_attempts'") {
                    let whole = NSDecimalNumber(decimal: number).intValue
                    if Decimal(whole) != number || whole < 1 || whole > 1000 {
                        context.report(.E002, "'max_attempts' must be a whole number from 1 to 1000", at: node.start)
                    } else {
                        maxAttempts = whole
                    }
                } else if pair.value["max_attempts"] == nil {
                    context.report(.E002, "the retry rule for '\(key)' needs 'max_attempts' (e.g. 5)", at: pair.value.start)
                }
                if let after, let maxAttempts { settings.retry[key] = RetryRule(afterSeconds: after, maxAttempts: maxAttempts) }
            }
        }
        return settings
    }
}
