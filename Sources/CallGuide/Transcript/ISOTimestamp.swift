import Foundation

extension TranscriptCodec {
    /// `date` as ISO 8601 UTC with milliseconds (`2026-11-23T12:15:18.123Z`),
    /// the transcript's `t`. Computed with `gmtime_r`, so it is safe and
    /// cheap from any thread (no shared formatter). Sub-millisecond parts are
    /// truncated, so times never run ahead of the clock.
    public static func isoTimestamp(_ date: Date) -> String {
        // Round to microseconds first so binary noise (0.001 * 1000 being
        // 0.99999...) cannot cost a millisecond, then truncate.
        let microseconds = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard microseconds.isFinite, abs(microseconds) < 1e17 else { return "1970-01-01T00:00:00.000Z" }
        let total = Int64(microseconds)
        var seconds = total / 1_000_000
        var micros = total % 1_000_000
        if micros < 0 {
            micros += 1_000_000
            seconds -= 1
        }
        let millis = micros / 1000
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return "1970-01-01T00:00:00.000Z" }
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
            + "." + pad(Int(millis), 3) + "Z"
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
