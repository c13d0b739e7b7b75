@testable import CallGuide
import XCTest

/// The shape of `faq:` (script language 9.2): problems named with their
/// line, like every other key of a script.
final class FAQDecodingTests: XCTestCase {
    private func diagnostics(_ faq: String) -> [String] {
        let yaml = "callguide: 1\nid: s\n" + faq + "\nnodes:\n  done: {end: done}\n"
        return ScriptLoader.load(Array(yaml.utf8)).diagnostics.map { "\($0.code.rawValue) \($0.location.line):\($0.location.column) \($0.message)" }
    }

    func testFAQMustBeAList() {
        XCTAssertEqual(diagnostics("faq: {q: a}"), ["E002 3:6 'faq' must be a list of entries (- q: QUESTION, a: ANSWER), not a mapping"])
    }

    func testAnEntryNeedsQuestionAndAnswer() {
        XCTAssertEqual(diagnostics("faq:\n  - q: Is there a warranty?\n  - a: Two years."), [
            "E002 4:5 faq entry #1 has no 'a' (the answer to read out)",
            "E002 5:5 faq entry #2 has no 'q' (the customer's question)",
        ])
    }

    func testAnUnknownKeySuggestsTheKnownOne() {
        let found = diagnostics("faq:\n  - {q: Warranty?, a: Two years., tag: [warranty]}")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("E003 4:35 unknown key 'tag' in faq entry #1"), "\(found)")
    }

    func testAnIdMustBeAnIdentifier() {
        let found = diagnostics("faq:\n  - {id: 2 years, q: Warranty?, a: Two years.}")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("E002 4:10 '2 years' is not a valid faq entry id"), "\(found)")
    }

    func testTagsMustBeAList() {
        XCTAssertEqual(diagnostics("faq:\n  - {q: Warranty?, a: Two years., tags: warranty}"),
                       ["E002 4:41 the tags of faq entry #1 must be a list"])
    }
}
