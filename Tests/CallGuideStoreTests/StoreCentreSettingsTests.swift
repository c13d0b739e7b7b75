import CallGuide
import CallGuideStore
import Foundation
import XCTest

/// store.md 3: the centre-wide settings kept in the store (migration 4).
class StoreCentreSettingsTests: StoreTestCase {
    func testTheNewestPushIsInForce() throws {
        let store = try makeStore()
        XCTAssertNil(try store.centreSettings(), "nothing before the first push")
        let first = Date(timeIntervalSince1970: 1_795_418_100)
        try store.pushCentreSettings(yaml: "timezone: \"Europe/Kyiv\"\n", by: "olga", at: first)
        try store.pushCentreSettings(yaml: "phone: {\"country\":\"380\",\"trunk\":\"0\"}\n", by: "ivan", at: first.addingTimeInterval(60))
        let stored = try XCTUnwrap(store.centreSettings())
        XCTAssertEqual(stored, StoredCentreSettings(yaml: "phone: {\"country\":\"380\",\"trunk\":\"0\"}\n", pushedAt: first.addingTimeInterval(60), pushedBy: "ivan"))
    }
}
