import XCTest
@testable import CallGuide

/// ASCII text is lexed from its bytes (`ASCIILexer`) and other text
/// Character by Character (`Lexer`); on ASCII text both must give the same
/// tokens, syntax trees, offsets and errors.
final class LexerAgreementTests: XCTestCase {
    let pieces = ["1", "0", "2.5", "12345678901234567890", "1.", ".5", "'a'", "\"b\\n\"", "'it\\'s'", "'\\\\'", "'\\q'",
                  "'", "\"", "\\", "x", "plan_2", "_a", "answer", "card.name", "call.", "card.in", "(", ")", "[", "]",
                  ",", ".", "+", "-", "*", "/", "%", "==", "=", "!", "!=", "<", "<=", ">", ">=", "&&", "||", "&", "and",
                  "or", "not", "in", "null", "true", "false", "len(", "round(", "answered(", "today()", " ", "\t", "\n",
                  "$", "{", "}", "ands", "nul", "callx"]

    func tokens(_ text: String) -> Result<[Token], ExpressionSyntaxError> {
        var text = text
        return text.withUTF8 { bytes in Result { () throws(ExpressionSyntaxError) in try ASCIILexer.tokenize(bytes) } }
    }

    func characterTokens(_ text: String) -> Result<[Token], ExpressionSyntaxError> {
        Result { () throws(ExpressionSyntaxError) in try Lexer.tokenize(Array(text)) }
    }

    /// The tree with every node's offset, so that offsets are compared too.
    func shape(_ node: ExpressionNode) -> String {
        switch node {
        case .literal(let value, let offset): return "\(value)@\(offset)"
        case .list(let items, let offset): return "[\(items.map(shape).joined(separator: " "))]@\(offset)"
        case .name(let name, let offset): return "\(name)@\(offset)"
        case .unary(let op, let operand, let offset): return "(\(op.rawValue)@\(offset) \(shape(operand)))"
        case .binary(let op, let l, let r, let offset): return "(\(op.rawValue)@\(offset) \(shape(l)) \(shape(r)))"
        case .call(let name, let arguments, let offset): return "\(name)@\(offset)(\(arguments.map(shape).joined(separator: " ")))"
        }
    }

    func parsed(_ text: String, allowingByteLexer: Bool) -> Result<String, ExpressionSyntaxError> {
        Result { () throws(ExpressionSyntaxError) in
            let expression = try ExpressionParser.parse(text, allowingByteLexer: allowingByteLexer)
            return "\(expression.startOffset) \(shape(expression.root))"
        }
    }

    func assertAgree(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(tokens(text), characterTokens(text), text, file: file, line: line)
        XCTAssertEqual(parsed(text, allowingByteLexer: true), parsed(text, allowingByteLexer: false), text, file: file, line: line)
    }

    func testKnownTexts() {
        for text in ["1 + 2 * 3", "'it\\'s' + \"a \\\"b\\\" \\\\ \\n\"", "[true, false, null, []]", "card.name == call.operator",
                     "round(price * 0.9, 2)", "a < b < c", "x == 'abc", "a $ b", "'a\\q'", "card.", "answer(1)",
                     "0.50 + 007", "123456789012345678 + 1234567890123456789", "99999999999999999999999999999999999999999" +
                     String(repeating: "9", count: 200), "1 +", "a = 1", "a && b", "a || b", "not not a", "x in [1, 2]",
                     "", "   ", "answered(a, b)", "(1 + 2", "a b", "1 + 2)", "'\\", "'abc\\"] {
            assertAgree(text)
        }
        XCTAssertEqual(try tokens("a <= 'b'").get().map(\.kind), [.identifier, .lessOrEqual, .string, .end])
        XCTAssertEqual(try tokens("a <= 'b'").get().map(\.range), [0..<1, 2..<4, 5..<8, 8..<8])
    }

    func testRandomTextsAgree() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<4000 {
            assertAgree((0..<next(10)).map { _ in pieces[next(pieces.count)] }.joined())
        }
    }
}

final class ReservedWordTests: XCTestCase {
    func testTheByteCheckAgreesWithTheList() {
        let words = Array(ExpressionParser.reservedWords) + ["", "a", "o", "i", "an", "ant", "nor", "cart", "calm", "truth", "nul",
                                                            "falsy", "answers", "Answer", "AND", "é", "ánd", "and\u{301}", "card_", "_in"]
        for word in words {
            XCTAssertEqual(ExpressionParser.isReservedWord(word), ExpressionParser.reservedWords.contains(word), word)
            // A bridged or sliced string may have no contiguous UTF-8: the String path must agree.
            XCTAssertEqual(Token.Kind(reservedWord: word) != nil, ExpressionParser.reservedWords.contains(word), word)
        }
    }
}

final class ByteScanTests: XCTestCase {
    /// The word-at-a-time scans agree with a byte loop at every length and
    /// position (the tail after the last full word included).
    func testScansAgreeWithAByteLoop() {
        let alphabet: [UInt8] = [0x00, 0x01, 0x0D, 0x0A, 0x20, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5000 {
            // Mostly plain letters, so that hits are rare and land anywhere.
            let bytes = (0..<next(40)).map { _ in next(6) == 0 ? alphabet[next(alphabet.count)] : UInt8(ascii: "a") + UInt8(next(26)) }
            let offset = next(8)
            let padded = [UInt8](repeating: 0x41, count: offset) + bytes
            padded.withUnsafeBufferPointer { buffer in
                let slice = UnsafeBufferPointer(rebasing: buffer[offset...])
                XCTAssertEqual(ByteScan.contains(0x7B, or: 0x7D, in: slice), bytes.contains { $0 == 0x7B || $0 == 0x7D }, "\(bytes)")
                XCTAssertEqual(ByteScan.containsNonASCII(or: 0x0D, in: slice), bytes.contains { $0 >= 0x80 || $0 == 0x0D }, "\(bytes)")
            }
        }
    }
}
