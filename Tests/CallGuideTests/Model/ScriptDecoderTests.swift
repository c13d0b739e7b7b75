@testable import CallGuide
import XCTest

final class ScriptDecoderTests: XCTestCase {
    func testOptionFormsLocalizedTextsAndDefaults() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: forms
            version: 1.10
            language: ru
            nodes:
              a:
                ask: {ru: "Тариф?", en: "Plan?"}
                type: choice
                options: [basic, premium]
              b:
                ask: Size?
                type: choice
                options:
                  s: Small
                  l: {label: {ru: Большой, en: Large}, goto: e}
              c:
                offer: Filters?
                item: {sku: F-1, price: 12.90}
              e: {end: done}
            """))
        XCTAssertEqual(script.version, .string("1.10"))
        XCTAssertEqual(script.start, "a")
        XCTAssertEqual(script.node("a")?.question?.options.map(\.key), ["basic", "premium"])
        let large = try XCTUnwrap(script.node("b")?.question?.option("l"))
        XCTAssertEqual(large.goto, "e")
        XCTAssertEqual(large.label.variant(for: "en", fallback: "ru")?.template.sourceText, "Large")
        XCTAssertEqual(large.label.variant(for: "uk", fallback: "ru")?.template.sourceText, "Большой")
        guard case .offer(let offer)? = script.node("c")?.kind else { return XCTFail("not an offer") }
        XCTAssertEqual(offer.item.map(\.key), ["sku", "price"])
        XCTAssertEqual(offer.item.last?.value, .number(Decimal(string: "12.90")!))
    }

    func testXKeysAreIgnoredAndMergeKeysWork() throws {
        let script = try XCTUnwrap(loadScript("""
            callguide: 1
            id: merge
            x-editor: {colour: blue}
            nodes:
              base: &question {ask: Name?, hint: Ask politely, x-note: internal}
              again:
                <<: *question
                ask: Surname?
              e: {end: done}
            """))
        XCTAssertEqual(script.node("again")?.hint?.variants.first?.template.sourceText, "Ask politely")
        XCTAssertEqual(script.node("again")?.question?.text.variants.first?.template.sourceText, "Surname?")
    }

    func testOperatorInputClassification() {
        XCTAssertEqual(OperatorInput(line: "  "), .empty)
        XCTAssertEqual(OperatorInput(line: "yes"), .answer("yes"))
        XCTAssertEqual(OperatorInput(line: ":note call back at 5"), .command(name: "note", argument: "call back at 5"))
        XCTAssertEqual(OperatorInput(line: ":HANGUP"), .command(name: "hangup", argument: ""))
        XCTAssertEqual(OperatorInput(line: "!price"), .handler("price"))
        XCTAssertEqual(OperatorInput(line: "\\:)"), .answer(":)"))
    }
}
