import Dispatch
import XCTest
@testable import CallGuide

final class MeetingCursorTests: XCTestCase {
    /// Two threads taking from the two ends get every position exactly
    /// once, the front side in increasing and the back side in decreasing
    /// order, and the front side's positions all come before the back's.
    func testTwoThreadsShareEveryPositionOnce() {
        for count in [0, 1, 7, 8, 9, 1_000, 100_003] {
            let cursor = MeetingCursor(count: count, batch: 8)
            let (back, front) = inParallel(
                true,
                {
                    var taken: [Int] = []
                    while case let range = cursor.takeFromBack(), !range.isEmpty { taken += range.reversed() }
                    return taken
                },
                {
                    var taken: [Int] = []
                    while case let range = cursor.takeFromFront(), !range.isEmpty { taken += range }
                    return taken
                })
            XCTAssertEqual(front, front.sorted(), "\(count)")
            XCTAssertEqual(back, back.sorted(by: >), "\(count)")
            XCTAssertEqual(front + back.reversed(), Array(0..<count), "\(count)")
        }
    }

    func testOneSideAloneTakesEverything() {
        let cursor = MeetingCursor(count: 20, batch: 3)
        var taken: [Int] = []
        while case let range = cursor.takeFromBack(), !range.isEmpty { taken += range.reversed() }
        XCTAssertEqual(taken, Array((0..<20).reversed()))
        XCTAssertTrue(cursor.takeFromFront().isEmpty)
    }

    func testAHandOffGivesTheValuePutBeforeOrAfterTheTake() {
        let early = HandOff<Int?>()
        early.put(nil)
        XCTAssertNil(early.take())
        let late = HandOff<[Int]>()
        let (_, taken) = inParallel(
            true,
            { usleep(20_000); late.put([1, 2, 3]) },
            { late.take() })
        XCTAssertEqual(taken, [1, 2, 3])
    }
}
