import CallGuide
import CallGuideStore
import Foundation

/// Synthetic calls for `init --sample-data` (issue 15, item 6): a newcomer
/// sees every report with something in it. About 350 calls over the eight
/// weeks up to today, by four operators, on two versions of the sample
/// script (version 4 sells a little better), with sales and refusals, an
/// upsell offer (HEPA filters) taken or declined, an NPS spread that
/// differs per operator, cards moving through their statuses, and
/// callbacks: most worked on time, some late, some still overdue.
///
/// The plan is a pure function of the seed and the last day, so the same
/// seed gives the same calls (placed relative to today); `load` writes it
/// through the store's own API (cards, `storeCall`, tasks), never raw SQL,
/// so the data are exactly what real calls leave.
struct SampleData {
    /// One operator: how well they sell and how customers rate them.
    struct Operator {
        let name: String
        /// Percent of order calls that end in a sale.
        let closes: Int
        /// Percent of offers accepted.
        let upsells: Int
        /// NPS answers are drawn from `base ... base + spread`.
        let npsBase: Int
        let npsSpread: Int
    }

    static let operators = [
        Operator(name: "anna", closes: 62, upsells: 55, npsBase: 6, npsSpread: 5),
        Operator(name: "boris", closes: 45, upsells: 30, npsBase: 4, npsSpread: 7),
        Operator(name: "chen", closes: 55, upsells: 45, npsBase: 5, npsSpread: 6),
        Operator(name: "dana", closes: 35, upsells: 20, npsBase: 2, npsSpread: 9),
    ]

    static let firstNames = ["Olga", "Ivan", "Maria", "Petro", "Anna", "Dmytro", "Iryna", "Oleh", "Sofia", "Taras", "Yulia", "Andriy",
                             "Nadia", "Serhiy", "Kateryna", "Mykola", "Lesia", "Bohdan", "Oksana", "Roman"]
    static let lastNames = ["Petrenko", "Kovalenko", "Bondarenko", "Shevchenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko",
                            "Moroz", "Lysenko", "Marchenko", "Savchenko"]
    static let regions = ["Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro"]
    static let uses = ["carpets", "floors", "pets", "car"]
    static let wishes = ["quiet", "light", "long battery", "Quiet", "easy to empty", "cheap filters", "strong suction", "quiet "]
    static let upsell = [ItemEntry(key: "sku", value: .string("HEPA-SET")), ItemEntry(key: "price", value: .number(Decimal(string: "12.90")!))]

    var random: SeededRandom
    /// The last day with calls (today), in the centre's zone.
    let lastDay: CalendarDate
    let zone: TimeZone
    let weeks = 8

    init(seed: UInt64, lastDay: CalendarDate, zone: TimeZone) {
        random = SeededRandom(seed: seed)
        self.lastDay = lastDay
        self.zone = zone
    }

    /// A card to be made: its fields, and the calls it gets, in time order.
    struct PlannedCall {
        var id: String
        var client: Int
        var start: Date
        var seconds: Double
        var operatorName: String
        var version: String
        var outcome: String
        var converted: Bool
        var answers: [CallRecord.Answer]
        var nps: Int?
        var offers: [CallRecord.OfferMade]
        var status: String?
        /// A callback this call books, due this many hours after it.
        var callbackAfterHours: Int?
        /// This call works the client's open callback.
        var worksCallback = false
        /// The typical questions the operator looked up (`?WORDS`).
        var faqLookups: [CallRecord.FAQLookupRecord] = []
    }

    /// The sample script's typical questions, and what operators type to
    /// find them; the last queries find nothing (what the FAQ is missing).
    static let faq: [(query: String, entry: String?, question: String)] = [
        ("delivery", "objections.delivery_time", "How long does delivery take?"), ("courier", "objections.delivery_time", "How long does delivery take?"),
        ("warranty", "objections.warranty", "Is there a warranty?"), ("repair", "objections.warranty", "Is there a warranty?"),
        ("pay card", "objections.payment", "How can I pay?"), ("invoice", "objections.payment", "How can I pay?"),
        ("return", nil, ""), ("bags", nil, ""), ("instalments", nil, ""),
    ]

    /// Every call, oldest first, and how many clients they are for.
    mutating func plan() -> (clients: Int, calls: [PlannedCall]) {
        let clients = 140
        var calls: [PlannedCall] = []
        var statusOf = Array(repeating: "new", count: clients)
        let firstDay = lastDay.adding(days: -(weeks * 7 - 1)) ?? lastDay
        for dayNumber in firstDay.dayNumber...lastDay.dayNumber {
            guard let day = CalendarDate(dayNumber: dayNumber) else { continue }
            let weekday = (dayNumber + 2) % 7  // 0 = Monday (0000-03-01 was a Wednesday)
            let count = weekday >= 5 ? 1 + random.below(3) : 5 + random.below(5)
            let minutes = (0..<count).map { _ in 9 * 60 + random.below(9 * 60) }.sorted()
            for minute in minutes {
                let client = random.below(clients)
                let staff = Self.operators[random.below(Self.operators.count)]
                let local = LocalDateTime(date: day, hour: minute / 60, minute: minute % 60) ?? LocalDateTime(startOf: day)
                let start = local.instant(in: zone).addingTimeInterval(Double(random.below(60)))
                let version = dayNumber - firstDay.dayNumber < weeks * 7 / 2 ? "3" : "4"
                var call = call(client: client, staff: staff, start: start, version: version, status: statusOf[client])
                call.id = "sample-\(day)-\(calls.count + 1)"
                if let status = call.status { statusOf[client] = status }
                calls.append(call)
                if let hours = call.callbackAfterHours, let followUp = followUp(of: call, afterHours: hours, staff: staff) {
                    calls.append(followUp)
                }
            }
        }
        // Ids stay as numbered; the store takes them in time order.
        return (clients, calls.sorted { $0.start != $1.start ? $0.start < $1.start : $0.id < $1.id })
    }

    /// The call that works a booked callback: mostly on time (in the 90
    /// minutes before it falls due), sometimes a day or two late, sometimes
    /// never (the task stays open and overdue).
    mutating func followUp(of call: PlannedCall, afterHours hours: Int, staff: Operator) -> PlannedCall? {
        let roll = random.below(100)
        guard roll < 85 else { return nil }
        let delay = roll < 65 ? -Double((5 + random.below(80)) * 60) : Double((24 + random.below(30)) * 3600)
        let start = call.start.addingTimeInterval(Double(hours) * 3600 + delay)
        var next = self.call(client: call.client, staff: staff, start: start, version: call.version, status: call.status ?? "potential")
        next.id = call.id + "-callback"
        next.callbackAfterHours = nil
        if next.outcome == "callback" { next.outcome = "no_sale" }
        next.worksCallback = true
        return next
    }

    /// One call of the sample script (`inbound_order`): the needs questions,
    /// the recommendation, the offers, NPS, an outcome and a status.
    mutating func call(client: Int, staff: Operator, start: Date, version: String, status: String) -> PlannedCall {
        let reasonRoll = random.below(100)
        let reason = reasonRoll < 78 ? "order" : reasonRoll < 93 ? "question" : "complaint"
        var answers: [CallRecord.Answer] = [.init(node: "reason", value: .string(reason))]
        var offers: [CallRecord.OfferMade] = []
        var outcome = "no_sale", converted = false
        var next: String?
        var callback: Int?
        var nps: Int?
        if reason == "order" {
            let used = Self.uses.filter { _ in random.chance(40) }
            let budget = [150, 250, 300, 450, 500, 650, 800][random.below(7)]
            answers += [.init(node: "customer_name", value: .string(Self.firstNames[client % Self.firstNames.count])),
                        .init(node: "used_most", value: .list((used.isEmpty ? ["floors"] : used).map(Value.string))),
                        .init(node: "what_matters", value: .string(Self.wishes[random.below(Self.wishes.count)])),
                        .init(node: "budget", value: .number(Decimal(budget)))]
            let closes = staff.closes + (version == "4" ? 8 : 0)
            let sold = random.chance(closes)
            answers.append(.init(node: "accept_recommendation", value: .bool(sold)))
            if sold {
                outcome = "sale"
                converted = true
                offers.append(.init(node: "upsell_filters", item: Self.upsell, accepted: random.chance(staff.upsells + (version == "4" ? 5 : 0))))
                next = status == "active" || status == "vip" ? (random.chance(30) ? "vip" : nil) : "active"
            } else if random.chance(35) {
                outcome = "callback"
                callback = [2, 20, 26, 48][random.below(4)]
                next = status == "new" ? "potential" : nil
            } else {
                next = status == "new" ? (random.chance(30) ? "refused" : "potential") : nil
            }
        } else if reason == "question" {
            next = status == "new" ? "potential" : nil
        }
        if reason != "complaint" || random.chance(50) {
            let drawn = staff.npsBase + random.below(staff.npsSpread + 1) + (converted ? 1 : -1)
            nps = random.chance(85) ? min(10, max(0, drawn)) : nil
        }
        if let nps { answers.append(.init(node: converted ? "closing.nps" : "no_sale_nps", value: .number(Decimal(nps)))) }
        var lookups: [CallRecord.FAQLookupRecord] = []
        while random.chance(lookups.isEmpty ? 30 : 20) {
            // Earlier entries are asked more often: the minimum of two draws.
            let item = Self.faq[min(random.below(Self.faq.count), random.below(Self.faq.count))]
            lookups.append(.init(query: item.query, shown: item.entry.map { [.init(entry: $0, question: item.question)] } ?? []))
        }
        return PlannedCall(id: "", client: client, start: start, seconds: Double(90 + random.below(420)), operatorName: staff.name,
                           version: version, outcome: outcome, converted: converted, answers: answers, nps: nps, offers: offers,
                           status: next, callbackAfterHours: callback, faqLookups: lookups)
    }

    /// The client's card fields.
    func card(_ client: Int) -> [String: Value] {
        let first = Self.firstNames[client % Self.firstNames.count], last = Self.lastNames[(client / 3) % Self.lastNames.count]
        let number = String(format: "%03d-%02d-%02d", 100 + client, client % 100, (client * 7) % 100)
        return ["name": .string("\(first) \(last)"), "phone": .string("+7 900 \(number)"),
                "region": .string(Self.regions[client % Self.regions.count])]
    }

    /// Writes the plan into `store`: the cards, then each call in its own
    /// transaction with its card changes and the callback it books; a
    /// callback is worked by a later call of that client when there is
    /// one, so some are done on time, some late, some still open.
    /// Returns the number of calls stored.
    /// `questions`: the sample script's, as `run` stores them with a call,
    /// so `report answers` reads the sample calls without the script file.
    mutating func load(into store: CardStore, questions: [StoredQuestion]) throws -> (cards: Int, calls: Int, tasks: Int) {
        let (clients, calls) = plan()
        var cards: [String] = []
        for client in 0..<clients { cards.append(try store.createCard(card(client)).id) }
        var openCallback: [Int: String] = [:]
        var tasks = 0
        let now = Date()
        for call in calls where call.start <= now {
            let cardID = cards[call.client]
            let revision = try store.card(cardID)?.revision
            var worked: TaskCallEnd?
            if call.worksCallback, let task = openCallback.removeValue(forKey: call.client) {
                _ = try store.takeTask(task, operator: call.operatorName, callID: call.id, now: call.start)
                worked = TaskCallEnd(taskID: task, outcome: call.outcome, reason: nil, retry: [:])
            }
            var record = CallRecord(
                id: call.id, cardId: cardID, operator: call.operatorName, scriptId: "inbound_order", scriptVersion: call.version,
                startedAt: call.start, endedAt: call.start.addingTimeInterval(call.seconds), outcome: call.outcome, converted: call.converted,
                answers: call.answers, npsScore: call.nps, offers: call.offers,
                utcOffsetSeconds: CallClock(zone: zone, at: call.start).utcOffsetSeconds)
            record.faqLookups = call.faqLookups
            var made: [NewTask] = []
            if let hours = call.callbackAfterHours {
                let due = LocalDateTime(instant: call.start.addingTimeInterval(Double(hours) * 3600), in: zone)
                made.append(NewTask(cardID: cardID, due: due, assignee: call.operatorName, note: "call back about the order"))
            }
            let result = try store.storeCall(record, cardChanges: call.status.map { ["status": .string($0)] } ?? [:],
                                             baseline: revision.map(CardBaseline.revision), transitions: store.schema.transitions,
                                             worked: worked, made: made, questions: questions)
            if let task = result.madeTasks.first {
                openCallback[call.client] = task
                tasks += 1
            }
        }
        return (clients, calls.filter { $0.start <= now }.count, tasks)
    }
}
