import Foundation

/// A wall-clock date and time in the centre's zone, to the minute
/// (workflow.md 1.1): what a task's `due` and a `datetime` answer hold.
/// Converting it to an instant needs a zone, and follows the centre's rule
/// for daylight-saving changes: a time in the gap moves forward by the
/// gap's length, a time that happens twice takes the earlier.
public struct LocalDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let date: CalendarDate
    public let hour: Int
    public let minute: Int

    public init?(date: CalendarDate, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// Midnight at the start of `date`.
    public init(startOf date: CalendarDate) {
        self.date = date
        hour = 0
        minute = 0
    }

    /// Reads exactly `YYYY-MM-DDTHH:MM`.
    public init?(isoText text: String) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = CalendarDate(isoText: String(parts[0])),
              let (hour, minute) = Self.clock(String(parts[1])) else { return nil }
        self.init(date: date, hour: hour, minute: minute)
    }

    /// `HH:MM` (or `H:MM`) as hour and minute, nil unless a real time.
    public static func clock(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (hour, minute)
    }

    /// `YYYY-MM-DDTHH:MM`.
    public var description: String {
        date.description + "T" + (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    /// Minutes since 0000-03-01 00:00 of the proleptic calendar: only
    /// differences matter.
    var minuteNumber: Int { (date.dayNumber * 24 + hour) * 60 + minute }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.minuteNumber < b.minuteNumber }

    /// The wall-clock time `minutes` later (calendar arithmetic, no zone).
    public func adding(minutes: Int) -> LocalDateTime {
        let total = minuteNumber + minutes
        let days = Int((Double(total) / 1440).rounded(.down))
        let rest = total - days * 1440
        guard let day = date.adding(days: days - date.dayNumber) else { return self }
        return LocalDateTime(date: day, hour: rest / 60, minute: rest % 60) ?? self
    }

    // MARK: Instants

    /// The instant this wall-clock time names in `zone`: a time skipped by
    /// a daylight-saving gap moves forward by the gap; a time that occurs
    /// twice (clocks turned back) is the earlier of the two.
    public func instant(in zone: TimeZone) -> Date {
        // Seconds since 1970-01-01 00:00 of this wall-clock time, as if UTC.
        let epochDay = CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber
        let wall = Double(((date.dayNumber - epochDay) * 24 + hour) * 60 + minute) * 60
        // The offsets in force a day around it; the first that maps back to
        // this wall-clock time is the earlier instant.
        let offsets = [wall - 86_400, wall - 43_200, wall, wall + 43_200, wall + 86_400]
            .map { Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: $0))) }
        var candidates: [Double] = []
        for offset in Set(offsets) {
            let instant = wall - offset
            if Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant))) == offset { candidates.append(instant) }
        }
        if let earliest = candidates.min() { return Date(timeIntervalSince1970: earliest) }
        // In a gap: the offset in force before it, which lands as many
        // minutes after the gap as the time was into it.
        return Date(timeIntervalSince1970: wall - offsets[0])
    }

    /// The wall-clock time of `instant` in `zone`, to the minute (seconds
    /// dropped).
    public init(instant: Date, in zone: TimeZone) {
        let local = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        let minutes = Int((local / 60).rounded(.down))
        let days = Int((Double(minutes) / 1440).rounded(.down))
        let rest = minutes - days * 1440
        let epoch = CalendarDate(year: 1970, month: 1, day: 1)!
        self.date = epoch.adding(days: days) ?? epoch
        hour = rest / 60
        minute = rest % 60
    }
}

extension CalendarDate {
    /// The date `days` later (earlier when negative); nil outside years 1-9999.
    public func adding(days: Int) -> CalendarDate? {
        // Civil-from-days (H. Hinnant), from the day number's 0000-03-01 origin.
        let z = dayNumber + days
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return CalendarDate(year: y, month: m, day: d)
    }

    /// Today's date in `zone` at `instant`.
    public init(instant: Date, in zone: TimeZone) {
        self = LocalDateTime(instant: instant, in: zone).date
    }
}
