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

    /// Issue 16: titles, handler labels and outcome labels are texts like any
    /// other (section 6), so they may be given per language (E002 before).
    func testTitlesAndLabelsMayBeLocalized() throws {
        let result = ScriptLoader.load(Array("""
            callguide: 1
            id: labels
            language: ru
            title: {ru: Заказ, en: Order}
            outcomes:
              sale: {label: {ru: Продажа, en: Sale}, converted: true}
              later: Later
            handlers:
              price: {label: {ru: Дорого, uk: Дорого для клієнта}, start: cheaper}
            nodes:
              close: {end: sale}
              cheaper: {say: Cheaper, next: back}
              back: {return: true}
            """.utf8))
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let script = try XCTUnwrap(result.checked)
        XCTAssertEqual(script.title?.text(for: "en", fallback: "ru"), "Order")
        XCTAssertEqual(script.outcomes.first?.label.text(for: "uk", fallback: "ru"), "Продажа")
        XCTAssertEqual(script.outcomes.last?.label.text(for: "uk", fallback: "ru"), "Later")
        XCTAssertEqual(script.handlers.first?.label.text(for: "uk", fallback: "ru"), "Дорого для клієнта")
        XCTAssertEqual(script.handlers.first?.label.text(for: "en", fallback: "ru"), "Дорого")
        XCTAssertEqual(script.textLanguages, ["ru", "en", "uk"])
        let empty = ScriptLoader.load(Array("callguide: 1\nid: x\ntitle: {}\nnodes:\n  e: {end: done}\n".utf8))
        XCTAssertEqual(empty.errors.map(\.message), ["the title has no texts"])
    }
}
