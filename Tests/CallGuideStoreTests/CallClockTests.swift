import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// The call's own clock: read back from a call's start line and shown.
final class CallClockTests: XCTestCase {
    func testTheOffsetIsReadFromTheCallsLocalNowAgainstItsUTCStart() {
        let started = Date(timeIntervalSince1970: 1_773_156_642.5)  // 2026-03-10 15:30:42.5 UTC
        XCTAssertEqual(CallClock.reading(localNow: "2026-03-11T01:30", started: started)?.utcOffsetSeconds, 36_000)
        XCTAssertEqual(CallClock.reading(localNow: "2026-03-10T12:00", started: started)?.utcOffsetSeconds, -12_600)  // St John's, -03:30
        XCTAssertEqual(CallClock.reading(localNow: "2026-03-10T15:30", started: started)?.utcOffsetSeconds, 0)
        XCTAssertNil(CallClock.reading(localNow: nil, started: started))
        XCTAssertNil(CallClock.reading(localNow: "2026-03-12T15:30", started: started), "a day off is no zone's offset")
        XCTAssertNil(CallClock.reading(localNow: "today", started: started))
    }

    func testTimesAreShownOnTheCallsClockWithItsOffset() {
        let instant = Date(timeIntervalSince1970: 1_773_156_642.25)
        let far = CallClock(utcOffsetSeconds: 36_000)
        XCTAssertEqual(far.isoText(instant), "2026-03-11T01:30:42+10:00")
        XCTAssertEqual(far.isoText(instant, milliseconds: true), "2026-03-11T01:30:42.250+10:00")
        XCTAssertEqual(far.minuteText(instant), "2026-03-11 01:30")
        XCTAssertEqual(far.day(of: instant).description, "2026-03-11")
        let west = CallClock(utcOffsetSeconds: -12_600)
        XCTAssertEqual(west.isoText(instant), "2026-03-10T12:00:42-03:30")
        XCTAssertEqual(CallClock(utcOffsetSeconds: 0).offsetText, "+00:00")
        // The same instant, whatever the clock: ISO 8601 readers agree.
        let reader = ISO8601DateFormatter()
        XCTAssertEqual(reader.date(from: far.isoText(instant)), reader.date(from: west.isoText(instant)))
        XCTAssertEqual(reader.date(from: far.isoText(instant))?.timeIntervalSince1970, 1_773_156_642)
    }

    func testAZonesClockFollowsItsDaylightSavingOffset() throws {
        let kyiv = try XCTUnwrap(TimeZone(identifier: "Europe/Kyiv"))
        XCTAssertEqual(CallClock(zone: kyiv, at: Date(timeIntervalSince1970: 1_767_225_600)).offsetText, "+02:00")  // January
        XCTAssertEqual(CallClock(zone: kyiv, at: Date(timeIntervalSince1970: 1_782_864_000)).offsetText, "+03:00")  // July
    }
}
