/// Every string of the operator's screen, by key. Placeholders are `{1}`,
/// `{2}`...; each language's table (`UITables`) has every key with the same
/// placeholders, which a test checks.
public enum UIMessage: String, CaseIterable, Sendable {
    // Answers that do not parse (AnswerParser).
    case expectedAnswer
    case expectedNumber
    case expectedWholeNumber
    case numberFromTo
    case numberAtLeast
    case numberAtMost
    case wholeNumberFromTo
    case wholeNumberAtLeast
    case wholeNumberAtMost
    case expectedRange
    case expectedYesNo
    case expectedOneOrMore
    case expectedOneOf
    case notAnOption
    case matchesSeveral
    case expectedDate
    case expectedDateTime
    case expectedTimeToo
    case noSuchDate
    case patternTimeout
    case patternMismatch
    case expectedPhone
    case expectedEmail

    // Lines the call refuses (CallSession).
    case answerTooLong
    case cannotSkip
    case noteEmpty
    case unknownCommand
    case unknownCommandSuggest
    case nothingToUndo
    case unknownHandler
    case unknownHandlerSuggest
    case offerExpectsYesNo
    case statusRefused
    case faqEmptyQuery
    case faqNothingFound
    case startMissing
    case stepLimit
    case returnOutsideHandler
    case runsOffEnd

    // The screen (CallPresenter).
    case callEnded
    case outcomeHangup
    case outcomeAbandoned
    case outcomeError
    case backTo
    case errorPrefix
    case noteYesNo
    case noteSeveral
    case noteDate
    case noteDateTime
    /// A task the call made: kind, due, for whom.
    case taskMade
    case taskForGroup
    case typeNumber
    case typeInteger
    case typePhone
    case typeEmail
    case typeScale
    case noteSkipAllowed
    case hintPrefix
    case helpCommands
    case helpArgumentText
    case helpArgumentReason
    case helpBack
    case helpSkip
    case helpNote
    case helpCard
    case helpHistory
    case helpHangup
    case helpHelp
    case helpLiteral
    case helpHandlers
    case helpLookup
    case helpArgumentWords
    case noAnswersYet
    case skipped
    case noCardData
    case yes
    case no

    // The card at the start of a call (CardSession).
    case cardHeader
    case noNameYet
    case fieldCompany
    case fieldEmail
    case fieldRegion
    case noEarlierCalls
    case lastCalls
    case newCaller
    /// The store could not give the card: the call goes on without it (store.md 2).
    case cardUnavailable

    // Storing the call, the transcript (CallRecorder, CallLoop).
    case cardNotChanged
    case callStored
    case callAlreadyStored
    case callNotStored
    case transcriptAt
    case transcriptFailing
    case transcriptCaughtUp
    case transcriptLostLines

    // resume.
    case resuming
    case resumingOneAnswer
    case tornLastLine
    case endedNotStored

    // demo.
    case demoIntro
    case demoCardAfter
    case demoReport
    case demoNext
    case demoKept
    case demoTemporary

    // Tasks: the banner of a task's call, what became of it, `next`.
    case taskBanner
    case taskNote
    case taskHandedOver
    case taskBooked
    case taskDone
    case taskRetried
    case taskRetriedOf
    case taskCancelled
    case taskReopened
    case taskAlreadyClosed
    case nextWhoseGroups
    case nextNoDatabase
    case nextNothingOpen
    case nextFallsDue
    case nextBeingWorked
}
