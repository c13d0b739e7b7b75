import CallGuide
import XCTest

/// One client, one card: the ways people type a phone, normalized as
/// store.md section 4 says.
final class PhoneFormatTests: XCTestCase {
    private let ukraine = PhoneFormat(country: 380, trunk: "0")
    private let ukraineWithLength = PhoneFormat(country: 380, trunk: "0", nationalDigits: 9)

    private func assertInternational(
        _ typed: String, _ expected: String, _ format: PhoneFormat? = nil, file: StaticString = #filePath, line: UInt = #line
    ) {
        let phone = (format ?? ukraine).normalize(typed)
        XCTAssertEqual(phone, NormalizedPhone(text: expected, form: .international), typed, file: file, line: line)
    }

    func testTheSpecsSpellingsAreOneNumber() {
        for typed in [
            "050 111 22 33", "0501112233", "380501112233", "+38 (050) 111-22-33", "00380501112233", "+380 (0) 50 111 22 33",
            "+380501112233", "+380(0)501112233", "00 380 50 111 22 33", "(050) 111-22-33", "050.111.22.33", "050/111 22 33",
            "  +380 50 111 22 33\t", "+380\u{00A0}50\u{00A0}111\u{00A0}22\u{00A0}33",
        ] {
            assertInternational(typed, "+380501112233")
        }
    }

    func testANationalNumberOfTheGivenLengthGetsTheCountry() {
        assertInternational("50 111 22 33", "+380501112233", ukraineWithLength)
        assertInternational("501112233", "+380501112233", ukraineWithLength)
        // Without the length setting the same digits are not recognized.
        XCTAssertEqual(ukraine.normalize("501112233"), NormalizedPhone(text: "501112233", form: .unrecognized))
        // With it, a number of another length is not either.
        XCTAssertEqual(ukraineWithLength.normalize("50111223"), NormalizedPhone(text: "50111223", form: .unrecognized))
    }

    func testAPlusOrDoubleZeroKeepsTheCountryCodeGiven() {
        assertInternational("+44 (0) 20 7946 0958", "+442079460958")
        assertInternational("0044 20 7946 0958", "+442079460958")
        assertInternational("+7 900 123-45-67", "+79001234567")
        // A "(0)" is dropped only right after the country code.
        assertInternational("+44 20 (0) 7946", "+442007946")
        // "(050)" is an area code written in parentheses, not a "(0)".
        assertInternational("+38 (050) 111 22 33", "+380501112233")
    }

    func testTheCountryCodeWithoutPlusNeedsANationalLength() {
        assertInternational("380501112233", "+380501112233", ukraineWithLength)
        // Too short after the code: a local number that starts like it.
        XCTAssertEqual(ukraine.normalize("3801234"), NormalizedPhone(text: "3801234", form: .unrecognized))
        XCTAssertEqual(ukraineWithLength.normalize("3805011122"), NormalizedPhone(text: "3805011122", form: .unrecognized))
    }

    func testOtherTrunkPrefixes() {
        let russia = PhoneFormat(country: 7, trunk: "8", nationalDigits: 10)
        assertInternational("8 (900) 123-45-67", "+79001234567", russia)
        assertInternational("79001234567", "+79001234567", russia)
        assertInternational("9001234567", "+79001234567", russia)
        let noTrunk = PhoneFormat(country: "39", trunk: "")
        // Italy keeps its leading 0 after the country code.
        assertInternational("+39 06 1234 5678", "+390612345678", noTrunk)
        XCTAssertEqual(noTrunk.normalize("06 1234 5678"), NormalizedPhone(text: "0612345678", form: .unrecognized))
    }

    func testAnythingElseIsKeptAsDigitsAndFlagged() {
        let cases = [
            ("12345", "12345"), ("call 050 111 22 33", "0501112233"), ("050 111 22 33 ext. 4", "05011122334"),
            ("+380+501112233", "380501112233"), ("050 (111 22 33", "0501112233"), ("050) 111", "050111"),
            ("", ""), ("+", ""), ("()", ""), ("0", "0"), ("٠٥٠١١١٢٢٣٣", ""),
        ]
        for (typed, digits) in cases {
            let phone = ukraine.normalize(typed)
            XCTAssertEqual(phone, NormalizedPhone(text: digits, form: .unrecognized), typed)
            XCTAssertTrue(phone.isFlagged, typed)
        }
        XCTAssertFalse(ukraine.normalize("0501112233").isFlagged)
    }

    func testWithoutTheSettingAPhoneIsItsPlusAndDigitsAsTyped() {
        XCTAssertEqual(PhoneFormat.asTyped("+38 (050) 111-22-33"), NormalizedPhone(text: "+380501112233", form: .asTyped))
        XCTAssertEqual(PhoneFormat.asTyped("050 111 22 33"), NormalizedPhone(text: "0501112233", form: .asTyped))
        XCTAssertEqual(PhoneFormat.asTyped("00380501112233"), NormalizedPhone(text: "00380501112233", form: .asTyped))
        XCTAssertEqual(PhoneFormat.asTyped("+44 (0) 20 7946"), NormalizedPhone(text: "+440207946", form: .asTyped))
        XCTAssertEqual(PhoneFormat.asTyped("Olena"), NormalizedPhone(text: "", form: .unrecognized))
        XCTAssertEqual(PhoneFormat.asTyped("tel 0501112233").isFlagged, true)
    }

    func testNormalizingIsIdempotent() {
        for typed in ["050 111 22 33", "+44 (0) 20 7946 0958", "12345", "380501112233", "0044 20 7946 0958"] {
            let once = ukraine.normalize(typed)
            XCTAssertEqual(ukraine.normalize(once.text).text, once.text, typed)
        }
    }

    func testDigitsOfANormalizedPhone() {
        XCTAssertEqual(ukraine.normalize("+38 (050) 111-22-33").digits, "380501112233")
    }

    // MARK: Finding a card by the end of its phone

    func testASuffixKeyDropsTheTrunkAndNeedsNineDigits() throws {
        let match = try XCTUnwrap(PhoneSuffixMatch(key: "050 111 22 33", trunk: "0"))
        XCTAssertEqual(match.digits, "501112233")
        XCTAssertEqual(match.explanation, "found by the last 9 digits")
        XCTAssertTrue(match.matches("+380501112233"))
        XCTAssertTrue(match.matches("380 50 111 22 33"))
        XCTAssertFalse(match.matches("+380501112234"))
        XCTAssertFalse(match.matches("01112233"))
        // Without a trunk setting the key's digits are used as typed.
        XCTAssertEqual(PhoneSuffixMatch(key: "0501112233", trunk: nil)?.digits, "0501112233")
        XCTAssertEqual(PhoneSuffixMatch(key: "501112233", trunk: "0")?.explanation, "found by the last 9 digits")
    }

    func testAShortOrNonPhoneKeyDoesNotMatchByItsEnd() {
        // 9 digits typed, 8 once the trunk is dropped: too few to trust.
        XCTAssertNil(PhoneSuffixMatch(key: "050111223", trunk: "0"))
        XCTAssertNil(PhoneSuffixMatch(key: "11 22 33", trunk: "0"))
        XCTAssertNil(PhoneSuffixMatch(key: "c-000123", trunk: "0"))
        XCTAssertNil(PhoneSuffixMatch(key: "Olena", trunk: nil))
    }

    func testAnInternationalKeyKeepsItsLeadingDigits() throws {
        // The trunk is only a national prefix; "+0..." or "00..." is not one.
        XCTAssertEqual(PhoneSuffixMatch(key: "00380501112233", trunk: "0")?.digits, "380501112233")
        XCTAssertEqual(PhoneSuffixMatch(key: "+380501112233", trunk: "0")?.digits, "380501112233")
    }
}
