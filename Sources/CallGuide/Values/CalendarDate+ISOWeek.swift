import Foundation

extension CalendarDate {
    /// 1 for Monday ... 7 for Sunday (ISO 8601).
    public var isoWeekday: Int {
        // 2024-01-01 was a Monday; `dayNumber` only counts differences.
        let monday = 739_191
        let offset = (dayNumber - monday) % 7
        return (offset + 7) % 7 + 1
    }

    /// The ISO 8601 week this day belongs to, as `2024-W01`: weeks start
    /// on Monday and belong to the year of their Thursday, so 2024-12-30
    /// is in `2025-W01` (reports.md 1: "weeks are ISO weeks").
    public var isoWeek: String {
        guard let thursday = CalendarDate(dayNumber: dayNumber - isoWeekday + 4),
            let firstOfYear = CalendarDate(year: thursday.year, month: 1, day: 1)
        else { return description }
        let week = (thursday.dayNumber - firstOfYear.dayNumber) / 7 + 1
        return String(format: "%04d-W%02d", thursday.year, week)
    }

    /// The month, as `2024-05`.
    public var monthText: String { String(format: "%04d-%02d", year, month) }
}
