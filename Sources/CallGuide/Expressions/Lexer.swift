import Foundation

/// A token of the expression language: what it is and where it is. It
/// holds no text: the parser reads names, strings and numbers from the
/// source (`TokenSource`) only for the tokens the syntax tree keeps, and a
/// token without references is copied for free (the parser copies the
/// current token at every precedence level).
struct Token: Sendable, Equatable {
    enum Kind: UInt8, Sendable {
        case number, string, identifier
        /// The reserved words (`ExpressionParser.reservedWords`).
        case answerWord, cardWord, callWord, trueWord, falseWord, nullWord, andWord, orWord, notWord, inWord
        case leftParenthesis, rightParenthesis, leftBracket, rightBracket, comma, dot
        case plus, minus, times, divide, remainder
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case end

        var isReservedWord: Bool { (Kind.answerWord.rawValue...Kind.inWord.rawValue).contains(rawValue) }

        /// The reserved word `word` is, or nil.
        init?(reservedWord word: String) {
            switch word {
            case "answer": self = .answerWord
            case "card": self = .cardWord
            case "call": self = .callWord
            case "true": self = .trueWord
            case "false": self = .falseWord
            case "null": self = .nullWord
            case "and": self = .andWord
            case "or": self = .orWord
            case "not": self = .notWord
            case "in": self = .inWord
            default: return nil
            }
        }

        /// The reserved word the UTF-8 bytes spell, or nil, without making
        /// a String: the length and first letter leave at most two words to compare.
        init?(reservedWord word: UnsafeBufferPointer<UInt8>) {
            func spells(_ literal: StaticString) -> Bool {
                guard let base = word.baseAddress else { return false }
                return memcmp(literal.utf8Start, base, word.count) == 0
            }
            guard let first = word.first else { return nil }
            let kind: Kind?
            switch (word.count, first) {
            case (2, UInt8(ascii: "o")): kind = spells("or") ? .orWord : nil
            case (2, UInt8(ascii: "i")): kind = spells("in") ? .inWord : nil
            case (3, UInt8(ascii: "a")): kind = spells("and") ? .andWord : nil
            case (3, UInt8(ascii: "n")): kind = spells("not") ? .notWord : nil
            case (4, UInt8(ascii: "c")): kind = spells("card") ? .cardWord : spells("call") ? .callWord : nil
            case (4, UInt8(ascii: "t")): kind = spells("true") ? .trueWord : nil
            case (4, UInt8(ascii: "n")): kind = spells("null") ? .nullWord : nil
            case (5, UInt8(ascii: "f")): kind = spells("false") ? .falseWord : nil
            case (6, UInt8(ascii: "a")): kind = spells("answer") ? .answerWord : nil
            default: kind = nil
            }
            guard let kind else { return nil }
            self = kind
        }

        /// The spelling of a reserved word or symbol; empty for the others.
        var spelling: String {
            switch self {
            case .number, .string, .identifier, .end: return ""
            case .answerWord: return "answer"
            case .cardWord: return "card"
            case .callWord: return "call"
            case .trueWord: return "true"
            case .falseWord: return "false"
            case .nullWord: return "null"
            case .andWord: return "and"
            case .orWord: return "or"
            case .notWord: return "not"
            case .inWord: return "in"
            case .leftParenthesis: return "("
            case .rightParenthesis: return ")"
            case .leftBracket: return "["
            case .rightBracket: return "]"
            case .comma: return ","
            case .dot: return "."
            case .plus: return "+"
            case .minus: return "-"
            case .times: return "*"
            case .divide: return "/"
            case .remainder: return "%"
            case .equal: return "=="
            case .notEqual: return "!="
            case .less: return "<"
            case .lessOrEqual: return "<="
            case .greater: return ">"
            case .greaterOrEqual: return ">="
            }
        }
    }

    let kind: Kind
    /// The Character offset where the token starts. It is also the index of
    /// its first element in the `TokenSource` (a byte there is a Character).
    let offset: Int
    /// The length in Characters (elements of the `TokenSource`).
    let length: Int

    var range: Range<Int> { offset..<offset + length }
}

/// The text the tokens were read from, for the texts of the tokens the
/// syntax tree keeps: bytes when `ASCIILexer` read them, else Characters.
enum TokenSource {
    case bytes(UnsafeBufferPointer<UInt8>)
    case characters([Character])

    /// The token as written.
    func text(_ token: Token) -> String {
        switch self {
        case .bytes(let bytes): return String(decoding: UnsafeBufferPointer(rebasing: bytes[token.range]), as: UTF8.self)
        case .characters(let characters): return String(characters[token.range])
        }
    }

    /// The value of a number token (the lexer has checked that it has one).
    func number(_ token: Token) -> Decimal? {
        switch self {
        case .bytes(let bytes):
            // A whole number of up to 18 digits is exactly an Int, and
            // Decimal(Int) is the very value Decimal(string:) reads, only faster.
            let digits = bytes[token.range]
            if digits.count <= 18, !digits.contains(UInt8(ascii: ".")) {
                var integer = 0
                for digit in digits { integer = integer * 10 + Int(digit &- UInt8(ascii: "0")) }
                return Decimal(integer)
            }
            return Decimal(plainText: text(token))
        case .characters:
            return Decimal(plainText: text(token))
        }
    }

    /// The value of a string token: the text between the quotes with its
    /// escapes replaced (the lexer has checked them).
    func string(_ token: Token) -> String {
        let inner = token.offset + 1..<token.offset + token.length - 1
        switch self {
        case .bytes(let bytes):
            let body = bytes[inner]
            if !body.contains(UInt8(ascii: "\\")) {
                return String(decoding: UnsafeBufferPointer(rebasing: body), as: UTF8.self)
            }
            var value: [UInt8] = []
            value.reserveCapacity(body.count)
            var i = inner.lowerBound
            while i < inner.upperBound {
                var c = bytes[i]
                if c == UInt8(ascii: "\\"), i + 1 < inner.upperBound {
                    i += 1
                    c = bytes[i] == UInt8(ascii: "n") ? 0x0A : bytes[i]
                }
                value.append(c)
                i += 1
            }
            return String(decoding: value, as: UTF8.self)
        case .characters(let characters):
            var value = ""
            var i = inner.lowerBound
            while i < inner.upperBound {
                var c = characters[i]
                if c == "\\", i + 1 < inner.upperBound {
                    i += 1
                    c = characters[i] == "n" ? "\n" : characters[i]
                }
                value.append(c)
                i += 1
            }
            return value
        }
    }
}

/// Splits expression source into tokens, Character by Character. Offsets
/// count Characters.
struct Lexer {
    private let characters: [Character]
    private var position = 0

    private init(_ characters: [Character]) {
        self.characters = characters
    }

    static func tokenize(_ characters: [Character]) throws(ExpressionSyntaxError) -> [Token] {
        var lexer = Lexer(characters)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        let index = position + ahead
        return index < characters.count ? characters[index] : nil
    }

    private func token(_ kind: Token.Kind, from start: Int) -> Token {
        Token(kind: kind, offset: start, length: position - start)
    }

    private mutating func next() throws(ExpressionSyntaxError) -> Token {
        while let c = peek(), c.isWhitespace { position += 1 }
        let start = position
        guard let c = peek() else { return token(.end, from: start) }

        if c.isASCII && c.isNumber { return try number() }
        if c == "'" || c == "\"" { return try string(quote: c) }
        if ExpressionParser.isIdentifierStart(c) {
            while let d = peek(), ExpressionParser.isIdentifierContinuation(d) { position += 1 }
            let word = String(characters[start..<position])
            return token(Token.Kind(reservedWord: word) ?? .identifier, from: start)
        }

        let twoCharacterKind: Token.Kind?
        switch (c, peek(1)) {
        case ("=", "="?): twoCharacterKind = .equal
        case ("!", "="?): twoCharacterKind = .notEqual
        case ("<", "="?): twoCharacterKind = .lessOrEqual
        case (">", "="?): twoCharacterKind = .greaterOrEqual
        case ("&", "&"?): throw ExpressionSyntaxError("unknown operator '&&'; write 'and'", offset: start)
        case ("|", "|"?): throw ExpressionSyntaxError("unknown operator '||'; write 'or'", offset: start)
        default: twoCharacterKind = nil
        }
        if let twoCharacterKind {
            position += 2
            return token(twoCharacterKind, from: start)
        }
        let kind: Token.Kind
        switch c {
        case "(": kind = .leftParenthesis
        case ")": kind = .rightParenthesis
        case "[": kind = .leftBracket
        case "]": kind = .rightBracket
        case ",": kind = .comma
        case ".": kind = .dot
        case "+": kind = .plus
        case "-": kind = .minus
        case "*": kind = .times
        case "/": kind = .divide
        case "%": kind = .remainder
        case "<": kind = .less
        case ">": kind = .greater
        case "=": throw ExpressionSyntaxError("unknown character '='; to compare, write '=='", offset: start)
        case "!": throw ExpressionSyntaxError("unknown character '!'; write 'not' or '!='", offset: start)
        default: throw ExpressionSyntaxError("unknown character '\(c)'", offset: start)
        }
        position += 1
        return token(kind, from: start)
    }

    private mutating func number() throws(ExpressionSyntaxError) -> Token {
        let start = position
        while let d = peek(), d.isASCII && d.isNumber { position += 1 }
        if peek() == ".", let d = peek(1), d.isASCII && d.isNumber {
            position += 1
            while let d = peek(), d.isASCII && d.isNumber { position += 1 }
        }
        let text = String(characters[start..<position])
        guard Decimal(plainText: text) != nil else {
            throw ExpressionSyntaxError("number '\(text)' is too large", offset: start)
        }
        return token(.number, from: start)
    }

    /// Checks a string literal; `TokenSource.string` reads its value.
    private mutating func string(quote: Character) throws(ExpressionSyntaxError) -> Token {
        let start = position
        position += 1
        while true {
            guard let c = peek() else {
                throw ExpressionSyntaxError("unterminated string", offset: start)
            }
            position += 1
            if c == quote { break }
            if c == "\\" {
                guard let escaped = peek() else {
                    throw ExpressionSyntaxError("unterminated string", offset: start)
                }
                switch escaped {
                case "\\", "'", "\"", "n": break
                default:
                    throw ExpressionSyntaxError(
                        "unknown escape '\\\(escaped)' in a string; use \\\\, \\', \\\" or \\n", offset: position - 1)
                }
                position += 1
            }
        }
        return token(.string, from: start)
    }
}

/// The lexer for ASCII text without CR (where every byte is one Character),
/// working on UTF-8 bytes: the same tokens, offsets and errors as `Lexer`,
/// without splitting the text into Characters first.
struct ASCIILexer {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether `Lexer` and this lexer agree on the text: ASCII without CR
    /// (CR LF would be one Character).
    static func canLex(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !ByteScan.containsNonASCII(or: 0x0D, in: bytes)
    }

    /// The tokens of a text `canLex` accepts.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) throws(ExpressionSyntaxError) -> [Token] {
        let result = Result<[Token], ExpressionSyntaxError> { () throws(ExpressionSyntaxError) in
            var tokens: [Token] = []
            tokens.reserveCapacity(bytes.count + 1)
            var lexer = ASCIILexer(bytes)
            while true {
                let token = try lexer.next()
                tokens.append(token)
                if token.kind == .end { return tokens }
            }
        }
        return try result.get()
    }

    /// Lexes a text `canLex` accepts into `buffer`, which must hold
    /// `bytes.count + 1` tokens (every token but the end takes a byte),
    /// and returns how many there are. A buffer on the stack spares the
    /// token array's allocation.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<Token>) throws(ExpressionSyntaxError) -> Int {
        var lexer = ASCIILexer(bytes)
        var count = 0
        while count < buffer.count {
            let token = try lexer.next()
            buffer.initializeElement(at: count, to: token)
            count += 1
            if token.kind == .end { return count }
        }
        // Unreachable with a large enough buffer; an error beats a crash.
        throw ExpressionSyntaxError("expression is too long or nested too deeply", offset: lexer.position)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let index = position + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func token(_ kind: Token.Kind, from start: Int) -> Token {
        Token(kind: kind, offset: start, length: position - start)
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private mutating func next() throws(ExpressionSyntaxError) -> Token {
        while let c = peek(), Self.isWhitespace(c) { position += 1 }
        let start = position
        guard let c = peek() else { return token(.end, from: start) }

        if Self.isDigit(c) { return try number() }
        if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") { return try string(quote: c) }
        if c == UInt8(ascii: "_") || Self.isLetter(c) {
            while let d = peek(), d == UInt8(ascii: "_") || Self.isLetter(d) || Self.isDigit(d) { position += 1 }
            return token(reservedWord(start..<position) ?? .identifier, from: start)
        }

        let twoCharacterKind: Token.Kind?
        switch (c, peek(1)) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")?): twoCharacterKind = .equal
        case (UInt8(ascii: "!"), UInt8(ascii: "=")?): twoCharacterKind = .notEqual
        case (UInt8(ascii: "<"), UInt8(ascii: "=")?): twoCharacterKind = .lessOrEqual
        case (UInt8(ascii: ">"), UInt8(ascii: "=")?): twoCharacterKind = .greaterOrEqual
        case (UInt8(ascii: "&"), UInt8(ascii: "&")?):
            throw ExpressionSyntaxError("unknown operator '&&'; write 'and'", offset: start)
        case (UInt8(ascii: "|"), UInt8(ascii: "|")?):
            throw ExpressionSyntaxError("unknown operator '||'; write 'or'", offset: start)
        default: twoCharacterKind = nil
        }
        if let twoCharacterKind {
            position += 2
            return token(twoCharacterKind, from: start)
        }
        let kind: Token.Kind
        switch c {
        case UInt8(ascii: "("): kind = .leftParenthesis
        case UInt8(ascii: ")"): kind = .rightParenthesis
        case UInt8(ascii: "["): kind = .leftBracket
        case UInt8(ascii: "]"): kind = .rightBracket
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: "."): kind = .dot
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"): kind = .times
        case UInt8(ascii: "/"): kind = .divide
        case UInt8(ascii: "%"): kind = .remainder
        case UInt8(ascii: "<"): kind = .less
        case UInt8(ascii: ">"): kind = .greater
        case UInt8(ascii: "="):
            throw ExpressionSyntaxError("unknown character '='; to compare, write '=='", offset: start)
        case UInt8(ascii: "!"):
            throw ExpressionSyntaxError("unknown character '!'; write 'not' or '!='", offset: start)
        default:
            throw ExpressionSyntaxError("unknown character '\(text(start..<start + 1))'", offset: start)
        }
        position += 1
        return token(kind, from: start)
    }

    private func reservedWord(_ range: Range<Int>) -> Token.Kind? {
        Token.Kind(reservedWord: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    private mutating func number() throws(ExpressionSyntaxError) -> Token {
        let start = position
        var whole = true
        while let d = peek(), Self.isDigit(d) { position += 1 }
        if peek() == UInt8(ascii: "."), let d = peek(1), Self.isDigit(d) {
            whole = false
            position += 1
            while let d = peek(), Self.isDigit(d) { position += 1 }
        }
        // Up to 18 digits are an Int (see `TokenSource.number`); only
        // longer numbers can be out of range.
        if !whole || position - start > 18 {
            let text = text(start..<position)
            guard Decimal(plainText: text) != nil else {
                throw ExpressionSyntaxError("number '\(text)' is too large", offset: start)
            }
        }
        return token(.number, from: start)
    }

    /// Checks a string literal; `TokenSource.string` reads its value.
    private mutating func string(quote: UInt8) throws(ExpressionSyntaxError) -> Token {
        let start = position
        position += 1
        while true {
            guard let c = peek() else {
                throw ExpressionSyntaxError("unterminated string", offset: start)
            }
            position += 1
            if c == quote { break }
            if c == UInt8(ascii: "\\") {
                guard let escaped = peek() else {
                    throw ExpressionSyntaxError("unterminated string", offset: start)
                }
                switch escaped {
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "n"): break
                default:
                    throw ExpressionSyntaxError(
                        "unknown escape '\\\(text(position..<position + 1))' in a string; use \\\\, \\', \\\" or \\n", offset: position - 1)
                }
                position += 1
            }
        }
        return token(.string, from: start)
    }
}

/// Byte tests eight bytes at a time: every text of a script is scanned for
/// braces and every hole and expression for non-ASCII bytes, and a byte
/// loop was most of a plain text's cost.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether one of the eight bytes of `word` is zero (exact: a borrow
    /// can only mark bytes above a zero byte).
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highBits != 0
    }

    /// Whether any byte is `a` or `b`.
    static func contains(_ a: UInt8, or b: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let spreadA = ones &* UInt64(a), spreadB = ones &* UInt64(b)
        var i = 0
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if hasZeroByte(word ^ spreadA) || hasZeroByte(word ^ spreadB) { return true }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] == a || bytes[i] == b { return true }
            i += 1
        }
        return false
    }

    /// Whether any byte is not ASCII or is `byte`.
    static func containsNonASCII(or byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let spread = ones &* UInt64(byte)
        var i = 0
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if word & highBits != 0 || hasZeroByte(word ^ spread) { return true }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] >= 0x80 || bytes[i] == byte { return true }
            i += 1
        }
        return false
    }
}
