import Foundation

/// Reads a well-formed transcript line straight from its UTF-8 bytes into a
/// `TranscriptLine`, without building a `JSONValue` tree first: replay
/// reads hundreds of thousands of lines, and the tree (and freeing it) cost
/// as much as the JSON parsing itself.
///
/// It only takes the ordinary case: known keys written plainly, each once,
/// with the types the event needs. On anything else (an unknown or escaped
/// key, a repeated key, a missing or mistyped field, deep nesting, malformed
/// JSON) it answers nil, and the caller reads the line the general way
/// (`JSONParser` + `TranscriptCodec.decode`), so accepted lines and error
/// messages are exactly those of the general path. Strings and numbers are
/// read by the same code as `JSONParser`'s, so their values are identical.
struct TranscriptLineDecoder {
    /// The members read so far; kept from line to line so that each line
    /// does not allocate its own table.
    private var fields: LineFields

    init(texts: TranscriptDocument.Texts = .keep) {
        fields = LineFields(skipsTexts: texts == .skip)
    }

    /// The line, or nil when the general path must decide.
    ///
    /// With `texts: .skip` the strings replay does not compare without
    /// `--text` are read and checked exactly as usual but come back empty:
    /// the `text` of `say`, `ask` and `offer`, the `message` of `warning`
    /// and `error`, the `error` of `invalid`, and `t` unless `keepsTime`.
    /// Making them was a large share of replay's reading.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, texts: TranscriptDocument.Texts = .keep, keepsTime: Bool = true) -> TranscriptLine? {
        var decoder = TranscriptLineDecoder(texts: texts)
        return decoder.decode(bytes, keepsTime: keepsTime)
    }

    /// As the static `decode`, reusing this decoder's table.
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, keepsTime: Bool = true) -> TranscriptLine? {
        var reader = JSONByteReader(bytes: bytes)
        fields.reset(bytes: bytes)
        guard fields.read(&reader) else { return nil }
        reader.skipWhitespace()
        guard reader.position == bytes.count else { return nil }
        return fields.line(keepsTime: keepsTime || !fields.skipsTexts)
    }
}

/// A member's value as read, before the event kind says what it must be.
private enum RawField {
    case string(String)
    /// A string of plain ASCII without escapes, as its byte range: made
    /// into a `String` only if the line needs it.
    case plainString(Int, Int)
    case null
    /// A number, boolean or array, as a script value.
    case value(Value)
    /// An object whose members are all script values.
    case object([(String, Value)])
}

/// The keys the decoder knows; any other key sends the line to the
/// general path.
private enum FieldKey: Int, CaseIterable {
    case seq, t, event, call, script, version, scriptSHA256, `operator`, language, today, card, cardData
    case node, text, item, input, value, error, message, reason, name, outcome, answers, cardChanges, resumed
    /// Version 1.1: `start`'s `now`, `end`'s `converted`, `nps`, `offers`, `tasks`.
    case now, converted, nps, offers, tasks

    /// The key written as `raw` (the bytes between the quotes): its length
    /// and a byte or two name the only key it can be, then its bytes are
    /// compared with that key's spelling.
    static func matching(_ raw: UnsafeBufferPointer<UInt8>) -> FieldKey? {
        guard let base = raw.baseAddress, raw.count > 0 else { return nil }
        let candidate: FieldKey
        switch (raw.count, raw[0]) {
        case (1, UInt8(ascii: "t")): candidate = .t
        case (3, UInt8(ascii: "s")): candidate = .seq
        case (3, UInt8(ascii: "n")): candidate = raw[1] == UInt8(ascii: "o") ? .now : .nps
        case (6, UInt8(ascii: "o")): candidate = .offers
        case (4, UInt8(ascii: "c")): candidate = raw[3] == UInt8(ascii: "l") ? .call : .card
        case (4, UInt8(ascii: "n")): candidate = raw[1] == UInt8(ascii: "o") ? .node : .name
        case (4, UInt8(ascii: "t")): candidate = .text
        case (4, UInt8(ascii: "i")): candidate = .item
        case (5, UInt8(ascii: "e")): candidate = raw[1] == UInt8(ascii: "v") ? .event : .error
        case (5, UInt8(ascii: "t")): candidate = raw[1] == UInt8(ascii: "o") ? .today : .tasks
        case (5, UInt8(ascii: "i")): candidate = .input
        case (5, UInt8(ascii: "v")): candidate = .value
        case (6, UInt8(ascii: "s")): candidate = .script
        case (6, UInt8(ascii: "r")): candidate = .reason
        case (7, UInt8(ascii: "v")): candidate = .version
        case (7, UInt8(ascii: "m")): candidate = .message
        case (7, UInt8(ascii: "o")): candidate = .outcome
        case (7, UInt8(ascii: "a")): candidate = .answers
        case (7, UInt8(ascii: "r")): candidate = .resumed
        case (8, UInt8(ascii: "o")): candidate = .operator
        case (8, UInt8(ascii: "l")): candidate = .language
        case (9, UInt8(ascii: "c")): candidate = raw[1] == UInt8(ascii: "a") ? .cardData : .converted
        case (12, UInt8(ascii: "c")): candidate = .cardChanges
        case (13, UInt8(ascii: "s")): candidate = .scriptSHA256
        default: return nil
        }
        return spelled(candidate.literal, base, raw.count) ? candidate : nil
    }

    /// The spelling as a static string: compared without allocating.
    private var literal: StaticString {
        switch self {
        case .seq: return "seq"
        case .t: return "t"
        case .event: return "event"
        case .call: return "call"
        case .script: return "script"
        case .version: return "version"
        case .scriptSHA256: return "script_sha256"
        case .operator: return "operator"
        case .language: return "language"
        case .today: return "today"
        case .card: return "card"
        case .cardData: return "card_data"
        case .node: return "node"
        case .text: return "text"
        case .item: return "item"
        case .input: return "input"
        case .value: return "value"
        case .error: return "error"
        case .message: return "message"
        case .reason: return "reason"
        case .name: return "name"
        case .outcome: return "outcome"
        case .answers: return "answers"
        case .cardChanges: return "card_changes"
        case .resumed: return "resumed"
        case .now: return "now"
        case .converted: return "converted"
        case .nps: return "nps"
        case .offers: return "offers"
        case .tasks: return "tasks"
        }
    }
}

/// The members of one line, by key.
private struct LineFields {
    /// Nested arrays deeper than this go to the general path.
    static let maximumDepth = 32

    /// The line being read.
    var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Texts replay does not compare are left empty (`decode`).
    let skipsTexts: Bool
    var seq: Int?
    var raw = [RawField?](repeating: nil, count: FieldKey.allCases.count)

    init(skipsTexts: Bool) {
        self.skipsTexts = skipsTexts
    }

    /// Forgets the previous line's members before reading `bytes`.
    mutating func reset(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        seq = nil
        for index in raw.indices where raw[index] != nil { raw[index] = nil }
    }

    // MARK: Reading

    /// Reads the top-level object; false means "not the ordinary case".
    mutating func read(_ reader: inout JSONByteReader) -> Bool {
        reader.skipWhitespace()
        guard reader.at(UInt8(ascii: "{")) else { return false }
        reader.position += 1
        reader.skipWhitespace()
        if reader.at(UInt8(ascii: "}")) { return false }  // no fields at all: let the general path say so
        while true {
            reader.skipWhitespace()
            guard let key = Self.plainKey(&reader).flatMap(FieldKey.matching) else { return false }
            // A repeated key: the general path reports it.
            if key == .seq ? seq != nil : raw[key.rawValue] != nil { return false }
            reader.skipWhitespace()
            guard reader.at(UInt8(ascii: ":")) else { return false }
            reader.position += 1
            reader.skipWhitespace()
            if key == .seq {
                guard let number = Self.plainInteger(&reader) else { return false }
                seq = number
            } else {
                guard let field = Self.field(&reader, for: key) else { return false }
                raw[key.rawValue] = field
            }
            reader.skipWhitespace()
            if reader.at(UInt8(ascii: ",")) {
                reader.position += 1
            } else if reader.at(UInt8(ascii: "}")) {
                reader.position += 1
                return true
            } else {
                return false
            }
        }
    }

    /// A key's bytes, when it is written without escapes.
    static func plainKey(_ reader: inout JSONByteReader) -> UnsafeBufferPointer<UInt8>? {
        guard reader.at(UInt8(ascii: "\"")) else { return nil }
        let start = reader.position + 1
        var end = start
        while end < reader.bytes.count {
            let byte = reader.bytes[end]
            if byte == UInt8(ascii: "\"") {
                reader.position = end + 1
                return UnsafeBufferPointer(rebasing: reader.bytes[start..<end])
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            end += 1
        }
        return nil
    }

    /// A whole number 0 or more written as plain digits (what the writer
    /// produces for `seq`); fractions, exponents, signs and numbers of more
    /// than 18 digits go to the general path, which names the line. The
    /// digit count is checked before the digit is taken, so no input can
    /// overflow `value` (19 nines would, and overflow traps).
    static func plainInteger(_ reader: inout JSONByteReader) -> Int? {
        var position = reader.position
        var value = 0
        var digits = 0
        while position < reader.bytes.count, reader.bytes[position] >= UInt8(ascii: "0"), reader.bytes[position] <= UInt8(ascii: "9") {
            guard digits < 18 else { return nil }
            value = value * 10 + Int(reader.bytes[position] - UInt8(ascii: "0"))
            digits += 1
            position += 1
        }
        guard digits > 0, !(digits > 1 && reader.bytes[reader.position] == UInt8(ascii: "0")) else { return nil }
        if position < reader.bytes.count {
            switch reader.bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: break
            }
        }
        reader.position = position
        return value
    }

    static func field(_ reader: inout JSONByteReader, for key: FieldKey) -> RawField? {
        switch key {
        case .item, .answers, .cardChanges, .cardData:
            return members(&reader).map(RawField.object)
        case .version, .value, .converted, .nps, .offers, .tasks:
            // `offers` and `tasks` hold objects unless empty: those lines
            // go to the general path.
            guard let value = scriptValue(&reader, depth: 0) else { return nil }
            if case .string(let text) = value { return .string(text) }
            if case .null = value { return .null }
            return .value(value)
        default:
            guard reader.position < reader.bytes.count else { return nil }
            switch reader.bytes[reader.position] {
            case UInt8(ascii: "\""):
                switch try? reader.scanString() {
                case .plain(let start, let end)?: return .plainString(start, end)
                case .text(let text)?: return .string(text)
                case nil: return nil
                }
            case UInt8(ascii: "n"): return (try? reader.expectLiteral("null")) != nil ? .null : nil
            default: return nil
            }
        }
    }

    /// An object of script values, keys in order; nil for a repeated key.
    static func members(_ reader: inout JSONByteReader) -> [(String, Value)]? {
        guard reader.at(UInt8(ascii: "{")) else { return nil }
        reader.position += 1
        var members: [(String, Value)] = []
        reader.skipWhitespace()
        if reader.at(UInt8(ascii: "}")) {
            reader.position += 1
            return members
        }
        while true {
            reader.skipWhitespace()
            guard reader.at(UInt8(ascii: "\"")), let key = try? reader.parseString() else { return nil }
            for (existing, _) in members where existing == key { return nil }
            reader.skipWhitespace()
            guard reader.at(UInt8(ascii: ":")) else { return nil }
            reader.position += 1
            guard let value = scriptValue(&reader, depth: 0) else { return nil }
            members.append((key, value))
            reader.skipWhitespace()
            if reader.at(UInt8(ascii: ",")) {
                reader.position += 1
            } else if reader.at(UInt8(ascii: "}")) {
                reader.position += 1
                return members
            } else {
                return nil
            }
        }
    }

    /// A JSON value other than an object, as a script value.
    static func scriptValue(_ reader: inout JSONByteReader, depth: Int) -> Value? {
        reader.skipWhitespace()
        guard reader.position < reader.bytes.count else { return nil }
        switch reader.bytes[reader.position] {
        case UInt8(ascii: "\""): return (try? reader.parseString()).map(Value.string)
        case UInt8(ascii: "t"): return (try? reader.expectLiteral("true")) != nil ? .bool(true) : nil
        case UInt8(ascii: "f"): return (try? reader.expectLiteral("false")) != nil ? .bool(false) : nil
        case UInt8(ascii: "n"): return (try? reader.expectLiteral("null")) != nil ? .null : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return (try? reader.parseNumber()).map(Value.number)
        case UInt8(ascii: "["):
            guard depth < maximumDepth else { return nil }
            reader.position += 1
            var elements: [Value] = []
            reader.skipWhitespace()
            if reader.at(UInt8(ascii: "]")) {
                reader.position += 1
                return .list(elements)
            }
            while true {
                guard let element = scriptValue(&reader, depth: depth + 1) else { return nil }
                elements.append(element)
                reader.skipWhitespace()
                if reader.at(UInt8(ascii: ",")) {
                    reader.position += 1
                } else if reader.at(UInt8(ascii: "]")) {
                    reader.position += 1
                    return .list(elements)
                } else {
                    return nil
                }
            }
        default:
            return nil
        }
    }

    // MARK: Building the line

    func string(_ key: FieldKey) -> String? {
        switch raw[key.rawValue] {
        case .string(let text)?: return text
        case .plainString(let start, let end)?: return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        default: return nil
        }
    }

    /// A string the line may leave empty (`decode`'s `texts: .skip`): its
    /// type is checked all the same.
    func text(_ key: FieldKey, skipped: Bool) -> String? {
        guard skipped else { return string(key) }
        switch raw[key.rawValue] {
        case .string?, .plainString?: return ""
        default: return nil
        }
    }

    /// A string that may be null or absent: `.some(nil)` for those, nil
    /// for a value of another type.
    func optionalString(_ key: FieldKey) -> String?? {
        switch raw[key.rawValue] {
        case nil, .null?: return .some(nil)
        case .string?, .plainString?: return .some(string(key))
        default: return nil
        }
    }

    /// A script value (strings and null included); nil when absent.
    func value(_ key: FieldKey) -> Value? {
        switch raw[key.rawValue] {
        case .string?, .plainString?: return string(key).map(Value.string)
        case .null?: return .null
        case .value(let value)?: return value
        default: return nil
        }
    }

    func object(_ key: FieldKey) -> [(String, Value)]? {
        if case .object(let members)? = raw[key.rawValue] { return members }
        return nil
    }

    func line(keepsTime: Bool) -> TranscriptLine? {
        guard let seq, let time = text(.t, skipped: !keepsTime), let name = eventName(), let event = event(named: name),
              let resumed = optionalString(.resumed) else { return nil }
        return TranscriptLine(seq: seq, time: time, event: event, resumed: resumed)
    }

    /// The `event` member as a known name, matched on its bytes without
    /// making a `String` (an escaped spelling is matched as a string); nil
    /// for a missing, mistyped or unknown name.
    private func eventName() -> EventName? {
        switch raw[FieldKey.event.rawValue] {
        case .plainString(let start, let end)?: return EventName.matching(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        case .string(let text)?: return EventName(rawValue: text)
        default: return nil
        }
    }

    private func event(named name: EventName) -> CallEvent? {
        switch name {
        case .start:
            guard let version = value(.version) else { return nil }
            switch version {
            case .number, .string, .null: break
            default: return nil
            }
            guard let data = object(.cardData), let call = string(.call), let script = string(.script),
                  let sha = string(.scriptSHA256), let op = string(.operator), let language = optionalString(.language),
                  let today = string(.today), let card = optionalString(.card), let now = optionalString(.now) else { return nil }
            var cardData: [String: Value] = [:]
            for (key, value) in data { cardData[key] = value }
            return .start(CallStart(call: call, script: script, version: version, scriptSHA256: sha, operator: op,
                                    language: language, today: today, card: card, cardData: cardData, now: now))
        case .say, .ask, .offer:
            guard let node = string(.node), let text = text(.text, skipped: skipsTexts) else { return nil }
            if name == .say { return .say(node: node, text: text) }
            if name == .ask { return .ask(node: node, text: text) }
            guard let item = object(.item) else { return nil }
            return .offer(node: node, text: text, item: item.map { ItemEntry(key: $0.0, value: $0.1) })
        case .answer:
            guard let node = string(.node), let input = string(.input), let value = value(.value) else { return nil }
            return .answer(node: node, input: input, value: value)
        case .invalid:
            guard let node = string(.node), let input = string(.input), let error = text(.error, skipped: skipsTexts) else { return nil }
            return .invalid(node: node, input: input, error: error)
        case .warning:
            guard let node = string(.node), let message = text(.message, skipped: skipsTexts) else { return nil }
            return .warning(node: node, message: message)
        case .skip:
            guard let node = string(.node), let reason = string(.reason).flatMap(SkipReason.init(rawValue:)) else { return nil }
            return .skip(node: node, reason: reason)
        case .back: return string(.node).map { .back(node: $0) }
        case .return: return string(.node).map { .return(node: $0) }
        case .handler:
            guard let handler = string(.name), let node = string(.node) else { return nil }
            return .handler(name: handler, node: node)
        case .note: return string(.text).map { .note(text: $0) }
        case .error:
            guard let node = optionalString(.node), let message = text(.message, skipped: skipsTexts) else { return nil }
            return .error(node: node, message: message)
        case .end:
            guard let node = optionalString(.node), let outcome = string(.outcome), let reason = optionalString(.reason),
                  let answers = object(.answers), let changes = object(.cardChanges) else { return nil }
            // Version 1.1: taken here only without offers and tasks (the
            // usual call); anything else is the general path's.
            var converted: Bool?
            var nps = Value.null
            if raw[FieldKey.converted.rawValue] != nil || raw[FieldKey.nps.rawValue] != nil
                || raw[FieldKey.offers.rawValue] != nil || raw[FieldKey.tasks.rawValue] != nil {
                guard case .value(.bool(let flag))? = raw[FieldKey.converted.rawValue],
                      case .value(.list(let offers))? = raw[FieldKey.offers.rawValue], offers.isEmpty,
                      case .value(.list(let tasks))? = raw[FieldKey.tasks.rawValue], tasks.isEmpty,
                      let score = value(.nps) else { return nil }
                converted = flag
                nps = score
            }
            return .end(CallEnd(node: node, outcome: outcome, reason: reason,
                                answers: answers.map { (node: $0.0, value: $0.1) },
                                cardChanges: changes.map { (field: $0.0, value: $0.1) }, converted: converted, nps: nps))
        }
    }
}

/// The event names the decoder knows (transcript spec, section 1).
private enum EventName: String {
    case start, say, ask, offer, answer, invalid, warning, skip, back, handler, `return`, note, error, end

    /// The name written as `raw` (the bytes between the quotes): its length
    /// and first byte name the only candidate, whose bytes are compared.
    static func matching(_ raw: UnsafeBufferPointer<UInt8>) -> EventName? {
        guard let base = raw.baseAddress, raw.count > 0 else { return nil }
        let candidate: EventName
        switch (raw.count, raw[0]) {
        case (5, UInt8(ascii: "s")): candidate = .start
        case (3, UInt8(ascii: "s")): candidate = .say
        case (3, UInt8(ascii: "a")): candidate = .ask
        case (5, UInt8(ascii: "o")): candidate = .offer
        case (6, UInt8(ascii: "a")): candidate = .answer
        case (7, UInt8(ascii: "i")): candidate = .invalid
        case (7, UInt8(ascii: "w")): candidate = .warning
        case (4, UInt8(ascii: "s")): candidate = .skip
        case (4, UInt8(ascii: "b")): candidate = .back
        case (7, UInt8(ascii: "h")): candidate = .handler
        case (6, UInt8(ascii: "r")): candidate = .return
        case (4, UInt8(ascii: "n")): candidate = .note
        case (5, UInt8(ascii: "e")): candidate = .error
        case (3, UInt8(ascii: "e")): candidate = .end
        default: return nil
        }
        return spelled(candidate.literal, base, raw.count) ? candidate : nil
    }

    /// The name as a static string: compared without allocating.
    private var literal: StaticString {
        switch self {
        case .start: return "start"
        case .say: return "say"
        case .ask: return "ask"
        case .offer: return "offer"
        case .answer: return "answer"
        case .invalid: return "invalid"
        case .warning: return "warning"
        case .skip: return "skip"
        case .back: return "back"
        case .handler: return "handler"
        case .return: return "return"
        case .note: return "note"
        case .error: return "error"
        case .end: return "end"
        }
    }
}

private extension JSONByteReader {
    /// Whether the next byte is `byte`.
    func at(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }
}

/// Whether `count` bytes at `base` spell `literal` exactly (no allocation).
private func spelled(_ literal: StaticString, _ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    literal.utf8CodeUnitCount == count && memcmp(literal.utf8Start, base, count) == 0
}
