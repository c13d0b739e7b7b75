import CallGuide
import CallGuideStore
import Foundation

/// How calls are listed: `calls` and the card's history.
enum CallListing {
    /// `YYYY-MM-DD HH:MM` in `zone` (the centre's, when known).
    static func when(_ date: Date, zone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// The stored duration (talking time), in whole seconds; a value no
    /// `Int` holds (a damaged row) shows as 0 rather than trapping.
    static func seconds(_ call: CallRecord) -> Int {
        let seconds = call.durationSeconds.rounded()
        return seconds < 1e15 ? Int(seconds) : 0
    }

    static let headers = ["started", "call", "card", "operator", "script", "outcome", "duration", "nps", "offers"]

    static func cells(_ call: CallRecord) -> [String] {
        let offers = call.offers.isEmpty ? "" : "\(call.offers.filter(\.accepted).count)/\(call.offers.count)"
        return [when(call.startedAt), call.id, call.cardId ?? "", call.operator,
                call.scriptId + (call.scriptVersion.map { "@\($0)" } ?? ""), call.outcome,
                "\(seconds(call))s",
                call.npsScore.map(String.init) ?? "", offers].map { TerminalText.sanitize($0) }
    }

    static func json(_ call: CallRecord) -> JSONValue {
        .object([
            ("id", .string(call.id)),
            ("card", call.cardId.map(JSONValue.string) ?? .null),
            ("operator", .string(call.operator)),
            ("script", .string(call.scriptId)),
            ("version", call.scriptVersion.map(JSONValue.string) ?? .null),
            ("started", .string(TranscriptCodec.isoTimestamp(call.startedAt))),
            ("ended", .string(TranscriptCodec.isoTimestamp(call.endedAt))),
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
