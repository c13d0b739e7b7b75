import XCTest
@testable import CallGuide

/// Plain texts and templates are stored without arrays; every way of
/// reading them must agree with the array form they stand for.
final class CompactTextTests: XCTestCase {
    private func holes(_ template: Template) -> [String] {
        var found: [String] = []
        template.forEachHole { expression, offset in found.append("\(expression.source)@\(offset)") }
        return found
    }

    private func partsDescription(_ parts: [Template.Part]) -> [String] {
        parts.map { part in
            switch part {
            case .literal(let text): return "literal:\(text)"
            case .expression(let expression, let offset): return "hole:\(expression.source)@\(offset)"
            }
        }
    }

    func testPlainAndPartsTemplatesAgree() throws {
        let texts = ["", "no holes", "a {{b}} c", "Hi {name}!", "{x}", "{x}{y} tail", "Привет {{ }}", "Да {name}"]
        for text in texts {
            let parsed = try Template.parse(text)
            // The same parts built through the array initializer.
            let rebuilt = Template(parts: parsed.parts)
            XCTAssertEqual(partsDescription(rebuilt.parts), partsDescription(parsed.parts), text)
            XCTAssertEqual(holes(parsed), parsed.expressions.map { "\($0.expression.source)@\($0.offset)" }, text)
            XCTAssertEqual(holes(rebuilt), holes(parsed), text)
            XCTAssertEqual(Array(parsed.holes).count, parsed.expressions.count, text)
            XCTAssertEqual(parsed.isPlain, parsed.expressions.isEmpty, text)
            XCTAssertEqual(rebuilt.literalText, parsed.literalText, text)
            XCTAssertEqual(rebuilt.sourceText, parsed.sourceText, text)
            XCTAssertEqual(parsed.render(in: TestContext()).text, rebuilt.render(in: TestContext()).text, text)
            XCTAssertEqual(parsed.plainText != nil, parsed.isPlain, text)
        }
        let plain = Template(plainText: "a {b} c")
        XCTAssertEqual(partsDescription(plain.parts), ["literal:a {b} c"])
        XCTAssertTrue(plain.isPlain)
        XCTAssertEqual(plain.render(in: TestContext()).text, "a {b} c")
        XCTAssertEqual(plain.sourceText, "a {{b}} c")
        XCTAssertEqual(partsDescription(Template(parts: []).parts), [])
        XCTAssertEqual(Template(parts: []).literalText, "")
        XCTAssertEqual(partsDescription(try Template.parse("").parts), ["literal:"])
    }

    private func describe(_ text: LocalizedText) -> [String] {
        text.variants.map { "\($0.language ?? "-")|\($0.template.sourceText)|\($0.position.start)|\($0.position.textColumn.map(String.init) ?? "nil")" }
    }

    func testCompactAndArrayTextsAgree() throws {
        let position = ScalarPosition(start: SourceLocation(line: 3, column: 7), textColumn: 8)
        let template = try Template.parse("Hi {name}")
        let compact = LocalizedText(template: template, position: position)
        let viaVariant = LocalizedText(.init(language: nil, template: template, position: position), location: position.start)
        let viaArray = LocalizedText(variants: [.init(language: nil, template: template, position: position)], location: position.start)
        // Numbers that cannot be packed keep the array form, with the same values.
        let huge = ScalarPosition(start: SourceLocation(line: Int(Int32.max) + 1, column: 2), textColumn: nil)
        let unpacked = LocalizedText(template: template, position: huge)
        XCTAssertEqual(describe(unpacked), ["-|Hi {name}|\(huge.start)|nil"])
        XCTAssertEqual(unpacked.location, huge.start)
        for text in [compact, viaVariant, viaArray] {
            XCTAssertEqual(describe(text), ["-|Hi {name}|3:7|8"])
            XCTAssertEqual(text.location, position.start)
            XCTAssertFalse(text.isLocalized)
            XCTAssertEqual(text.allVariants.count, 1)
            XCTAssertEqual(text.allVariants.first?.template.sourceText, "Hi {name}")
            XCTAssertEqual(text.variant(for: "en", fallback: "ru")?.position, position)
            var holes: [String] = []
            text.forEachHole { expression, offset, at in holes.append("\(expression.source)@\(offset)@\(at.location(ofOffset: offset))") }
            XCTAssertEqual(holes, ["name@4@3:12"])
        }
        // A different location than the text's start is kept.
        var moved = compact
        moved.location = SourceLocation(line: 1, column: 1)
        XCTAssertEqual(moved.location, SourceLocation(line: 1, column: 1))
        XCTAssertEqual(describe(moved), describe(compact))
        moved.variants = []
        XCTAssertEqual(moved.allVariants.count, 0)
        XCTAssertNil(moved.variant(for: nil, fallback: nil))
        XCTAssertEqual(moved.location, SourceLocation(line: 1, column: 1))
    }

    func testLocalizedTextsKeepEveryVariant() throws {
        let en = ScalarPosition(start: SourceLocation(line: 2, column: 5), textColumn: 5)
        let ru = ScalarPosition(start: SourceLocation(line: 3, column: 5), textColumn: nil)
        let text = LocalizedText(variants: [
            .init(language: "en", template: try Template.parse("Hi {a}"), position: en),
            .init(language: "ru", template: try Template.parse("Привет {b}"), position: ru),
        ], location: SourceLocation(line: 1, column: 1))
        XCTAssertTrue(text.isLocalized)
        XCTAssertEqual(text.allVariants.map(\.language), ["en", "ru"])
        XCTAssertEqual(text.variant(for: "ru", fallback: "en")?.language, "ru")
        XCTAssertEqual(text.variant(for: "de", fallback: "en")?.language, "en")
        XCTAssertEqual(text.variant(for: "de", fallback: nil)?.language, "en")
        var holes: [String] = []
        text.forEachHole { expression, offset, at in holes.append("\(expression.source)@\(at.location(ofOffset: offset))") }
        XCTAssertEqual(holes, ["a@2:9", "b@3:5"])
        let one = LocalizedText(variants: [.init(language: "en", template: Template(plainText: "x"), position: en)], location: en.start)
        XCTAssertTrue(one.isLocalized)
        XCTAssertEqual(one.variant(for: nil, fallback: nil)?.language, "en")
    }
}
