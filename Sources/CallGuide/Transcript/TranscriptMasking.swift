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
/// - Elsewhere (texts shown, `card_data`, the `end`'s answers and card
///   changes, offer items, error messages) each erased value is replaced
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

    public static func mask(
        _ bytes: [UInt8], masks: [(value: String, mask: String)], answerNodes: Set<String>
    ) throws(TranscriptError) -> Result {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var changed = 0
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = bytes[start..<end]
            let terminated = end < bytes.count
            start = end + 1
            if let rewritten = try maskLine(line, number: lineNumber, masks: masks, answerNodes: answerNodes) {
                output += Array(rewritten.utf8)
                changed += 1
            } else {
                output += line
            }
            if terminated { output.append(UInt8(ascii: "\n")) }
        }
        return Result(bytes: output, changedLines: changed)
    }

    /// The line rewritten, or nil when nothing in it is personal.
    static func maskLine(
        _ bytes: ArraySlice<UInt8>, number: Int, masks: [(value: String, mask: String)], answerNodes: Set<String>
    ) throws(TranscriptError) -> String? {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw TranscriptError(lineNumber: number, column: error.offset + 1, message: error.message)
        }
        guard case .object(var members) = json, case .string(let event)? = json["event"] else { return nil }
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
            case (_, "text"), (_, "message"), (_, "error"), ("start", "card_data"), ("end", "answers"),
                 ("end", "card_changes"), ("offer", "item"), ("end", "reason"):
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
