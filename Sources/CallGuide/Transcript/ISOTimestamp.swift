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

    /// The moment a transcript's `t` names: `YYYY-MM-DDTHH:MM:SS.mmmZ`
    /// exactly as `isoTimestamp` writes it (fixed widths, so no number read
    /// here can overflow). Nil for any other text.
    public static func date(isoTimestamp text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
              bytes[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2), let millis = number(20, 3),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }
}
