/// A local date and time to the minute, without zone: what `datetime`
/// answers, `now()`, `add_minutes` and a task's `due` work with
/// (workflow, section 2.4). Pure arithmetic, like `CalendarDate`: the
/// centre's zone is applied by the store, never here.
public struct LocalDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let date: CalendarDate
    /// Minutes since 00:00, 0 to 1439.
    public let minuteOfDay: Int

    public init?(date: CalendarDate, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.date = date
        minuteOfDay = hour * 60 + minute
    }

    /// Reads exactly `YYYY-MM-DDTHH:MM`.
    public init?(isoText text: String) {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let date = CalendarDate(isoText: String(parts[0])),
              let (hour, minute) = Self.clock(parts[1], strict: true)
        else { return nil }
        self.init(date: date, hour: hour, minute: minute)
    }

    /// A date or a datetime as written in a value: a date alone is that
    /// day from 00:00 (workflow, section 1).
    public init?(dateOrDateTime text: String) {
        if let date = CalendarDate(isoText: text) {
            self.init(date: date, hour: 0, minute: 0)
        } else {
            self.init(isoText: text)
        }
    }

    /// `HH:MM` (or `H:MM` unless `strict`) as hour and minute, nil if it is not a time of day.
    static func clock(_ text: Substring, strict: Bool) -> (Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, strict ? parts[0].count == 2 : (1...2).contains(parts[0].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return (hour, minute)
    }

    /// `YYYY-MM-DDTHH:MM`.
    public var description: String {
        let hour = minuteOfDay / 60, minute = minuteOfDay % 60
        return "\(date)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    /// Minutes since the start of the calendar's day count.
    var minuteNumber: Int { date.dayNumber * 1440 + minuteOfDay }

    /// This time `minutes` later (earlier when negative); nil outside years 1 to 9999.
    public func adding(minutes: Int) -> LocalDateTime? {
        let (total, overflow) = minuteNumber.addingReportingOverflow(minutes)
        guard !overflow else { return nil }
        let day = total >= 0 ? total / 1440 : (total - 1439) / 1440
        guard let date = CalendarDate(dayNumber: day) else { return nil }
        return LocalDateTime(date: date, hour: (total - day * 1440) / 60, minute: (total - day * 1440) % 60)
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.minuteNumber < b.minuteNumber }
}

extension CalendarDate {
    /// The date `dayNumber` counts to; nil outside years 1 to 9999.
    public init?(dayNumber: Int) {
        // Inverse of `dayNumber` (days since 0000-03-01).
        guard (0...(366 * 10_000)).contains(dayNumber) else { return nil }
        let era = dayNumber / 146_097
        let dayOfEra = dayNumber - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    /// This date `days` later (earlier when negative); nil outside years 1 to 9999.
    public func adding(days: Int) -> CalendarDate? {
        let (total, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : CalendarDate(dayNumber: total)
    }
}

/// Dates and datetimes as the script language holds them: strings.
enum Moment {
    /// A date as a datetime at 00:00; a datetime (or anything else) as it is.
    static func datetimeText(_ text: String) -> String {
        CalendarDate(isoText: text) != nil ? text + "T00:00" : text
    }
}
