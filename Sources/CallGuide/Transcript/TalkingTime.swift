import Foundation

/// How long a call was actually live, from its transcript: the report's
/// duration. A call resumed after a crash was down between its last line
/// before the crash and the moment `resume` took it up again (the
/// `resumed` stamp on the first line the resume wrote); that downtime is
/// not talking time, so a 2-minute call resumed 10 minutes later counts
/// its 2 minutes plus the time after the resume, not 12 minutes more.
public enum TalkingTime {
    /// Seconds the call was live over `lines`: from the first line to the
    /// last, less every gap before a `resumed` stamp. Nil when a time
    /// cannot be read (a hand-edited transcript): the caller falls back on
    /// the wall clock. A clock that ran backwards counts as no time.
    public static func seconds(_ lines: [TranscriptLine]) -> Double? {
        guard let first = lines.first, var stretchStart = TranscriptCodec.date(isoTimestamp: first.time) else { return nil }
        var total = 0.0
        var previous = stretchStart
        for line in lines.dropFirst() {
            if let resumed = line.resumed {
                guard let taken = TranscriptCodec.date(isoTimestamp: resumed) else { return nil }
                total += max(0, previous.timeIntervalSince(stretchStart))
                stretchStart = taken
                previous = taken
            }
            guard let time = TranscriptCodec.date(isoTimestamp: line.time) else { return nil }
            previous = time
        }
        return total + max(0, previous.timeIntervalSince(stretchStart))
    }
}
