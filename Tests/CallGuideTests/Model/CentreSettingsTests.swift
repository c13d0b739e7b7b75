@testable import CallGuide
import XCTest

/// store.md 3: the centre-wide settings of callguide.yaml, as `db config
/// push` stores them and every workspace reads them back.
final class CentreSettingsTests: XCTestCase {
    let workspace = """
        phone: {country: 380, trunk: "0", national_digits: 9}
        unique_phones: true
        timezone: Europe/Kyiv
        card:
          fields: {budget: number}
          statuses: [new, active]
          transitions: {new: [active]}
        outcomes:
          sale: {label: Sale, converted: true}
        operators:
          anna: [sales]
          boris: [sales, senior]
        retry:
          no_answer: {after: 2h, max_attempts: 5}
          busy: {after: 90s, max_attempts: 3}
          later: {after: 2d, max_attempts: 2}
        ui_language: ru

        """

    func configuration(_ text: String) throws -> WorkspaceConfiguration {
        let (configuration, diagnostics) = WorkspaceConfiguration.load(Array(text.utf8))
        XCTAssertEqual(diagnostics, [])
        return try XCTUnwrap(configuration)
    }

    func testTheSettingsRoundTripThroughTheStoredTextAndLeaveTheRestOut() throws {
        let settings = CentreSettings(try configuration(workspace))
        XCTAssertEqual(settings.yaml, """
            phone: {"country":"380","trunk":"0","national_digits":9}
            unique_phones: true
            timezone: "Europe/Kyiv"
            card: {"statuses":["new","active"],"transitions":{"new":["active"]}}
            operators: {"anna":["sales"],"boris":["sales","senior"]}
            retry: {"busy":{"after":"90s","max_attempts":3},"later":{"after":"2d","max_attempts":2},"no_answer":{"after":"2h","max_attempts":5}}

            """)
        let read = try XCTUnwrap(CentreSettings.decode(settings.yaml).configuration)
        XCTAssertEqual(CentreSettings(read).yaml, settings.yaml)
        XCTAssertEqual(read.phoneFormat, PhoneFormat(country: "380", trunk: "0", nationalDigits: 9))
        XCTAssertEqual(read.workflow.retry["no_answer"], RetryRule(afterSeconds: 7_200, maxAttempts: 5))
        XCTAssertEqual(read.cardFields.count, 0, "card fields, outcomes and ui_language stay the workspace's")
        XCTAssertEqual(read.uiLanguage, nil)
    }

    func testDifferencesNameEachSettingSetOtherwiseOrOnlyOnOneSide() throws {
        let centre = CentreSettings(try configuration(workspace))
        XCTAssertEqual(centre.differences(from: centre), [])
        let other = try configuration("phone: {country: 48}\ntimezone: Europe/Kyiv\noperators: {anna: [sales], boris: [sales, senior]}\n")
        XCTAssertEqual(centre.differences(from: CentreSettings(other)), ["phone", "unique_phones", "card", "retry"])
        XCTAssertEqual(CentreSettings(nil).differences(from: CentreSettings(WorkspaceConfiguration())), [])
    }

    func testTheCentresSettingsReplaceTheWorkspacesAndKeepItsOwn() throws {
        let centre = try configuration("phone: {country: 48}\ntimezone: Europe/Warsaw\n")
        let applied = CentreSettings.applying(centre, to: try configuration(workspace))
        XCTAssertEqual(applied.phoneFormat, PhoneFormat(country: "48", trunk: ""))
        XCTAssertEqual(applied.workflow.timeZoneName, "Europe/Warsaw")
        XCTAssertFalse(applied.uniquePhones, "a setting the push left out is unset centre-wide")
        XCTAssertEqual(applied.statuses, [])
        XCTAssertNil(applied.transitions)
        XCTAssertEqual(applied.workflow.operators.count, 0)
        XCTAssertEqual(applied.cardFields.map(\.name), ["budget"], "the workspace's own keys stay")
        XCTAssertEqual(applied.uiLanguage, .ru)
        XCTAssertEqual(applied.outcomes.map(\.name), ["sale"])
    }
}
