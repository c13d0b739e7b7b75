import CallGuide
import Foundation

/// When a call started and how long it talked, for its stored record. A
/// call resumed after a crash was down between the crash and the resume;
/// its duration is the talking time (the stretches before, from the
/// transcript, plus this one), not the wall time (issue 10, defect 10).
struct CallTiming {
    /// The call's start (the transcript's first line).
    let started: Date
    /// Talking time of the stretches before the current one.
    let priorSeconds: Double
    /// When the current stretch began: the start, or the resume.
    let stretchStart: Date
    /// For a call that had already ended: its end, from the transcript.
    let ended: Date?
    /// Whether the record needs a talking time apart from its wall time.
    let interrupted: Bool

    /// A call running in one stretch since `started`.
    static func oneStretch(started: Date) -> CallTiming {
        CallTiming(started: started, priorSeconds: 0, stretchStart: started, ended: nil, interrupted: false)
    }

    /// A call taken up again at `resumedAt`, its earlier stretches read
    /// from `document` (nil times fall back on the wall clock).
    static func resumed(_ document: TranscriptDocument, at resumedAt: Date) -> CallTiming {
        let lines = document.lines.map(\.line)
        let started = lines.first.flatMap { TranscriptCodec.date(isoTimestamp: $0.time) } ?? resumedAt
        guard let prior = TalkingTime.seconds(lines) else {
            return CallTiming(started: started, priorSeconds: 0, stretchStart: started, ended: nil, interrupted: false)
        }
        return CallTiming(started: started, priorSeconds: prior, stretchStart: resumedAt, ended: nil, interrupted: true)
    }

    /// A call whose transcript already holds its `end`: every figure comes
    /// from the transcript.
    static func ended(_ document: TranscriptDocument) -> CallTiming {
        let lines = document.lines.map(\.line)
        let now = Date()
        let started = lines.first.flatMap { TranscriptCodec.date(isoTimestamp: $0.time) } ?? now
        let ended = lines.last.flatMap { TranscriptCodec.date(isoTimestamp: $0.time) } ?? now
        guard let seconds = TalkingTime.seconds(lines) else {
            return CallTiming(started: started, priorSeconds: 0, stretchStart: started, ended: ended, interrupted: false)
        }
        return CallTiming(started: started, priorSeconds: seconds, stretchStart: ended, ended: ended, interrupted: true)
    }

    /// The record's end and talking time (nil: the wall time is it).
    func finish(now: Date = Date()) -> (endedAt: Date, talkingSeconds: Double?) {
        let end = ended ?? now
        guard interrupted else { return (end, nil) }
        return (end, priorSeconds + max(0, end.timeIntervalSince(stretchStart)))
    }
}
