import CallGuide
import CallGuideStore
import Foundation

extension EndedCall {
    /// The call a transcript holds, read from the transcript alone: the
    /// `end` event carries what storing needs (`converted`, `nps`, offers,
    /// tasks made; store.md 2), so a script changed or gone since does not
    /// matter. Nil when the transcript has no `end` (a call cut off: `resume`).
    ///
    /// A transcript older than version 1.1 has no `converted`: the
    /// workspace's outcome declaration says, else it is not a sale.
    init?(transcript document: TranscriptDocument, path: String, configuration: WorkspaceConfiguration?) {
        guard document.hasEnd, let start = document.start, case .end(let end)? = document.lines.last?.event else { return nil }
        let (endedAt, talkingSeconds) = CallTiming.ended(document).finish()
        let started = document.lines.first.flatMap { TranscriptCodec.date(isoTimestamp: $0.line.time) } ?? endedAt
        var notes: [String] = []
        var lookups: [CallRecord.FAQLookupRecord] = []
        for line in document.lines {
            switch line.event {
            case .note(let text): notes.append(text)
            // The `faq` event names the entries shown, not their questions
            // (those are in the script, which sync does not read): the id
            // stands for the question.
            case .faq(let lookup):
                lookups.append(CallRecord.FAQLookupRecord(query: lookup.query, shown: lookup.shown.map { .init(entry: $0, question: $0) }))
            default: break
            }
        }
        var nps: Int?
        if case .number(let score) = end.nps { nps = NSDecimalNumber(decimal: score).intValue }
        let converted = end.converted ?? (configuration?.outcomes.last { $0.name == end.outcome }?.converted ?? false)
        var changes: [String: Value] = [:]
        for (field, value) in end.cardChanges { changes[field] = value }
        record = CallRecord(
            id: start.call, cardId: start.card, operator: start.operator, scriptId: start.script,
            scriptVersion: start.version.isNull ? nil : start.version.displayText,
            startedAt: started, endedAt: endedAt, outcome: end.outcome, converted: converted,
            answers: end.answers.map { CallRecord.Answer(node: $0.node, value: $0.value) }, notes: notes,
            npsScore: nps, offers: end.offers.map { CallRecord.OfferMade(node: $0.node, item: $0.item, accepted: $0.accepted) },
            cardChanges: changes, transcriptPath: path, talkingSeconds: talkingSeconds,
            utcOffsetSeconds: Self.clock(start, started: started, configuration: configuration).utcOffsetSeconds)
        record.faqLookups = lookups
        self.end = end
        baseline = start.card == nil ? nil : .fields(start.cardData)
        unreadKey = start.card == nil ? start.cardKey : nil
        worked = start.task?.id.map {
            TaskCallEnd(taskID: $0, outcome: end.outcome, reason: end.reason, retry: configuration?.workflow.retry ?? [:])
        }
    }

    /// The clock the call was taken on, from its start line (its local
    /// `now` against its UTC start), as a live call's record has it; the
    /// syncing workspace's zone only for a start line without `now`.
    static func clock(_ start: CallStart, started: Date, configuration: WorkspaceConfiguration?) -> CallClock {
        CallClock.reading(localNow: start.now, started: started)
            ?? CallClock(zone: configuration?.workflow.timeZone ?? .current, at: started)
    }
}
