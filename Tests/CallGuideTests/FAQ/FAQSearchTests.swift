@testable import CallGuide
import XCTest

/// `?WORDS` matching (script language 9.2): every word the beginning of a
/// word of the question, answer or tags, any case, Cyrillic too; question
/// matches first, then answer, then tags; at most three.
final class FAQSearchTests: XCTestCase {
    private let entries = [
        FAQEntry(id: "sunday", question: "Do you deliver on Sundays?", answer: "Yes, from 10:00 to 16:00, for 300 more.", tags: ["delivery"]),
        FAQEntry(id: "warranty", question: LocalizedLabel(variants: [.init(language: "ru", text: "Есть ли гарантия?"), .init(language: "en", text: "Is there a warranty?")])!,
                 answer: LocalizedLabel(variants: [.init(language: "ru", text: "Два года на всё."), .init(language: "en", text: "Two years on everything.")])!),
        FAQEntry(id: "#3", question: "Can I pay by card?", answer: "Yes, the courier has a terminal; delivery is paid the same way."),
        FAQEntry(id: "#4", question: "How long does it take?", answer: "One or two days.", tags: ["delivery", "time"]),
        FAQEntry(id: "friday", question: "Чи доставляєте в п'ятницю?", answer: "Так, до 20:00."),
    ]

    private func ids(_ query: String) -> [String] {
        FAQSearch(entries: entries).matches(for: query).map(\.id)
    }

    func testEveryWordMustBeginAWord() {
        XCTAssertEqual(ids("sunday deliv"), ["sunday"])
        XCTAssertEqual(ids("sunday warranty"), [])
        // "unday" is inside a word, not at its beginning.
        XCTAssertEqual(ids("unday"), [])
    }

    func testQuestionMatchesComeBeforeAnswerThenTags() {
        // "deliver" is in #1's question, #3's answer and #4's tags.
        XCTAssertEqual(ids("deliver"), ["sunday", "#3", "#4"])
        XCTAssertEqual(ids("yes"), ["sunday", "#3"])
    }

    func testAtMostThreeAreShown() {
        // "t" begins a word of every English entry: four match, three are shown.
        XCTAssertEqual(FAQSearch(entries: entries).matches(for: "t", limit: 10).count, 4)
        XCTAssertEqual(ids("t").count, 3)
    }

    func testCaseIsFoldedInCyrillicToo() {
        XCTAssertEqual(ids("ГАРАНТ"), ["warranty"])
        XCTAssertEqual(ids("гарантия"), ["warranty"])
        XCTAssertEqual(ids("ДВА ГОД"), ["warranty"])
        // Every language of the entry is searched.
        XCTAssertEqual(ids("WARRANTY"), ["warranty"])
    }

    func testYoReadsAsYe() {
        // "всё" in the answer; operators type "все".
        XCTAssertEqual(ids("все"), ["warranty"])
    }

    func testUkrainianApostropheIsPartOfTheWord() {
        XCTAssertEqual(ids("п'ятн"), ["friday"])
        XCTAssertEqual(ids("пятн"), ["friday"])
        XCTAssertEqual(ids("П’ЯТНИЦЮ"), ["friday"])
        XCTAssertEqual(ids("доставляєте"), ["friday"])
    }

    func testAQueryWithoutWordsFindsNothing() {
        XCTAssertEqual(ids(""), [])
        XCTAssertEqual(ids(" ,.!"), [])
    }

    func testWordsAreFoldedAndSplit() {
        XCTAssertEqual(FAQSearch.words("Доставка — В Суботу, 10:00!"), ["доставка", "в", "суботу", "10", "00"])
    }
}
