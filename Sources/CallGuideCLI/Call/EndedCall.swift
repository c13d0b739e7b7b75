import CallGuide
import CallGuideStore
import Foundation

/// A call that has ended, as it goes into the store: built from a live
/// session (`CallRecorder`) or from its transcript alone (`sync`).
struct EndedCall {
    var record: CallRecord
    var end: CallEnd
    /// What the call knew of its card at the start (the conflict rule).
    var baseline: CardBaseline?
    /// The KEY of a card the call could not read at its start: the card is
    /// found, or made for a new caller, when the call is stored (store.md 2).
    var unreadKey: String?
    /// The task the call worked on, settled with it.
    var worked: TaskCallEnd?
    /// The script's questions, kept per script version for `report
    /// answers`; none when stored from a transcript alone (`sync`).
    var questions: [StoredQuestion] = []
}

/// Storing an `EndedCall`: the same steps for `run`, `resume` and `sync`.
enum CallStoring {
    struct Stored {
        var result: StoreCallResult
        /// Tasks the call made that cannot be kept (the call has no card).
        var droppedTasks: Int
    }

    /// Finds or makes the card of an unread KEY, then stores the call, its
    /// card changes and its tasks in one transaction. Idempotent by call id.
    /// The store's status transitions apply (the centre's, once pushed).
    static func store(_ call: EndedCall, in store: CardStore) throws -> Stored {
        var call = call
        if call.record.cardId == nil, let key = call.unreadKey {
            let (card, created) = try card(forKey: key, in: store)
            call.record.cardId = card.id
            // A card made just now is the one a live call would have made
            // and seen (a new caller); an existing one the call never saw.
            call.baseline = created ? .revision(card.revision) : .unread
        }
        let made = MadeTasks.newTasks(call.end, cardID: call.record.cardId)
        let result = try store.storeCall(call.record, cardChanges: call.record.cardChanges, baseline: call.baseline,
                                         transitions: store.schema.transitions, worked: call.worked, made: made.tasks, questions: call.questions)
        return Stored(result: result, droppedTasks: made.dropped)
    }

    /// The card a KEY names, as `run --card` finds it; a phone no card has
    /// makes a new caller's card. Several matches are listed, never guessed.
    static func card(forKey key: String, in store: CardStore) throws -> (card: Card, created: Bool) {
        if let found = try store.lookUp(key: key) { return (found.card, false) }
        guard Card.digits(of: key).count >= 7 else { throw StoreError.noSuchCard(key: key) }
        return try store.findOrCreateByPhone(key)
    }
}
