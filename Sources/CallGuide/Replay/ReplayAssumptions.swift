/// Answers QA assumes for questions that recorded calls never heard
/// (`replay --assume NODE=VALUE`, `--assume-file`): when a script grows a
/// question, its old transcripts stop there; with an assumed answer the
/// replay feeds it, as if the operator had typed it, and goes on. A node
/// may have several values: they are tried in turn until the rest of the
/// transcript matches.
public struct ReplayAssumptions: Sendable, Equatable {
    /// Node id -> the lines to try, in order (never empty).
    public private(set) var values: [String: [String]] = [:]

    public init() {}

    public init(_ entries: [(node: String, values: [String])]) {
        for entry in entries { set(entry.node, entry.values) }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// Sets (or replaces) what is assumed for `node`; an empty list removes it.
    public mutating func set(_ node: String, _ lines: [String]) {
        values[node] = lines.isEmpty ? nil : lines
    }

    /// The entries of `other` replace this set's for the same nodes (the
    /// command line's `--assume` over the file's).
    public func merging(_ other: ReplayAssumptions) -> ReplayAssumptions {
        var merged = self
        for (node, lines) in other.values { merged.values[node] = lines }
        return merged
    }

    /// Why `line` could never be an answer to `node` of `script`, or nil
    /// when it may be (its `validate` rules are left to the replay, as they
    /// may depend on the call). Checked before any replay, so that a typo
    /// is one clear error rather than a failing run.
    public static func problem(node: String, line: String, in script: Script) -> String? {
        guard let found = script.node(node) else {
            let hint = Suggestions.closest(to: node, among: script.nodes.filter(\.takesInput).map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
            return "'\(node)' is not a node of script '\(script.id)'\(hint)"
        }
        if line == ":skip" {
            switch found.kind {
            case .ask(let question) where question.optional: return nil
            case .offer(let offer) where offer.optional: return nil
            default: return "'\(node)' is required and cannot be skipped"
            }
        }
        switch found.kind {
        case .ask(let question):
            if case .failure(let rejection) = AnswerParser.parse(line, for: question, language: nil, fallback: script.language) {
                return "'\(line)' is not an answer to '\(node)': \(rejection.message)"
            }
        case .offer:
            if AnswerParser.parseYesNo(line) == nil { return "'\(line)' is not an answer to the offer '\(node)': expected yes or no" }
        default:
            return "'\(node)' is not a question or an offer: nothing to answer"
        }
        return nil
    }
}

/// One assumed answer a replay fed, for the result line and the reports.
public struct AssumedAnswer: Sendable, Equatable, CustomStringConvertible {
    public var node: String
    public var input: String
    /// The transcript line before which it was fed.
    public var line: Int

    public init(node: String, input: String, line: Int) {
        self.node = node
        self.input = input
        self.line = line
    }

    /// `items_check=yes`.
    public var description: String { "\(node)=\(input)" }
}
