import CallGuide
import Foundation

/// One call as stored: every call is kept, with or without a card.
public struct CallRecord: Equatable, Sendable {
    public var id: String
    public var cardId: String?
    public var `operator`: String
    public var scriptId: String
    public var scriptVersion: String?
    public var startedAt: Date
    public var endedAt: Date
    public var outcome: String
    /// The outcome counts as a sale (its declaration says `converted: true`).
    public var converted: Bool
    public var answers: [Answer]
    public var notes: [String]
    /// The answer to the call's `nps` question, 0-10, if asked and answered.
    public var npsScore: Int?
    public var offers: [OfferMade]
    /// The card changes the call asked for (whether applied or not).
    public var cardChanges: [String: Value]
    /// What of `cardChanges` was not applied, and why: filled in by `storeCall`.
    public var cardChangeProblems: [CardChangeProblem]
    public var transcriptPath: String?
    /// The time the call was actually live, when it differs from `endedAt`
    /// minus `startedAt`: a call resumed after a crash does not count the
    /// time it was down (issue 10). Nil: the call ran in one stretch.
    public var talkingSeconds: Double?
    /// The typical questions looked up during the call (`?WORDS`, script
    /// language 9.2), in order: stored in `faq_lookups` with the call, for
    /// `report faq`.
    public var faqLookups: [FAQLookupRecord] = []
    /// The offset from UTC where the call was taken, in seconds east
    /// (`CallClock`): its day and shown times are on that clock. Nil for a
    /// call stored before the store kept it.
    public var utcOffsetSeconds: Int?

    public init(
        id: String, cardId: String?, operator: String, scriptId: String, scriptVersion: String? = nil,
        startedAt: Date, endedAt: Date, outcome: String, converted: Bool = false, answers: [Answer] = [],
        notes: [String] = [], npsScore: Int? = nil, offers: [OfferMade] = [], cardChanges: [String: Value] = [:],
        cardChangeProblems: [CardChangeProblem] = [], transcriptPath: String? = nil, talkingSeconds: Double? = nil,
        utcOffsetSeconds: Int? = nil
    ) {
        self.id = id
        self.cardId = cardId
        self.operator = `operator`
        self.scriptId = scriptId
        self.scriptVersion = scriptVersion
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.converted = converted
        self.answers = answers
        self.notes = notes
        self.npsScore = npsScore
        self.offers = offers
        self.cardChanges = cardChanges
        self.cardChangeProblems = cardChangeProblems
        self.transcriptPath = transcriptPath
        self.talkingSeconds = talkingSeconds
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The stored `duration`: the talking time, which for a call that ran
    /// in one stretch is its wall time.
    public var durationSeconds: Double {
        let seconds = talkingSeconds ?? endedAt.timeIntervalSince(startedAt)
        return seconds.isFinite ? max(0, seconds) : 0
    }
    public var offersAccepted: Int { offers.filter(\.accepted).count }

    /// One `?WORDS` lookup as stored: the query, and each entry shown with
    /// its question as the operator saw it (the store has no script to
    /// look the id up in when it reports).
    public struct FAQLookupRecord: Equatable, Sendable {
        public var query: String
        public var shown: [Shown]

        public struct Shown: Equatable, Sendable {
            /// The entry's id (`warranty`, `#2`).
            public var entry: String
            public var question: String
            public init(entry: String, question: String) {
                self.entry = entry
                self.question = question
            }
        }

        public init(query: String, shown: [Shown]) {
            self.query = query
            self.shown = shown
        }
    }

    public struct Answer: Equatable, Sendable {
        public var node: String
        public var value: Value
        public init(node: String, value: Value) {
            self.node = node
            self.value = value
        }
    }

    /// An `offer` node the call reached: what was offered and whether the
    /// client took it.
    public struct OfferMade: Equatable, Sendable {
        public var node: String
        public var item: [ItemEntry]
        public var accepted: Bool
        public init(node: String, item: [ItemEntry] = [], accepted: Bool) {
            self.node = node
            self.item = item
            self.accepted = accepted
        }
    }
}

/// A card change from a call that was not applied.
public enum CardChangeProblem: Equatable, Sendable, CustomStringConvertible {
    /// Someone else changed the field while the call was on (or the call
    /// could not read the card at all, store.md 2): the stored value stays;
    /// the call's value is kept in the call's record.
    case conflict(field: String, stored: Value, call: Value)
    /// The status transitions forbid this change.
    case statusRefused(from: String, to: String)
    /// The field cannot be changed by a call (the card id).
    case notChangeable(field: String)

    public var field: String {
        switch self {
        case .conflict(let field, _, _), .notChangeable(let field): return field
        case .statusRefused: return "status"
        }
    }

    public var description: String {
        switch self {
        case .conflict(let field, let stored, let call):
            return "card.\(field) in the store is not what this call read at its start; kept \(stored.storeText), this call's \(call.storeText) is in the call's record"
        case .statusRefused(let from, let to):
            return "the status cannot change from '\(from)' to '\(to)'"
        case .notChangeable(let field):
            return "card.\(field) cannot be changed"
        }
    }
}

/// What `storeCall` did.
public struct StoreCallResult: Equatable, Sendable {
    public var callId: String
    /// Fields written to the card.
    public var applied: [String]
    /// Changes not applied (conflicts, refused statuses), in field order.
    public var problems: [CardChangeProblem]
    /// The card after the call, if the call had one.
    public var card: Card?
    /// What became of the task the call worked on, if any.
    public var task: TaskSettlement?
    /// The ids of the tasks the call made.
    public var madeTasks: [String] = []
    /// The same call was stored before (by another `run`, `resume` or
    /// `sync`): nothing was written this time.
    public var alreadyStored = false

    public init(callId: String, applied: [String], problems: [CardChangeProblem], card: Card?) {
        self.callId = callId
        self.applied = applied
        self.problems = problems
        self.card = card
    }

    public var conflicts: [CardChangeProblem] {
        problems.filter { if case .conflict = $0 { return true }; return false }
    }
    public var refusedStatus: CardChangeProblem? {
        problems.first { if case .statusRefused = $0 { return true }; return false }
    }
}

extension Value {
    /// A short rendering for messages.
    var storeText: String {
        switch self {
        case .null: return "null"
        case .string(let s): return "'\(s)'"
        default: return JSONValue(self).text
        }
    }
}

extension CallRecord {
    /// Whether `other` is this call again (the same transcript stored twice),
    /// rather than another call given the same id: the same operator,
    /// script, outcome, card changes and answers, and a start within a
    /// second (a transcript keeps milliseconds, a live call more).
    public func sameCall(as other: CallRecord) -> Bool {
        `operator` == other.operator && scriptId == other.scriptId && outcome == other.outcome
            && abs(startedAt.timeIntervalSince(other.startedAt)) < 1
            && answers == other.answers && cardChanges == other.cardChanges
    }
}
