import CallGuide
import Foundation

/// The clock a call was taken on: its offset from UTC where it was taken
/// (issue 15, "one day, one clock"). A call's day, and every time shown for
/// it (`calls`, `card show`, reports, CSV), are read on this clock, so a
/// call made at 00:30 in Vladivostok is on the day the operator saw, in
/// every listing and report, whatever zone the machine showing it is in.
///
/// An offset rather than a zone name: it is what the call's own start line
/// can prove (its local `now` against its UTC `started`), and all that is
/// needed to show one instant; a call never spans a change of offset that
/// matters to its day.
public struct CallClock: Equatable, Sendable {
    /// Seconds east of UTC (Kyiv in winter: 7200).
    public var utcOffsetSeconds: Int

    public init(utcOffsetSeconds: Int) {
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The clock of `zone` at `instant` (its daylight-saving offset then).
    public init(zone: TimeZone, at instant: Date) {
        utcOffsetSeconds = zone.secondsFromGMT(for: instant)
    }

    /// The clock a call's context shows: `now` is its local start to the
    /// minute (`YYYY-MM-DDTHH:MM`), `started` its UTC start. The offset is
    /// their difference, to the nearest quarter hour (every zone's offset
    /// is a multiple of 15 minutes). Nil when `now` is missing or the
    /// difference is not an offset any zone has (over 14 hours).
    public static func reading(localNow: String?, started: Date) -> CallClock? {
        guard let localNow, let local = LocalDateTime(isoText: localNow) else { return nil }
        let localSeconds = Double(local.date.dayNumber - Self.epochDayNumber) * 86_400 + Double(local.minuteOfDay) * 60
        let difference = localSeconds - started.timeIntervalSince1970
        guard difference.isFinite, abs(difference) <= 14 * 3600 + 60 else { return nil }
        return CallClock(utcOffsetSeconds: Int((difference / 900).rounded()) * 900)
    }

    /// The zone with this fixed offset, for formatters.
    public var zone: TimeZone { TimeZone(secondsFromGMT: utcOffsetSeconds) ?? TimeZone(identifier: "UTC")! }

    /// `instant` on this clock, to the second.
    public func local(_ instant: Date) -> (date: CalendarDate, secondOfDay: Int) {
        let seconds = instant.timeIntervalSince1970.rounded(.down) + Double(utcOffsetSeconds)
        guard seconds.isFinite, abs(seconds) < 2.5e11 else { return (CalendarDate(year: 1970, month: 1, day: 1)!, 0) }
        let whole = Int(seconds)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let date = CalendarDate(dayNumber: days + Self.epochDayNumber) ?? CalendarDate(year: 1970, month: 1, day: 1)!
        return (date, whole - days * 86_400)
    }

    /// The local day of `instant` on this clock.
    public func day(of instant: Date) -> CalendarDate { local(instant).date }

    /// `YYYY-MM-DD HH:MM`, for tables.
    public func minuteText(_ instant: Date) -> String {
        let (date, second) = local(instant)
        return "\(date) \(Self.twoDigits(second / 3600)):\(Self.twoDigits(second % 3600 / 60))"
    }

    /// ISO 8601 with the offset, to the second: `2026-12-01T09:30:05+10:00`
    /// (CSV, JSON; the same instant as the UTC stamp, read on this clock).
    /// With `milliseconds`, `...:05.123+10:00`, as precise as a transcript's stamps.
    public func isoText(_ instant: Date, milliseconds: Bool = false) -> String {
        let (date, second) = local(instant)
        var text = "\(date)T\(Self.twoDigits(second / 3600)):\(Self.twoDigits(second % 3600 / 60)):\(Self.twoDigits(second % 60))"
        if milliseconds {
            let fraction = instant.timeIntervalSince1970 - instant.timeIntervalSince1970.rounded(.down)
            let millis = fraction.isFinite ? min(999, max(0, Int((fraction * 1000 + 1e-6).rounded(.down)))) : 0
            text += "." + String(repeating: "0", count: millis < 10 ? 2 : millis < 100 ? 1 : 0) + "\(millis)"
        }
        return text + offsetText
    }

    /// `+10:00`, `-03:30`, `+00:00`.
    public var offsetText: String {
        let minutes = abs(utcOffsetSeconds) / 60
        return (utcOffsetSeconds < 0 ? "-" : "+") + Self.twoDigits(minutes / 60) + ":" + Self.twoDigits(minutes % 60)
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `CalendarDate.dayNumber` of 1970-01-01.
    static let epochDayNumber = CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber
}

extension CallRecord {
    /// The clock the call was taken on; a call stored before offsets were
    /// kept reads on `fallback` (the store's zone, which gave its day).
    public func clock(fallback: TimeZone) -> CallClock {
        utcOffsetSeconds.map(CallClock.init(utcOffsetSeconds:)) ?? CallClock(zone: fallback, at: startedAt)
    }
}
