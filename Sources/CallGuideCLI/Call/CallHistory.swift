import CallGuide
import CallGuideStore
import Foundation

/// What a call reads from the store when it starts, for `last.*`,
/// `card.calls` and `task.*` (workflow.md 2.3); all of it goes into the
/// `start` event, so replays see the same.
struct CallHistory {
    var last: [String: Value] = [:]
    var cardCalls: Int?

    /// Read for the card of `session`; a store that cannot be read leaves
    /// them empty (the call goes on: store.md 2).
    static func read(_ cardSession: CardSession, script: Script) -> CallHistory {
        guard let card = cardSession.cardID, let store = cardSession.store else { return CallHistory() }
        return CallHistory(last: (try? store.lastAnswers(cardId: card, nodes: script.lastNamesUsed)) ?? [:],
                           cardCalls: try? store.callCount(cardId: card))
    }
}

extension TaskAssignment {
    /// `task.*` as the engine reads it.
    var context: TaskContext {
        TaskContext(id: task.id, kind: TaskKind(rawValue: task.kind.rawValue) ?? .callback, note: task.note, attempts: task.attempts,
                    due: directory.due(task))
    }
}

/// The tasks a call made (its `end` event's `tasks`), as the store keeps
/// them: due times in the centre's zone, handovers as "question: answer".
enum MadeTasks {
    static func newTasks(_ end: CallEnd, cardID: String?) -> (tasks: [NewTask], dropped: Int) {
        guard let cardID else { return ([], end.tasks.count) }
        let tasks = end.tasks.compactMap { task -> NewTask? in
            guard let due = LocalDateTime(dateOrDateTime: task.due) else { return nil }
            return NewTask(cardID: cardID, kind: ClientTask.Kind(rawValue: task.kind.rawValue) ?? .callback, due: due,
                           dueHasTime: task.due.contains("T"), assignee: task.assignee, group: task.group, script: task.script,
                           note: task.note, handover: task.handover.map(\.text))
        }
        return (tasks, end.tasks.count - tasks.count)
    }
}
