import XCTest
@testable import CallGuide

/// Offsets in quoted scalars map onto columns only when the text is as wide
/// as its source, counted in Characters (ASCII texts take a byte-count path).
final class ScalarPositionTests: XCTestCase {
    private func position(_ yaml: String) throws -> ScalarPosition {
        let node = try XCTUnwrap(loadYAML(yaml).root?["v"])
        return DecodingContext.position(of: node)
    }

    func testQuotedASCIITextMapsOffsetsOntoColumns() throws {
        XCTAssertEqual(try position("v: \"a {x}\"\n").textColumn, 5)
        XCTAssertEqual(try position("v: 'a {x}'\n").textColumn, 5)
    }

    func testQuotedNonASCIITextCountsCharacters() throws {
        XCTAssertEqual(try position("v: \"Привет {x}\"\n").textColumn, 5)
        // libyaml's columns count code points: a combining accent makes the
        // Character count differ, so offsets fall back to the scalar's start.
        XCTAssertNil(try position("v: \"e\u{301} {x}\"\n").textColumn)
    }

    func testEscapesMakeOffsetsPointAtTheStart() throws {
        let ascii = try position("v: \"a \\\" {x}\"\n")
        XCTAssertNil(ascii.textColumn)
        XCTAssertEqual(ascii.start, loc(1, 4))
        XCTAssertNil(try position("v: 'я '' {x}'\n").textColumn)
    }
}
