import CallGuide
import CallGuideStore
import Foundation

/// How calls are listed: `calls` and the card's history.
enum CallListing {
    /// `YYYY-MM-DD HH:MM` in `zone` (the centre's, when known): a moment
    /// that is not a call's (a call's own clock is `started(_:centre:)`).
    /// Computed, not formatted by a `DateFormatter`: building one per row
    /// made a million rows take minutes.
    static func when(_ date: Date, zone: TimeZone = .current) -> String {
        var text = LocalDateTime(instant: date, in: zone).description
        if let t = text.firstIndex(of: "T") { text.replaceSubrange(t...t, with: " ") }
        return text
    }

    /// The stored duration (talking time), in whole seconds; a value no
    /// `Int` holds (a damaged row) shows as 0 rather than trapping.
    static func seconds(_ call: CallRecord) -> Int {
        let seconds = call.durationSeconds.rounded()
        return seconds < 1e15 ? Int(seconds) : 0
    }

    static let headers = ["started", "call", "card", "operator", "script", "outcome", "duration", "nps", "offers"]

    /// CSV's columns: the start in ISO 8601 with the call's offset and the
    /// duration as a number of seconds, which a spreadsheet can add up
    /// (reports.md 1).
    static let csvHeaders = ["started", "call", "card", "operator", "script", "outcome", "duration_s", "nps", "offers"]

    /// The start on the call's own clock (`CallClock`), `YYYY-MM-DD HH:MM`;
    /// with its offset (`+10:00`) when that is not the centre's at the
    /// time, so a call taken in another zone is not read as the centre's.
    static func started(_ call: CallRecord, centre: TimeZone) -> String {
        let clock = call.clock(fallback: centre)
        let text = clock.minuteText(call.startedAt)
        return clock == CallClock(zone: centre, at: call.startedAt) ? text : text + " " + clock.offsetText
    }

    /// A table row; `centre` is the store's zone (old calls' clock).
    static func cells(_ call: CallRecord, centre: TimeZone) -> [String] {
        [started(call, centre: centre)] + rest(call, duration: "\(seconds(call))s").map { TerminalText.sanitize($0) }
    }

    /// A CSV row (`CSV.write` neutralizes it).
    static func csvCells(_ call: CallRecord, centre: TimeZone) -> [String] {
        [call.clock(fallback: centre).isoText(call.startedAt)] + rest(call, duration: "\(seconds(call))")
    }

    private static func rest(_ call: CallRecord, duration: String) -> [String] {
        let offers = call.offers.isEmpty ? "" : "\(call.offers.filter(\.accepted).count)/\(call.offers.count)"
        return [call.id, call.cardId ?? "", call.operator, call.scriptId + (call.scriptVersion.map { "@\($0)" } ?? ""), call.outcome,
                duration, call.npsScore.map(String.init) ?? "", offers]
    }

    /// JSON times are ISO 8601 on the call's own clock, with its offset
    /// (the same instants as the transcript's UTC stamps); `day` is the
    /// call's day, as `report --by day` counts it.
    static func json(_ call: CallRecord, centre: TimeZone) -> JSONValue {
        let clock = call.clock(fallback: centre)
        return .object([
            ("id", .string(call.id)),
            ("card", call.cardId.map(JSONValue.string) ?? .null),
            ("operator", .string(call.operator)),
            ("script", .string(call.scriptId)),
            ("version", call.scriptVersion.map(JSONValue.string) ?? .null),
            ("started", .string(clock.isoText(call.startedAt, milliseconds: true))),
            ("ended", .string(clock.isoText(call.endedAt, milliseconds: true))),
            ("day", .string(clock.day(of: call.startedAt).description)),
            ("duration_seconds", .number(Decimal(seconds(call)))),
            ("outcome", .string(call.outcome)),
            ("converted", .bool(call.converted)),
            ("nps", call.npsScore.map { .number(Decimal($0)) } ?? .null),
            ("answers", .object(call.answers.map { ($0.node, TranscriptCodec.json($0.value)) })),
            ("notes", .array(call.notes.map(JSONValue.string))),
            ("offers", .array(call.offers.map(offer))),
            ("card_changes", .object(call.cardChanges.keys.sorted().map { ($0, TranscriptCodec.json(call.cardChanges[$0]!)) })),
            ("card_changes_not_applied", .array(call.cardChangeProblems.map { .object([("field", .string($0.field)), ("reason", .string($0.description))]) })),
            ("transcript", call.transcriptPath.map(JSONValue.string) ?? .null),
        ])
    }

    /// One offer with its `item` (sku, price, ...) as the script described it
    /// when the call was made: the store keeps it so a manager can see what
    /// was sold without the script file of that day.
    static func offer(_ offer: CallRecord.OfferMade) -> JSONValue {
        .object([
            ("node", .string(offer.node)),
            ("item", .object(offer.item.map { ($0.key, TranscriptCodec.json($0.value)) })),
            ("accepted", .bool(offer.accepted)),
        ])
    }
}
