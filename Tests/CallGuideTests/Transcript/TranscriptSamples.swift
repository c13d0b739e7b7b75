import Foundation
@testable import CallGuide

/// One event of every kind, as the transcript tests use them.
enum TranscriptSamples {
    static func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
    }

    static let start = CallStart(
        call: "c-0042", script: "upsell", version: .number(3), scriptSHA256: "ab12",
        operator: "olena", language: "uk", today: "2026-11-23", card: "card-7",
        cardData: ["name": .string("Іван \"Ваня\""), "balance": .number(decimal("1252.5")),
                   "vip": .bool(true), "tags": .list([.string("a"), .null]), "fax": .null])

    static let events: [CallEvent] = [
        .start(start),
        .say(node: "hello", text: "Добрий день!\nЯк справи?"),
        .ask(node: "budget", text: "Budget?"),
        .offer(node: "case_offer", text: "Case for 980?", item: [
            ItemEntry(key: "sku", value: .string("C-1")), ItemEntry(key: "price", value: .number(980)),
            ItemEntry(key: "discount", value: .number(decimal("0.3"))),
        ]),
        .answer(node: "budget", input: "1 127,25", value: .number(decimal("1127.25"))),
        .answer(node: "topics", input: "a b", value: .list([.string("a"), .string("b")])),
        .answer(node: "agree", input: "так", value: .bool(true)),
        .invalid(node: "budget", input: "lots", error: "expected a number"),
        .warning(node: "budget", message: "budget is unusually high"),
        .skip(node: "email", reason: .when),
        .skip(node: "phone", reason: .operator),
        .back(node: "budget"),
        .handler(name: "callback", node: "budget"),
        .return(node: "budget"),
        .note(text: "client asks / calls back"),
        .error(node: "total", message: "division by zero"),
        .error(node: nil, message: "card change refused"),
        .end(CallEnd(node: "budget", outcome: "hangup", reason: "client hung up",
                     answers: [(node: "budget", value: .number(-5)), (node: "email", value: .null)],
                     cardChanges: [(field: "balance", value: .number(decimal("-0.5")))])),
        .end(CallEnd(node: nil, outcome: "sale", answers: [], cardChanges: [])),
    ]

    static func lines() -> [TranscriptLine] {
        events.enumerated().map { TranscriptLine(seq: $0.offset, time: "2026-11-23T12:15:18.123Z", event: $0.element) }
    }

    static func document(_ events: [CallEvent]) -> String {
        events.enumerated().map {
            TranscriptCodec.encode(TranscriptLine(seq: $0.offset, time: "2026-11-23T12:15:18.123Z", event: $0.element)) + "\n"
        }.joined()
    }
}
