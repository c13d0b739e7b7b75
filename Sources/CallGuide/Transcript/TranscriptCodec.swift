import Foundation

/// Turns engine events into transcript lines and back (transcript spec,
/// section 1). Pure: the file-backed writer and reader live in the CLI.
///
/// Encoding writes keys in a fixed order (`seq`, `t`, `event`, then the
/// event's fields as in the spec's table, then `resumed` on the first line
/// a resume wrote) so transcripts diff cleanly.
/// Decoding ignores fields it does not know, so older readers can read newer
/// transcripts, but a missing or mistyped field it needs is an error naming
/// the line and the field.
public enum TranscriptCodec {
    /// One JSON object on one line, without the trailing newline.
    public static func encode(_ line: TranscriptLine) -> String {
        JSONWriter.serialize(jsonObject(line))
    }

    /// The line as a JSON object, keys in transcript order.
    public static func jsonObject(_ line: TranscriptLine) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("seq", .number(Decimal(line.seq))),
            ("t", .string(line.time)),
            ("event", .string(line.event.name)),
        ]
        members.append(contentsOf: fields(of: line.event))
        if line.masked { members.append(("masked", .bool(true))) }
        if let resumed = line.resumed { members.append(("resumed", .string(resumed))) }
        return .object(members)
    }

    /// Reads one line (without its newline). `lineNumber` is 1-based and
    /// only used in errors.
    public static func decode(_ bytes: [UInt8], lineNumber: Int) throws(TranscriptError) -> TranscriptLine {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(TranscriptError) -> TranscriptLine in try decode(buffer, lineNumber: lineNumber) }
        }
        return try result.get()
    }

    /// Reads one line (without its newline) from a line of text.
    public static func decode(_ text: String, lineNumber: Int) throws(TranscriptError) -> TranscriptLine {
        try decode(Array(text.utf8), lineNumber: lineNumber)
    }

    /// Reads one line (without its newline) straight from a buffer, as the
    /// document reader does, so no bytes are copied.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(TranscriptError) -> TranscriptLine {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw TranscriptError(lineNumber: lineNumber, column: error.offset + 1, message: error.message)
        }
        return try decode(json, lineNumber: lineNumber)
    }

    /// Reads one line already parsed as JSON.
    public static func decode(_ json: JSONValue, lineNumber: Int) throws(TranscriptError) -> TranscriptLine {
        guard case .object(let members) = json else {
            throw TranscriptError(lineNumber: lineNumber, message: "a transcript line must be a JSON object, not \(json.kindName)")
        }
        let header = FieldReader(members: members, owner: "line", lineNumber: lineNumber)
        let seq = try header.integer("seq", maximum: TranscriptLine.maximumSeq)
        let time = try header.string("t")
        let name = try header.string("event")
        let fields = FieldReader(members: members, owner: "'\(name)' event", lineNumber: lineNumber)
        var masked = false
        for (key, value) in members where key == "masked" {
            guard case .bool(let flag) = value else { throw header.error("'masked' must be true or false") }
            masked = flag
        }
        let resumed = try header.optionalString("resumed")
        return TranscriptLine(seq: seq, time: time, event: try event(named: name, from: fields), masked: masked, resumed: resumed)
    }

    // MARK: Encoding

    private static func fields(of event: CallEvent) -> [(String, JSONValue)] {
        switch event {
        case .start(let start):
            return [
                ("call", .string(start.call)),
                ("script", .string(start.script)),
                ("version", json(start.version)),
                ("script_sha256", .string(start.scriptSHA256)),
                ("operator", .string(start.operator)),
                ("language", optional(start.language)),
                ("today", .string(start.today)),
                ("card", optional(start.card)),
                // A dictionary has no order; sorted keys keep lines stable.
                ("card_data", .object(start.cardData.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })),
            ] + versionOneOneFields(of: start)
        case let .say(node, text), let .ask(node, text):
            return [("node", .string(node)), ("text", .string(text))]
        case let .offer(node, text, item):
            return [("node", .string(node)), ("text", .string(text)),
                    ("item", .object(item.map { ($0.key, json($0.value)) }))]
        case let .answer(node, input, value):
            return [("node", .string(node)), ("input", .string(input)), ("value", json(value))]
        case let .invalid(node, input, error):
            return [("node", .string(node)), ("input", .string(input)), ("error", .string(error))]
        case let .warning(node, message):
            return [("node", .string(node)), ("message", .string(message))]
        case let .skip(node, reason):
            return [("node", .string(node)), ("reason", .string(reason.rawValue))]
        case let .back(node), let .return(node):
            return [("node", .string(node))]
        case let .handler(name, node):
            return [("name", .string(name)), ("node", .string(node))]
        case let .note(text):
            return [("text", .string(text))]
        case let .error(node, message):
            return [("node", optional(node)), ("message", .string(message))]
        case .task(let task):
            return taskFields(task)
        case .faq(let lookup):
            return [("node", .string(lookup.node)), ("query", .string(lookup.query)),
                    ("shown", .array(lookup.shown.map { .string($0) }))]
        case .end(let end):
            var members: [(String, JSONValue)] = [("node", optional(end.node)), ("outcome", .string(end.outcome))]
            if let reason = end.reason { members.append(("reason", .string(reason))) }
            members.append(("answers", .object(end.answers.map { ($0.node, json($0.value)) })))
            members.append(("card_changes", .object(end.cardChanges.map { ($0.field, json($0.value)) })))
            // Version 1.1 (transcript section 3), so that a call can be
            // stored without its script; an older line has none of them.
            if let converted = end.converted {
                members.append(("converted", .bool(converted)))
                members.append(("nps", json(end.nps)))
                members.append(("offers", .array(end.offers.map { offer in
                    .object([("node", .string(offer.node)), ("accepted", .bool(offer.accepted)),
                             ("item", .object(offer.item.map { ($0.key, json($0.value)) }))])
                })))
                members.append(("tasks", .array(end.tasks.map { .object(taskFields($0)) })))
            }
            return members
        }
    }

    /// `now`, `last`, `task` and `card_calls` of a `start` line, each only
    /// when the call has it, so version 1 lines stay as they were.
    private static func versionOneOneFields(of start: CallStart) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let now = start.now { members.append(("now", .string(now))) }
        if !start.last.isEmpty {
            members.append(("last", .object(start.last.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })))
        }
        if let task = start.task {
            members.append(("task", .object([
                ("id", optional(task.id)), ("kind", .string(task.kind.rawValue)), ("note", optional(task.note)),
                ("attempts", .number(Decimal(task.attempts))), ("due", optional(task.due)),
            ])))
        }
        if let calls = start.cardCalls { members.append(("card_calls", .number(Decimal(calls)))) }
        if let key = start.cardKey {
            members.append(("card_key", .string(key)))
            members.append(("card_available", .bool(false)))
        }
        if !start.modules.isEmpty {
            members.append(("modules", .object(start.modules.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        return members
    }

    /// A task as the `task` event and the `end` event's `tasks` write it.
    private static func taskFields(_ task: CallTask) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("node", .string(task.node)), ("kind", .string(task.kind.rawValue)), ("due", .string(task.due)),
            ("assignee", optional(task.assignee)), ("group", optional(task.group)), ("script", optional(task.script)),
            ("note", optional(task.note)),
        ]
        if !task.handover.isEmpty {
            members.append(("handover", .array(task.handover.map {
                .object([("question", .string($0.question)), ("answer", .string($0.answer))])
            })))
        }
        return members
    }

    private static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// A script value as JSON: lists become arrays.
    public static func json(_ value: Value) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .list(let elements): return .array(elements.map(json))
        }
    }

    // MARK: Decoding

    private static func event(named name: String, from fields: FieldReader) throws(TranscriptError) -> CallEvent {
        switch name {
        case "start":
            let version = try fields.value("version")
            switch version {
            case .number, .string, .null: break   // null: the script has no `version`
            default: throw fields.error("'version' must be a number, a string or null")
            }
            var cardData: [String: Value] = [:]
            for (key, value) in try fields.object("card_data") {
                cardData[key] = try fields.scriptValue(value, field: "card_data.\(key)")
            }
            var last: [String: Value] = [:]
            if let members = try fields.optionalObject("last") {
                for (key, value) in members { last[key] = try fields.scriptValue(value, field: "last.\(key)") }
            }
            var task: TaskContext?
            if let members = try fields.optionalObject("task") {
                let taskFields = FieldReader(members: members, owner: "'start' event's task", lineNumber: fields.lineNumber)
                task = TaskContext(
                    id: try taskFields.optionalString("id"), kind: try taskFields.taskKind("kind"),
                    note: try taskFields.optionalString("note"),
                    attempts: try taskFields.integer("attempts", maximum: 1_000_000), due: try taskFields.optionalString("due"))
            }
            let cardCalls = try fields.has("card_calls") ? fields.integer("card_calls", maximum: 1_000_000_000) : nil
            var cardKey: String?
            if fields.has("card_available") {
                guard case .bool(let available) = try fields.required("card_available") else {
                    throw fields.error("'card_available' must be true or false")
                }
                if !available { cardKey = try fields.string("card_key") }
            }
            var modules: [String: String] = [:]
            if let members = try fields.optionalObject("modules") {
                for (alias, hash) in members {
                    guard case .string(let text) = hash else { throw fields.error("'modules.\(alias)' must be a string (a SHA-256)") }
                    modules[alias] = text
                }
            }
            var start = CallStart(
                call: try fields.string("call"), script: try fields.string("script"), version: version,
                scriptSHA256: try fields.string("script_sha256"), operator: try fields.string("operator"),
                language: try fields.optionalString("language"), today: try fields.string("today"),
                card: try fields.optionalString("card"), cardData: cardData, now: try fields.optionalString("now"),
                last: last, task: task, cardCalls: cardCalls, cardKey: cardKey)
            start.modules = modules
            return .start(start)
        case "say": return .say(node: try fields.string("node"), text: try fields.string("text"))
        case "ask": return .ask(node: try fields.string("node"), text: try fields.string("text"))
        case "offer":
            var item: [ItemEntry] = []
            for (key, value) in try fields.object("item") {
                item.append(ItemEntry(key: key, value: try fields.scriptValue(value, field: "item.\(key)")))
            }
            return .offer(node: try fields.string("node"), text: try fields.string("text"), item: item)
        case "answer":
            return .answer(node: try fields.string("node"), input: try fields.string("input"), value: try fields.value("value"))
        case "invalid":
            return .invalid(node: try fields.string("node"), input: try fields.string("input"), error: try fields.string("error"))
        case "warning": return .warning(node: try fields.string("node"), message: try fields.string("message"))
        case "skip":
            let node = try fields.string("node")
            let reasonText = try fields.string("reason")
            guard let reason = SkipReason(rawValue: reasonText) else {
                throw fields.error("'reason' must be 'when' or 'operator', not '\(reasonText)'")
            }
            return .skip(node: node, reason: reason)
        case "back": return .back(node: try fields.string("node"))
        case "handler": return .handler(name: try fields.string("name"), node: try fields.string("node"))
        case "return": return .return(node: try fields.string("node"))
        case "note": return .note(text: try fields.string("text"))
        case "error": return .error(node: try fields.optionalString("node"), message: try fields.string("message"))
        case "task": return .task(try fields.task())
        case "faq":
            var shown: [String] = []
            for id in try fields.array("shown") {
                guard case .string(let text) = id else { throw fields.error("'shown' must hold the ids of faq entries (texts)") }
                shown.append(text)
            }
            return .faq(FAQLookup(node: try fields.string("node"), query: try fields.string("query"), shown: shown))
        case "end":
            var answers: [(node: String, value: Value)] = []
            for (node, value) in try fields.object("answers") {
                answers.append((node, try fields.scriptValue(value, field: "answers.\(node)")))
            }
            var changes: [(field: String, value: Value)] = []
            for (field, value) in try fields.object("card_changes") {
                changes.append((field, try fields.scriptValue(value, field: "card_changes.\(field)")))
            }
            var converted: Bool?
            var offers: [OfferRecord] = []
            var tasks: [CallTask] = []
            if fields.has("converted") {
                guard case .bool(let flag) = try fields.required("converted") else { throw fields.error("'converted' must be true or false") }
                converted = flag
                for (index, offer) in try fields.array("offers").enumerated() {
                    guard case .object(let members) = offer else { throw fields.error("'offers' must hold objects") }
                    let offerFields = FieldReader(members: members, owner: "'end' event's offer \(index + 1)", lineNumber: fields.lineNumber)
                    guard case .bool(let accepted) = try offerFields.required("accepted") else {
                        throw offerFields.error("'accepted' must be true or false")
                    }
                    var item: [ItemEntry] = []
                    for (key, value) in try offerFields.object("item") {
                        item.append(ItemEntry(key: key, value: try offerFields.scriptValue(value, field: "item.\(key)")))
                    }
                    offers.append(OfferRecord(node: try offerFields.string("node"), accepted: accepted, item: item))
                }
                for (index, task) in try fields.array("tasks").enumerated() {
                    guard case .object(let members) = task else { throw fields.error("'tasks' must hold objects") }
                    tasks.append(try FieldReader(members: members, owner: "'end' event's task \(index + 1)", lineNumber: fields.lineNumber).task())
                }
            }
            return .end(CallEnd(
                node: try fields.optionalString("node"), outcome: try fields.string("outcome"),
                reason: try fields.optionalString("reason"), answers: answers, cardChanges: changes,
                converted: converted, nps: fields.has("nps") ? try fields.value("nps") : .null, offers: offers, tasks: tasks))
        default:
            throw TranscriptError(lineNumber: fields.lineNumber, message: "unknown event '\(name)'")
        }
    }
}

/// Reads named fields of one line's object, with errors that say which
/// event lacks which field.
private struct FieldReader {
    let members: [(String, JSONValue)]
    /// `line` or `'answer' event`, the subject of error messages.
    let owner: String
    let lineNumber: Int

    func error(_ message: String) -> TranscriptError {
        TranscriptError(lineNumber: lineNumber, message: "\(owner): \(message)")
    }

    func required(_ name: String) throws(TranscriptError) -> JSONValue {
        for (key, value) in members where key == name { return value }
        throw TranscriptError(lineNumber: lineNumber, message: "\(owner) has no '\(name)'")
    }

    func string(_ name: String) throws(TranscriptError) -> String {
        let value = try required(name)
        guard case .string(let text) = value else { throw error("'\(name)' must be a string, not \(value.kindName)") }
        return text
    }

    /// A string that may be null or absent.
    func optionalString(_ name: String) throws(TranscriptError) -> String? {
        for (key, value) in members where key == name {
            switch value {
            case .null: return nil
            case .string(let text): return text
            default: throw error("'\(name)' must be a string or null, not \(value.kindName)")
            }
        }
        return nil
    }

    /// A whole number from 0 to `maximum`; a larger one is refused with its
    /// value and the limit, never read into an `Int` that a later `+ 1`
    /// could overflow.
    func integer(_ name: String, maximum: Int) throws(TranscriptError) -> Int {
        let value = try required(name)
        guard case .number(let number) = value, number >= 0 else {
            throw error("'\(name)' must be a whole number 0 or more")
        }
        guard number <= Decimal(maximum) else {
            throw error("'\(name)' \(JSONWriter.numberText(number)) is too large (at most \(maximum))")
        }
        guard let integer = Self.wholeNumber(number) else {
            throw error("'\(name)' must be a whole number 0 or more")
        }
        return integer
    }

    /// The number as an `Int` when it is one exactly. Every line's `seq`
    /// goes through here, so the common case avoids writing the number out
    /// as text (which costs ten times more); a candidate is only trusted
    /// when it converts back to the very same decimal.
    static func wholeNumber(_ number: Decimal) -> Int? {
        if number >= 0 && number <= largestInt {
            let candidate = NSDecimalNumber(decimal: number).int64Value
            if Decimal(candidate) == number { return Int(candidate) }
        }
        return Int(JSONWriter.numberText(number))
    }

    private static let largestInt = Decimal(Int64.max)

    func has(_ name: String) -> Bool {
        members.contains { $0.0 == name }
    }

    /// An object that may be null or absent.
    func optionalObject(_ name: String) throws(TranscriptError) -> [(String, JSONValue)]? {
        for (key, value) in members where key == name {
            switch value {
            case .null: return nil
            case .object(let members): return members
            default: throw error("'\(name)' must be an object or null, not \(value.kindName)")
            }
        }
        return nil
    }

    func array(_ name: String) throws(TranscriptError) -> [JSONValue] {
        let value = try required(name)
        guard case .array(let elements) = value else { throw error("'\(name)' must be an array, not \(value.kindName)") }
        return elements
    }

    func taskKind(_ name: String) throws(TranscriptError) -> TaskKind {
        let text = try string(name)
        guard let kind = TaskKind(rawValue: text) else {
            throw error("'\(name)' must be callback, transfer or todo, not '\(text)'")
        }
        return kind
    }

    /// A task's fields (the `task` event, or one of the `end` event's `tasks`).
    func task() throws(TranscriptError) -> CallTask {
        var handover: [HandoverLine] = []
        if has("handover") {
            for line in try array("handover") {
                guard case .object(let members) = line else { throw error("'handover' must hold objects") }
                let lineFields = FieldReader(members: members, owner: "\(owner)'s handover line", lineNumber: lineNumber)
                handover.append(HandoverLine(question: try lineFields.string("question"), answer: try lineFields.string("answer")))
            }
        }
        return CallTask(
            node: try string("node"), kind: try taskKind("kind"), due: try string("due"),
            assignee: try optionalString("assignee"), group: try optionalString("group"),
            script: try optionalString("script"), note: try optionalString("note"), handover: handover)
    }

    func object(_ name: String) throws(TranscriptError) -> [(String, JSONValue)] {
        let value = try required(name)
        guard case .object(let members) = value else { throw error("'\(name)' must be an object, not \(value.kindName)") }
        return members
    }

    func value(_ name: String) throws(TranscriptError) -> Value {
        try scriptValue(try required(name), field: name)
    }

    /// A JSON value as a script value: arrays become lists; objects have no
    /// script counterpart.
    func scriptValue(_ json: JSONValue, field: String) throws(TranscriptError) -> Value {
        switch json {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .array(let elements):
            var list: [Value] = []
            list.reserveCapacity(elements.count)
            for element in elements { list.append(try scriptValue(element, field: field)) }
            return .list(list)
        case .object: throw error("'\(field)' must be a value or a list, not an object")
        }
    }
}
