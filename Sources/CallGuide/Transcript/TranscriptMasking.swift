/// Masks a forgotten client's personal values in a transcript (store.md 6,
/// `card forget --transcripts`), keeping it replayable. Pure: bytes in,
/// bytes out; the CLI reads and replaces the file.
///
/// - An `answer` to one of `answerNodes` gets its `input` and `value`
///   masked and `"masked": true`: replay then takes the recorded (masked)
///   value instead of parsing the input (`CallSession.acceptRecorded`).
/// - An `invalid` input at one of those nodes is masked and marked too;
///   replay does not feed it again (it changed nothing in the call).
/// - A `note`'s text is masked (replay feeds `:note` with any text).
/// - Elsewhere (texts shown, `card_data`, `last` and the task worked on in
///   `start`, the `end`'s answers, card changes and tasks, a `task`'s note
///   and handover, offer items, error messages) each erased value is replaced
///   by its mask; a value shorter than four characters only where it is
///   the whole string, so a short answer cannot mask letters of words.
///
/// Lines that need no change keep their bytes exactly.
public enum TranscriptMasking {
    public struct Result: Sendable {
        public var bytes: [UInt8]
        /// How many lines changed.
        public var changedLines: Int
    }

    /// What is personal, told by the caller (who knows the scripts and the
    /// card schema): the mask of a personal value, nil for one that is not.
    public struct Rules {
        /// An answer's mask, by script id, node id and recorded value.
        public var answer: (_ script: String, _ node: String, _ value: Value) -> Value?
        /// A card field's mask (`card_data`, the `end`'s `card_changes`).
        public var field: (_ field: String, _ value: Value) -> Value?

        public init(answer: @escaping (String, String, Value) -> Value?, field: @escaping (String, Value) -> Value?) {
            self.answer = answer
            self.field = field
        }
    }

    /// Masks the transcript. The personal values are found in the
    /// transcript itself (its personal answers, `card_data`, card changes
    /// and notes), so it can be masked after the store forgot them;
    /// `masks` adds values known from elsewhere.
    public static func mask(
        _ bytes: [UInt8], rules: Rules, masks extra: [(value: String, mask: String)] = []
    ) throws(TranscriptError) -> Result {
        let lines = split(bytes)
        var masks = extra
        var nodes: Set<String> = []
        var script = ""
        func add(_ value: Value, _ mask: Value?) {
            guard case .string(let text) = value, !text.isEmpty, case .string(let masked)? = mask, text != masked,
                  !masks.contains(where: { $0.value == text }) else { return }
            masks.append((text, masked))
        }
        for (number, line) in lines.enumerated() {
            guard let json = try parse(line.bytes, number: number + 1), case .object = json,
                  json["masked"] != JSONValue.bool(true), case .string(let event)? = json["event"] else { continue }
            switch event {
            case "start":
                if case .string(let id)? = json["script"] { script = id }
                for (field, value) in json["card_data"]?.members ?? [] { add(value.scriptValue, rules.field(field, value.scriptValue)) }
                // The KEY of a card the call could not read: a phone is personal.
                if case .string(let key)? = json["card_key"], !key.contains(where: \.isLetter) {
                    add(.string(key), rules.field("phone", .string(key)))
                }
                // Earlier calls' answers (`last.NODE`), typed by this script.
                for (node, value) in json["last"]?.members ?? [] { add(value.scriptValue, rules.answer(script, node, value.scriptValue)) }
            case "answer":
                guard case .string(let node)? = json["node"], let value = json["value"]?.scriptValue,
                      let mask = rules.answer(script, node, value) else { continue }
                nodes.insert(node)
                add(value, mask)
                if case .string(let input)? = json["input"] { add(.string(input), mask) }
            case "end":
                for (field, value) in json["card_changes"]?.members ?? [] { add(value.scriptValue, rules.field(field, value.scriptValue)) }
            case "note":
                if case .string(let text)? = json["text"] { add(.string(text), .string(Redaction.maskedText)) }
            default:
                break
            }
        }
        // Longest first: a value inside another is masked after it.
        masks.sort { $0.value.count > $1.value.count }
        return try mask(lines, masks: masks, answerNodes: nodes)
    }

    /// Masks `masks` everywhere and the answers to `answerNodes` whole.
    public static func mask(
        _ bytes: [UInt8], masks: [(value: String, mask: String)], answerNodes: Set<String>
    ) throws(TranscriptError) -> Result {
        try mask(split(bytes), masks: masks, answerNodes: answerNodes)
    }

    /// The lines, each with whether a newline ended it.
    private static func split(_ bytes: [UInt8]) -> [(bytes: ArraySlice<UInt8>, terminated: Bool)] {
        var lines: [(ArraySlice<UInt8>, Bool)] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lines.append((bytes[start..<end], end < bytes.count))
            start = end + 1
        }
        return lines
    }

    private static func mask(
        _ lines: [(bytes: ArraySlice<UInt8>, terminated: Bool)], masks: [(value: String, mask: String)], answerNodes: Set<String>
    ) throws(TranscriptError) -> Result {
        var output: [UInt8] = []
        var changed = 0
        for (index, line) in lines.enumerated() {
            if let rewritten = try maskLine(line.bytes, number: index + 1, masks: masks, answerNodes: answerNodes) {
                output += Array(rewritten.utf8)
                changed += 1
            } else {
                output += line.bytes
            }
            if line.terminated { output.append(UInt8(ascii: "\n")) }
        }
        return Result(bytes: output, changedLines: changed)
    }

    private static func parse(_ bytes: ArraySlice<UInt8>, number: Int) throws(TranscriptError) -> JSONValue? {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw TranscriptError(lineNumber: number, column: error.offset + 1, message: error.message)
        }
    }

    /// The line rewritten, or nil when nothing in it is personal.
    static func maskLine(
        _ bytes: ArraySlice<UInt8>, number: Int, masks: [(value: String, mask: String)], answerNodes: Set<String>
    ) throws(TranscriptError) -> String? {
        guard let json = try parse(bytes, number: number), case .object(var members) = json, case .string(let event)? = json["event"] else { return nil }
        let node = json["node"].flatMap { if case .string(let s) = $0 { return s } else { return nil } }
        func maskString(_ text: String) -> String {
            var result = text
            for (value, mask) in masks {
                if value.count < 4 {
                    if result == value { result = mask }
                } else if result.contains(value) {
                    result = result.replacingOccurrences(of: value, with: mask)
                }
            }
            return result
        }
        func maskDeep(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let text): return .string(maskString(text))
            case .array(let items): return .array(items.map(maskDeep))
            case .object(let pairs): return .object(pairs.map { ($0.0, maskDeep($0.1)) })
            default: return value
            }
        }
        /// A whole personal value: its mask if it is an erased one, else `***`.
        func maskWhole(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let text): return .string(masks.first { $0.value == text }?.mask ?? Redaction.maskedText)
            case .array(let items): return .array(items.map(maskWhole))
            default: return value
            }
        }
        // A line masked before keeps its masks (`+380*******33` is no
        // erased value, and must not become `***`).
        let alreadyMasked = json["masked"] == .bool(true)
        let personalNode = !alreadyMasked && (node.map(answerNodes.contains) ?? false)
        var markMasked = false
        for index in members.indices {
            let (key, value) = members[index]
            switch (event, key) {
            case ("answer", "value") where personalNode:
                members[index].1 = maskWhole(value)
                markMasked = true
            case ("answer", "input") where personalNode, ("invalid", "input") where personalNode:
                let recorded = json["value"].map(maskWhole)
                if case .string(let masked)? = recorded { members[index].1 = .string(masked) } else { members[index].1 = maskWhole(value) }
                markMasked = true
            case ("note", "text"):
                if case .string(let text) = value, text != Redaction.maskedText { members[index].1 = .string(Redaction.maskedText) }
            case (_, "text"), (_, "message"), (_, "error"), ("start", "card_data"), ("start", "card_key"), ("end", "answers"),
                 ("end", "card_changes"), ("offer", "item"), ("end", "reason"),
                 ("start", "last"), ("start", "task"), ("task", "note"), ("task", "handover"), ("end", "tasks"):
                members[index].1 = maskDeep(value)
            default:
                break
            }
        }
        if markMasked, !members.contains(where: { $0.0 == "masked" }) { members.append(("masked", .bool(true))) }
        let rewritten = JSONValue.object(members)
        return rewritten == json ? nil : JSONWriter.serialize(rewritten)
    }
}

private extension JSONValue {
    var members: [(String, JSONValue)]? {
        if case .object(let pairs) = self { return pairs }
        return nil
    }

    /// The script value of a JSON value (objects have none: null).
    var scriptValue: Value {
        switch self {
        case .null, .object: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .array(let items): return .list(items.map(\.scriptValue))
        }
    }
}
