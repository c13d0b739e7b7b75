import CallGuide
import CallGuideStore
import Foundation

/// Stores a finished call and its card changes in one transaction, and tells
/// the operator about anything that was not applied.
enum CallRecorder {
    /// - Returns: whether the call reached the database.
    @discardableResult
    static func store(_ session: CallSession, end: CallEnd, loaded: LoadedScript, transcript: String, timing: CallTiming, cardSession: CardSession, databasePath: String,
                      task: TaskAssignment? = nil) -> Bool {
        let ui = session.ui
        let script = loaded.script
        let outcomes = (loaded.configuration?.outcomes ?? []) + script.outcomes
        let converted = outcomes.last { $0.name == end.outcome }?.converted ?? false
        // The NPS score: the answer of the (first answered) nps question.
        var nps: Int?
        for answer in end.answers where script.node(answer.node)?.question?.type == .nps {
            if case .number(let n) = answer.value {
                nps = NSDecimalNumber(decimal: n).intValue
                break
            }
        }
        let offers = session.offersMade.map { node -> CallRecord.OfferMade in
            var item: [ItemEntry] = []
            if case .offer(let offer)? = script.node(node)?.kind { item = offer.item.map { ItemEntry(key: $0.key, value: $0.value) } }
            return CallRecord.OfferMade(node: node, item: item, accepted: session.offersAccepted.contains(node))
        }
        let (endedAt, talkingSeconds) = timing.finish()
        // The call's own clock: the local `now` its start line recorded
        // against its UTC start (a resumed call keeps the clock it began
        // on), else the workspace's zone now.
        let clock = CallClock.reading(localNow: session.context.now, started: timing.started)
            ?? CallClock(zone: loaded.configuration?.workflow.timeZone ?? .current, at: timing.started)
        var changes: [String: Value] = [:]
        for (field, value) in end.cardChanges { changes[field] = value }
        var record = CallRecord(
            id: session.context.callID, cardId: session.context.cardID, operator: session.context.operator,
            scriptId: script.id, scriptVersion: script.version.isNull ? nil : script.version.displayText,
            startedAt: timing.started, endedAt: endedAt, outcome: end.outcome, converted: converted,
            answers: end.answers.map { CallRecord.Answer(node: $0.node, value: $0.value) }, notes: session.notes,
            npsScore: nps, offers: offers, cardChanges: changes, transcriptPath: transcript,
            talkingSeconds: talkingSeconds, utcOffsetSeconds: clock.utcOffsetSeconds)
        record.faqLookups = faqLookups(of: session)
        let ended = EndedCall(record: record, end: end, baseline: cardSession.baseline, unreadKey: cardSession.unreadKey, worked: task?.end(end),
                              questions: storedQuestions(script))
        do {
            let stored = try storeOnce(ended, cardSession: cardSession, loaded: loaded, databasePath: databasePath)
            if stored.droppedTasks > 0 {
                let count = stored.droppedTasks
                StandardOutput.error("callguide: \(count) task\(count == 1 ? "" : "s") of this call cannot be kept: a task belongs to a client card, and this call has none (run it with --card)")
            }
            let result = stored.result
            if result.alreadyStored {
                StandardOutput.error(ui(.callAlreadyStored, record.id, databasePath))
                return true
            }
            for problem in result.problems {
                StandardOutput.print(ui(.cardNotChanged, TerminalText.sanitize(problem.description)))
            }
            if let task, let settlement = result.task { StandardOutput.print(task.describe(settlement, ui: ui)) }
            for id in result.madeTasks { StandardOutput.print(ui(.taskBooked, id)) }
            StandardOutput.error(ui(.callStored, record.id, databasePath))
            return true
        } catch {
            let reason = (error as? CommandError).map { if case .unusableInput(let m) = $0 { return m } else { return "\($0)" } }
                ?? StoreAccess.describe(error, path: databasePath)
            StandardOutput.error(ui(.callNotStored, reason, transcript))
            return false
        }
    }

    /// The call's lookups as the store keeps them: each entry shown with
    /// its question in the call's language, as the operator read it.
    static func faqLookups(of session: CallSession) -> [CallRecord.FAQLookupRecord] {
        session.faqLookups.map { lookup in
            CallRecord.FAQLookupRecord(query: lookup.query, shown: lookup.shown.map { id in
                let question = session.faqEntry(id).map { $0.question.text(for: session.context.language, fallback: session.script.language) }
                return .init(entry: id, question: question ?? id)
            })
        }
    }

    /// The script's questions as the store keeps them for `report answers`
    /// (labels in the script's language; yes/no as the options yes, no).
    static func storedQuestions(_ script: Script) -> [StoredQuestion] {
        script.nodes.compactMap { node in
            guard let question = node.question else { return nil }
            var options = question.options.map { option in
                QuestionOption(key: option.key, label: option.label.variant(for: script.language, fallback: nil)?.template.literalText ?? option.key)
            }
            if question.type == .yesno, options.isEmpty {
                options = [QuestionOption(key: "yes", label: "yes"), QuestionOption(key: "no", label: "no")]
            }
            return StoredQuestion(node: node.id, type: question.type, options: options)
        }
    }

    /// Stores through the call's own connection; a store that was away at
    /// the start, or whose connection was lost during the call (a server
    /// restarted), is opened afresh once.
    private static func storeOnce(_ ended: EndedCall, cardSession: CardSession, loaded: LoadedScript, databasePath: String) throws -> CallStoring.Stored {
        if let store = cardSession.store {
            do {
                return try CallStoring.store(ended, in: store)
            } catch let error as PostgresError {
                guard case .connectionLost = error else { throw error }
            }
        }
        let store = try StoreAccess.open(databasePath, configuration: loaded.configuration, script: loaded.script)
        return try CallStoring.store(ended, in: store)
    }
}
