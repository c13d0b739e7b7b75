@testable import CallGuideCLI
import Foundation
import XCTest

final class CallIdentityTests: XCTestCase {
    /// store.md 1: the UTC start time and at least 64 random bits, so calls
    /// synced from many machines never share an id.
    func testACallIDIsTheUTCStartAndSixtyFourRandomBits() {
        let moment = Date(timeIntervalSince1970: 1_795_418_100)  // 2026-11-23 07:15:00 UTC
        let ids = (0..<200).map { _ in CallIdentity.newCallID(at: moment) }
        for id in ids {
            XCTAssertTrue(id.hasPrefix("20261123-071500-"), id)
            let random = id.dropFirst("20261123-071500-".count)
            XCTAssertEqual(random.count, 16, id)
            XCTAssertNotNil(UInt64(random, radix: 16), id)
        }
        XCTAssertEqual(Set(ids).count, ids.count)
    }
}
