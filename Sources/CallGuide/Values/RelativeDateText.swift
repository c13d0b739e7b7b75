/// Reads the dates and date-times operators type (workflow.md 2.4 and the
/// `task` commands' WHEN): `YYYY-MM-DD`, `DD.MM.YYYY`, `today`,
/// `tomorrow`, `+N` (in N days) and the Russian and Ukrainian words for
/// today and tomorrow, each optionally followed by a time `HH:MM`. Relative
/// words are read against a given day, so the result never depends on the
/// machine's clock or zone: the caller says what "today" is.
public enum RelativeDateText {
    /// A date, with a time of day when one was written.
    public struct Reading: Equatable, Sendable {
        public var date: CalendarDate
        /// Hour and minute, nil for a date alone.
        public var time: (hour: Int, minute: Int)?

        public init(date: CalendarDate, time: (hour: Int, minute: Int)?) {
            self.date = date
            self.time = time
        }

        /// The moment the reading names: the time given, else 00:00.
        public var dateTime: LocalDateTime {
            time.flatMap { LocalDateTime(date: date, hour: $0.hour, minute: $0.minute) } ?? LocalDateTime(startOf: date)
        }

        public static func == (a: Reading, b: Reading) -> Bool {
            a.date == b.date && a.time?.hour == b.time?.hour && a.time?.minute == b.time?.minute
        }
    }

    /// What a WHEN must look like, for error messages.
    public static let expected = "YYYY-MM-DD, DD.MM.YYYY, today, tomorrow or +N (days from today), optionally followed by HH:MM"

    /// Reads `text` (surrounding spaces ignored, words in any case); nil
    /// when it is none of the accepted forms or not a real date or time.
    public static func read(_ text: String, today: CalendarDate) -> Reading? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // `YYYY-MM-DDTHH:MM` is the stored form: taken as a date and a time.
        if words.count == 1, let combined = LocalDateTime(isoText: words[0]) {
            return Reading(date: combined.date, time: (combined.minuteOfDay / 60, combined.minuteOfDay % 60))
        }
        guard (1...2).contains(words.count) else { return nil }
        var time: (hour: Int, minute: Int)?
        if words.count == 2 {
            guard let clock = LocalDateTime.clock(Substring(words.removeLast()), strict: false) else { return nil }
            time = (clock.0, clock.1)
        }
        guard let date = day(words[0], today: today) else { return nil }
        return Reading(date: date, time: time)
    }

    /// The day part alone, read as a `date` answer is (`AnswerParser`), so a
    /// WHEN and an operator's answer take the same words.
    public static func day(_ word: String, today: CalendarDate) -> CalendarDate? {
        AnswerParser.relativeDate(word, today: today) ?? AnswerParser.parseDate(word)
    }
}
