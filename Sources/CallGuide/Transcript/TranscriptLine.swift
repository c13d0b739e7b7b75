/// One line of a transcript: an engine event with its place in the call
/// (`seq`, counting from 0) and when it happened (`time`, ISO 8601 UTC with
/// milliseconds, kept as written so a transcript round-trips byte for byte).
public struct TranscriptLine: Sendable, Equatable {
    public var seq: Int
    public var time: String
    public var event: CallEvent
    /// `"masked": true`: the line's personal values were masked after the
    /// call (`card forget --transcripts`); replay takes a masked answer's
    /// recorded value instead of parsing its input.
    public var masked: Bool

    /// The largest `seq` a transcript may hold: 18 digits, far beyond any
    /// call, and small enough that the next `seq` (`+ 1`) cannot overflow.
    /// A larger one is a damaged transcript, refused with its line.
    public static let maximumSeq = 999_999_999_999_999_999

    /// On the first line a `resume` wrote: when the call was taken up again
    /// (ISO 8601 UTC, as `time`), written as `"resumed"`. The gap between
    /// the line before it and this moment is downtime, not talking time,
    /// so a resumed call's duration leaves it out (`TalkingTime`).
    public var resumed: String?

    public init(seq: Int, time: String, event: CallEvent, masked: Bool = false, resumed: String? = nil) {
        self.seq = seq
        self.time = time
        self.event = event
        self.masked = masked
        self.resumed = resumed
    }
}
