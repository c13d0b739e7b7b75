import CallGuide
import Foundation

/// Which calls a listing or a report covers. Days are local dates
/// `YYYY-MM-DD` (in the store's time zone), both ends included.
public struct CallFilter: Equatable, Sendable {
    public var sinceDay: String?
    public var untilDay: String?
    public var `operator`: String?
    public var script: String?
    public var cardId: String?

    public init(sinceDay: String? = nil, untilDay: String? = nil, operator: String? = nil, script: String? = nil, cardId: String? = nil) {
        self.sinceDay = sinceDay
        self.untilDay = untilDay
        self.operator = `operator`
        self.script = script
        self.cardId = cardId
    }

    /// The WHERE clause (fixed text) and its bound values.
    var sql: (clause: String, values: [SQLValue]) {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let sinceDay { conditions.append("started_day >= ?"); values.append(.text(sinceDay)) }
        if let untilDay { conditions.append("started_day <= ?"); values.append(.text(untilDay)) }
        if let op = `operator` { conditions.append("operator = ?"); values.append(.text(op)) }
        if let script { conditions.append("script_id = ?"); values.append(.text(script)) }
        if let cardId { conditions.append("card_id = ?"); values.append(.text(cardId)) }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), values)
    }

    /// The same clause over a table that carries its call's day, operator
    /// and script (`call_answers`, `call_offers`, `ReportSchema.callColumns`),
    /// so a report reads that table alone instead of joining each row to
    /// its call.
    var reportTableSQL: (clause: String, values: [SQLValue]) {
        var withoutCard = self
        withoutCard.cardId = nil
        var (clause, values) = withoutCard.sql
        if let cardId {
            clause += (clause.isEmpty ? "WHERE " : " AND ") + "call_seq IN (SELECT seq FROM calls WHERE card_id = ?)"
            values.append(.text(cardId))
        }
        return (clause, values)
    }

    /// The clause for a report that counts its rows per slice (day,
    /// operator, script, version: the leading columns of `calls_report`
    /// and `call_answers_report`, read in index order) and then adds the
    /// slices up. The operator and the script are compared as expressions
    /// (`operator || ''`), which SQLite does not take as index constraints:
    /// an equality on a slice column made it sort every row instead of
    /// reading the index in order (0.8 s instead of 0.3 s over a million
    /// calls). `reportTable`: the rows are `call_answers` or `call_offers`.
    func sliceSQL(reportTable: Bool = false) -> (clause: String, values: [SQLValue]) {
        var rows = self
        rows.operator = nil
        rows.script = nil
        var (clause, values) = reportTable ? rows.reportTableSQL : rows.sql
        for (column, value) in [("operator", `operator`), ("script_id", script)] {
            guard let value else { continue }
            clause += (clause.isEmpty ? "WHERE " : " AND ") + "\(column) || '' = ?"
            values.append(.text(value))
        }
        return (clause, values)
    }
}

extension CardStore {
    static let callColumns = """
        id, card_id, operator, script_id, script_version, started_at, ended_at, outcome, converted, answers,
        notes, nps_score, offers, card_changes, card_change_problems, transcript_path, duration, utc_offset
        """

    /// Stores a finished call and applies its card changes, in one
    /// transaction.
    ///
    /// If the card changed since the call started (`cardRevisionAtStart`
    /// differs from the stored revision), a field that the other change also
    /// touched is not overwritten: the stored value stays, the call's value
    /// stays in the call's record, and the result lists the conflict, even
    /// when both values are now equal (store.md section 5: otherwise one of
    /// two `visits + 1` increments would vanish without a trace). A
    /// status change that `transitions` forbid is refused and listed; the
    /// rest is stored. `transitions` nil allows every change.
    @discardableResult
    public func storeCall(
        _ record: CallRecord, cardChanges: [String: Value], cardRevisionAtStart: Int?, transitions: StatusTransitions?
    ) throws -> StoreCallResult {
        try storeCall(record, cardChanges: cardChanges, baseline: cardRevisionAtStart.map(CardBaseline.revision), transitions: transitions)
    }

    /// `storeCall` with what the call knew of its card when it started:
    /// a live call knows the revision; a resumed call knows the fields its
    /// transcript recorded (`card_data`), which tells another change made
    /// before the resume from the call's own.
    ///
    /// In the same transaction, the task the call worked on is settled
    /// (`worked`) and the tasks the call made are stored (`made`, created
    /// by this call), so a call is never stored without its tasks.
    @discardableResult
    public func storeCall(
        _ record: CallRecord, cardChanges: [String: Value], baseline: CardBaseline?, transitions: StatusTransitions?,
        worked: TaskCallEnd? = nil, made: [NewTask] = [], questions: [StoredQuestion] = []
    ) throws -> StoreCallResult {
        try db.writeTransaction {
            // Idempotent by call id, whatever runs at once (`run`, `resume`,
            // `sync` on several machines): checked inside the transaction
            // that would store it, so a call is never stored twice.
            if let existing = try call(record.id) {
                var candidate = record
                candidate.cardChanges = cardChanges
                guard existing.sameCall(as: candidate) else {
                    throw StoreError.callIDTaken(id: record.id, stored: existing.transcriptPath, new: record.transcriptPath)
                }
                var result = StoreCallResult(callId: record.id, applied: [], problems: existing.cardChangeProblems, card: nil)
                result.alreadyStored = true
                return result
            }
            var applied: [String] = []
            var problems: [CardChangeProblem] = []
            var finalCard: Card?
            if let cardId = record.cardId {
                guard var card = try card(cardId) else { throw StoreError.noSuchCard(key: cardId) }
                let statusBefore = card.status
                var revisions = try fieldRevisions(of: card.id)
                for (field, value) in cardChanges.sorted(by: { $0.key < $1.key }) {
                    if field == "id" { problems.append(.notChangeable(field: field)); continue }
                    let stored = card[field]
                    // Checked before comparing values: a stored value that
                    // changed since the call read it is a conflict even when
                    // it now equals the call's (two calls each writing
                    // `visits + 1` from the same start must not lose one).
                    if baseline?.changedByOthers(field, card: card, fieldRevisions: revisions) == true {
                        problems.append(.conflict(field: field, stored: stored, call: value))
                        continue
                    }
                    if stored == value { continue }
                    if field == "status" {
                        guard case .string(let to) = value else { problems.append(.notChangeable(field: field)); continue }
                        if let transitions, !transitions.permits(from: card.status, to: to) {
                            problems.append(.statusRefused(from: card.status, to: to))
                            continue
                        }
                    }
                    card[field] = value
                    applied.append(field)
                }
                if !applied.isEmpty {
                    card.revision += 1
                    card.updatedAt = Date()
                    for field in applied { revisions[field] = card.revision }
                    try update(card, revisions: revisions)
                    if statusBefore != card.status {
                        try recordStatusChange(card: card.id, from: statusBefore, to: card.status, at: record.endedAt, call: record.id)
                    }
                }
                finalCard = card
            }
            var stored = record
            stored.cardChanges = cardChanges
            stored.cardChangeProblems = problems
            try insertCall(stored)
            try insertFAQLookups(of: stored)
            if !questions.isEmpty { try storeQuestions(questions, script: record.scriptId, version: record.scriptVersion, at: record.endedAt) }
            var result = StoreCallResult(callId: record.id, applied: applied, problems: problems, card: finalCard)
            if let worked { result.task = try settleTaskInTransaction(worked, callID: record.id, endedAt: record.endedAt) }
            for task in made {
                result.madeTasks.append(try insertTaskInTransaction(task, createdBy: record.id, now: record.endedAt))
            }
            return result
        }
    }

    /// The card's most recent calls, newest first.
    public func lastCalls(cardId: String, limit: Int = 5) throws -> [CallRecord] {
        try db.query(
            "SELECT \(Self.callColumns) FROM calls WHERE card_id = ? ORDER BY started_at DESC, seq DESC LIMIT ?",
            [.text(cardId), .integer(Int64(max(0, limit)))]
        ).map(Self.call(from:))
    }

    /// Calls matching the filter, oldest first.
    public func calls(_ filter: CallFilter) throws -> [CallRecord] {
        let (clause, values) = filter.sql
        return try db.query("SELECT \(Self.callColumns) FROM calls \(clause) ORDER BY started_at, seq", values)
            .map(Self.call(from:))
    }

    /// Calls matching the filter, oldest first, handed to `body` one at a
    /// time as the store reads them: `calls` lists a million in flat memory.
    public func forEachCall(_ filter: CallFilter, _ body: (CallRecord) throws -> Void) throws {
        let (clause, values) = filter.sql
        try db.forEachRow("SELECT \(Self.callColumns) FROM calls \(clause) ORDER BY started_at, seq", values) { row in
            try body(Self.call(from: row))
        }
    }

    /// Calls between two local days (inclusive), by operator and script.
    public func calls(since: String? = nil, until: String? = nil, operator: String? = nil, script: String? = nil) throws -> [CallRecord] {
        try calls(CallFilter(sinceDay: since, untilDay: until, operator: `operator`, script: script))
    }

    /// One call, with its faq lookups (listings leave those out).
    public func call(_ id: String) throws -> CallRecord? {
        guard var record = try db.query("SELECT \(Self.callColumns) FROM calls WHERE id = ?", [.text(id)]).first.map(Self.call(from:)) else {
            return nil
        }
        record.faqLookups = try faqLookups(ofCall: id)
        return record
    }

    public func callCount() throws -> Int {
        try db.scalar("SELECT count(*) FROM calls").int ?? 0
    }

    /// The local day `YYYY-MM-DD` of a moment, in the store's time zone.
    public func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// A call's day: the local day where it was taken (its own clock),
    /// else the store's zone's (issue 15: `calls` and `report --by day`
    /// read the same day).
    public func callDay(_ record: CallRecord) -> String {
        record.utcOffsetSeconds == nil ? day(of: record.startedAt) : record.clock(fallback: timeZone).day(of: record.startedAt).description
    }

    /// The clock a stored call is shown on: its own, else the store's zone.
    public func clock(of record: CallRecord) -> CallClock { record.clock(fallback: timeZone) }

    // MARK: Rows

    func insertCall(_ record: CallRecord) throws {
        let answers = JSONValue.array(record.answers.map { .object([("node", .string($0.node)), ("value", JSONValue($0.value))]) })
        let offers = JSONValue.array(
            record.offers.map { offer in
                .object([
                    ("node", .string(offer.node)),
                    ("item", .object(offer.item.map { ($0.key, JSONValue($0.value)) })),
                    ("accepted", .bool(offer.accepted)),
                ])
            })
        let problems = JSONValue.array(record.cardChangeProblems.map(Self.json(of:)))
        try db.run(
            """
            INSERT INTO calls (seq, id, card_id, operator, script_id, script_version, started_at, ended_at, started_day,
                duration, outcome, converted, answers, notes, nps_score, offers_made, offers_accepted, offers,
                card_changes, card_change_problems, transcript_path, utc_offset)
            VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM calls), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(record.id), SQLValue(record.cardId), .text(record.operator), .text(record.scriptId),
                SQLValue(record.scriptVersion), .real(record.startedAt.timeIntervalSince1970),
                .real(record.endedAt.timeIntervalSince1970), .text(callDay(record)),
                .real(record.durationSeconds), .text(record.outcome), .integer(record.converted ? 1 : 0),
                .text(answers.text), .text(JSONValue.array(record.notes.map(JSONValue.string)).text), SQLValue(record.npsScore),
                .integer(Int64(record.offers.count)), .integer(Int64(record.offersAccepted)), .text(offers.text),
                .text(JSONValue.object(record.cardChanges).text), .text(problems.text), SQLValue(record.transcriptPath),
                SQLValue(record.utcOffsetSeconds),
            ])
        try insertReportRows(record)
    }

    /// The call's `?WORDS` lookups (`faq_lookups`, migration 3), in the
    /// call's own transaction.
    func insertFAQLookups(of record: CallRecord) throws {
        var shownBefore: Set<String> = []
        var missedBefore: Set<String> = []
        for (number, lookup) in record.faqLookups.enumerated() {
            let folded = FAQSearch.words(lookup.query).joined(separator: " ")
            let rows: [(place: Int, entry: String?, question: String?, first: Bool)] = lookup.shown.isEmpty
                ? [(0, nil, nil, missedBefore.insert(folded).inserted)]
                : lookup.shown.enumerated().map { ($0.offset + 1, $0.element.entry, $0.element.question, shownBefore.insert($0.element.entry).inserted) }
            for row in rows {
                try db.run(
                    """
                    INSERT INTO faq_lookups (call_id, lookup, place, started_day, operator, script_id, query, query_folded, entry, question,
                        first_in_call)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [.text(record.id), .integer(Int64(number + 1)), .integer(Int64(row.place)), .text(day(of: record.startedAt)),
                     .text(record.operator), .text(record.scriptId), .text(lookup.query), .text(folded),
                     SQLValue(row.entry), SQLValue(row.question), .integer(row.first ? 1 : 0)])
            }
        }
    }

    /// The lookups stored with a call, in order (`CallRecord.faqLookups`).
    public func faqLookups(ofCall id: String) throws -> [CallRecord.FAQLookupRecord] {
        var lookups: [CallRecord.FAQLookupRecord] = []
        var current: Int?
        for row in try db.query(
            "SELECT lookup, place, query, entry, question FROM faq_lookups WHERE call_id = ? ORDER BY lookup, place", [.text(id)])
        {
            if row[0].int != current {
                current = row[0].int
                lookups.append(CallRecord.FAQLookupRecord(query: row[2].string ?? "", shown: []))
            }
            if let entry = row[3].string {
                lookups[lookups.count - 1].shown.append(.init(entry: entry, question: row[4].string ?? ""))
            }
        }
        return lookups
    }

    static func json(of problem: CardChangeProblem) -> JSONValue {
        switch problem {
        case .conflict(let field, let stored, let call):
            return .object([("kind", .string("conflict")), ("field", .string(field)), ("stored", JSONValue(stored)), ("call", JSONValue(call))])
        case .statusRefused(let from, let to):
            return .object([("kind", .string("status_refused")), ("from", .string(from)), ("to", .string(to))])
        case .notChangeable(let field):
            return .object([("kind", .string("not_changeable")), ("field", .string(field))])
        }
    }

    static func problem(from json: JSONValue) -> CardChangeProblem? {
        switch json["kind"]?.stringValue {
        case "conflict":
            return .conflict(field: json["field"]?.stringValue ?? "", stored: json["stored"]?.value ?? .null, call: json["call"]?.value ?? .null)
        case "status_refused":
            return .statusRefused(from: json["from"]?.stringValue ?? "", to: json["to"]?.stringValue ?? "")
        case "not_changeable":
            return .notChangeable(field: json["field"]?.stringValue ?? "")
        default:
            return nil
        }
    }

    static func call(from row: SQLRow) -> CallRecord {
        let answers = (JSONValue.parseStored(row[9].string ?? "[]")?.arrayValue ?? []).map {
            CallRecord.Answer(node: $0["node"]?.stringValue ?? "", value: $0["value"]?.value ?? .null)
        }
        let offers = (JSONValue.parseStored(row[12].string ?? "[]")?.arrayValue ?? []).map {
            CallRecord.OfferMade(
                node: $0["node"]?.stringValue ?? "",
                item: ($0["item"]?.objectValue ?? []).map { ItemEntry(key: $0.0, value: $0.1.value) },
                accepted: $0["accepted"]?.boolValue ?? false)
        }
        return CallRecord(
            id: row[0].string ?? "", cardId: row[1].string, operator: row[2].string ?? "", scriptId: row[3].string ?? "",
            scriptVersion: row[4].string, startedAt: Date(timeIntervalSince1970: row[5].double ?? 0),
            endedAt: Date(timeIntervalSince1970: row[6].double ?? 0), outcome: row[7].string ?? "",
            converted: (row[8].int ?? 0) != 0, answers: answers,
            notes: (JSONValue.parseStored(row[10].string ?? "[]")?.arrayValue ?? []).compactMap(\.stringValue),
            npsScore: row[11].int, offers: offers,
            cardChanges: JSONValue.parseStored(row[13].string ?? "{}")?.valueDictionary ?? [:],
            cardChangeProblems: (JSONValue.parseStored(row[14].string ?? "[]")?.arrayValue ?? []).compactMap(problem(from:)),
            transcriptPath: row[15].string, talkingSeconds: row[16].double, utcOffsetSeconds: row[17].int)
    }
}

/// What a call knew of its card when it started, so that its changes can be
/// told from changes someone else made meanwhile (the conflict rule).
public enum CardBaseline: Sendable, Equatable {
    /// The card's revision at the start of a live call: a field changed
    /// since is one whose own revision is newer.
    case revision(Int)
    /// The card's fields as a resumed call's transcript recorded them at its
    /// start: a field changed since is one whose stored value differs.
    case fields([String: Value])
    /// The call could not read the card at its start (the store was away,
    /// store.md 2): it knew nothing, so every field it writes is a
    /// conflict unless the stored field is empty.
    case unread

    func changedByOthers(_ field: String, card: Card, fieldRevisions: [String: Int]) -> Bool {
        switch self {
        case .revision(let start):
            return card.revision != start && (fieldRevisions[field] ?? 0) > start
        case .fields(let seen):
            return card[field] != (seen[field] ?? .null)
        case .unread:
            return !card[field].isEmptyField
        }
    }
}

extension Value {
    /// Null or an empty text: what a call that never read the card may
    /// fill without a conflict.
    var isEmptyField: Bool {
        switch self {
        case .null: return true
        case .string(let text): return text.isEmpty
        default: return false
        }
    }
}
