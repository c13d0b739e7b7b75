@testable import CallGuide
import XCTest

/// Hints and wording of the decoder's messages (issue 16).
final class DecodingHintTests: XCTestCase {
    private func diagnostics(_ yaml: String) -> [Diagnostic] {
        ScriptLoader.load(Array(yaml.utf8)).diagnostics
    }

    func testAnUnquotedCommaInAFlowMappingHintsAtQuoting() {
        let node = diagnostics("callguide: 1\nid: c\nnodes:\n  greet: {say: Hello, wants to buy now}\n  done:\n    end: ok\n")
        XCTAssertEqual(node.map(\.code), [.E003])
        XCTAssertEqual(node.first?.hint, "a comma separates entries in { }: if this is the rest of the text before it, quote the whole text: \"Hello, wants to buy now\"")
        XCTAssertEqual(node.first?.length, 16)
        let option = diagnostics("callguide: 1\nid: c\nnodes:\n  q:\n    ask: Ready?\n    type: choice\n    options: {buy: Yes, wants to buy now, later: Later}\n  done:\n    end: ok\n")
        XCTAssertEqual(option.first?.hint, "a comma separates entries in { }: if this is the rest of the text before it, quote the whole text: \"Yes, wants to buy now\"")
    }

    func testABlockKeyWithSpacesGetsNoCommaHint() {
        let found = diagnostics("callguide: 1\nid: c\nnodes:\n  q:\n    ask: Ready?\n    type: choice\n    options:\n      buy: Yes\n      wants to buy now:\n  done:\n    end: ok\n")
        XCTAssertEqual(found.first?.code, .E002)
        XCTAssertNil(found.first?.hint)
    }

    func testReservedNamesTakeTheRightArticle() {
        let found = diagnostics("callguide: 1\nid: c\nnodes:\n  q:\n    ask: Pay?\n    type: choice\n    options: [card, cash]\n  done:\n    end: ok\n")
        XCTAssertEqual(found.first?.message, "'card' is a reserved word and cannot be an option key")
    }

    func testAMisspeltCardFieldInATextSuggestsTheField() {
        let found = diagnostics("callguide: 1\nid: c\nnodes:\n  greet:\n    say: Hello {card.nmae}\n  done:\n    end: ok\n")
        XCTAssertEqual(found.map(\.code), [.E006])
        XCTAssertEqual(found.first?.hint, "did you mean 'name'?")
    }
}
