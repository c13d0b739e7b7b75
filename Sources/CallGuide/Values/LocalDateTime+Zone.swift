import Foundation

/// Local times and the centre's zone (workflow.md 1.1): a task's `due` is
/// kept as a UTC instant, and read back as the centre's wall-clock time.
/// A local time skipped by a daylight-saving gap moves forward by the gap;
/// one that happens twice (clocks turned back) is the earlier.
extension LocalDateTime {
    /// Midnight at the start of `date`.
    public init(startOf date: CalendarDate) {
        self.init(date: date, hour: 0, minute: 0)!
    }

    /// The instant this wall-clock time names in `zone`.
    public func instant(in zone: TimeZone) -> Date {
        // Seconds since 1970-01-01 00:00 of this wall-clock time, as if UTC.
        let epochDay = CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber
        let wall = Double((date.dayNumber - epochDay) * 86_400 + minuteOfDay * 60)
        // The offsets in force a day around it; those that map back to this
        // wall-clock time are its instants, and the earliest is taken.
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
        self.init(date: epoch.adding(days: days) ?? epoch, hour: rest / 60, minute: rest % 60)!
    }
}

extension CalendarDate {
    /// The date in `zone` at `instant`.
    public init(instant: Date, in zone: TimeZone) {
        self = LocalDateTime(instant: instant, in: zone).date
    }
}
