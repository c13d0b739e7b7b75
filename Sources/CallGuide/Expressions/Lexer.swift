import Foundation

/// A token of the expression language, with the character offset where it
/// starts in the source.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case number(Decimal)
        case string(String)
        case identifier(String)
        /// A reserved word: `answer card call true false null and or not in`.
        case keyword(String)
        /// Punctuation and operators: `( ) [ ] , . + - * / % == != < <= > >=`.
        case symbol(String)
        case end
    }

    let kind: Kind
    let offset: Int
    /// The text as written, for messages.
    let text: String
}

/// Splits expression source into tokens. Offsets count Characters.
struct Lexer {
    private let characters: [Character]
    private var position = 0

    init(_ source: String) {
        characters = Array(source)
    }

    static func tokenize(_ source: String) throws(ExpressionSyntaxError) -> [Token] {
        // Most expressions are ASCII: there a byte is a Character, so the
        // bytes can be lexed directly with the same offsets.
        var source = source
        if let tokens = source.withUTF8({ ASCIILexer.tokenize($0) }) {
            return try tokens.get()
        }
        var lexer = Lexer(source)
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

    private mutating func next() throws(ExpressionSyntaxError) -> Token {
        while let c = peek(), c.isWhitespace { position += 1 }
        let start = position
        guard let c = peek() else { return Token(kind: .end, offset: start, text: "") }

        if c.isASCII && c.isNumber { return try number() }
        if c == "'" || c == "\"" { return try string(quote: c) }
        if ExpressionParser.isIdentifierStart(c) {
            while let d = peek(), ExpressionParser.isIdentifierContinuation(d) { position += 1 }
            let word = String(characters[start..<position])
            let kind: Token.Kind = ExpressionParser.reservedWords.contains(word) ? .keyword(word) : .identifier(word)
            return Token(kind: kind, offset: start, text: word)
        }

        // Only these can start a two-character operator; building the pair
        // for every symbol showed up in profiles.
        let two = "=!<>&|".contains(c) ? peek(1).map { String(c) + String($0) } : nil
        if let two, ["==", "!=", "<=", ">="].contains(two) {
            position += 2
            return Token(kind: .symbol(two), offset: start, text: two)
        }
        if let two, two == "&&" || two == "||" {
            let word = two == "&&" ? "and" : "or"
            throw ExpressionSyntaxError("unknown operator '\(two)'; write '\(word)'", offset: start)
        }
        if "()[],.+-*/%<>".contains(c) {
            position += 1
            return Token(kind: .symbol(String(c)), offset: start, text: String(c))
        }
        if c == "=" {
            throw ExpressionSyntaxError("unknown character '='; to compare, write '=='", offset: start)
        }
        if c == "!" {
            throw ExpressionSyntaxError("unknown character '!'; write 'not' or '!='", offset: start)
        }
        throw ExpressionSyntaxError("unknown character '\(c)'", offset: start)
    }

    private mutating func number() throws(ExpressionSyntaxError) -> Token {
        let start = position
        while let d = peek(), d.isASCII && d.isNumber { position += 1 }
        if peek() == ".", let d = peek(1), d.isASCII && d.isNumber {
            position += 1
            while let d = peek(), d.isASCII && d.isNumber { position += 1 }
        }
        let text = String(characters[start..<position])
        guard let value = Decimal(plainText: text) else {
            throw ExpressionSyntaxError("number '\(text)' is too large", offset: start)
        }
        return Token(kind: .number(value), offset: start, text: text)
    }

    private mutating func string(quote: Character) throws(ExpressionSyntaxError) -> Token {
        let start = position
        position += 1
        var value = ""
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
                case "\\", "'", "\"": value.append(escaped)
                case "n": value.append("\n")
                default:
                    throw ExpressionSyntaxError(
                        "unknown escape '\\\(escaped)' in a string; use \\\\, \\', \\\" or \\n", offset: position - 1)
                }
                position += 1
            } else {
                value.append(c)
            }
        }
        return Token(kind: .string(value), offset: start, text: String(characters[start..<position]))
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
        for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
        return true
    }

    /// The tokens, or nil when the text is not one this lexer handles.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[Token], ExpressionSyntaxError>? {
        guard canLex(bytes) else { return nil }
        var lexer = ASCIILexer(bytes)
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 3 + 2)
        do {
            while true {
                let token = try lexer.next()
                tokens.append(token)
                if case .end = token.kind { return .success(tokens) }
            }
        } catch {
            return .failure(error)
        }
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let index = position + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
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
        guard let c = peek() else { return Token(kind: .end, offset: start, text: "") }

        if Self.isDigit(c) { return try number() }
        if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") { return try string(quote: c) }
        if c == UInt8(ascii: "_") || Self.isLetter(c) {
            while let d = peek(), d == UInt8(ascii: "_") || Self.isLetter(d) || Self.isDigit(d) { position += 1 }
            let word = text(start..<position)
            let kind: Token.Kind = ExpressionParser.isReservedWord(word) ? .keyword(word) : .identifier(word)
            return Token(kind: kind, offset: start, text: word)
        }

        let second = peek(1)
        switch (c, second) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")?), (UInt8(ascii: "!"), UInt8(ascii: "=")?),
             (UInt8(ascii: "<"), UInt8(ascii: "=")?), (UInt8(ascii: ">"), UInt8(ascii: "=")?):
            position += 2
            let two = Self.twoCharacterSymbol(c)
            return Token(kind: .symbol(two), offset: start, text: two)
        case (UInt8(ascii: "&"), UInt8(ascii: "&")?):
            throw ExpressionSyntaxError("unknown operator '&&'; write 'and'", offset: start)
        case (UInt8(ascii: "|"), UInt8(ascii: "|")?):
            throw ExpressionSyntaxError("unknown operator '||'; write 'or'", offset: start)
        default:
            break
        }
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","),
             UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"),
             UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            position += 1
            let one = Self.oneCharacterSymbol(c)
            return Token(kind: .symbol(one), offset: start, text: one)
        case UInt8(ascii: "="):
            throw ExpressionSyntaxError("unknown character '='; to compare, write '=='", offset: start)
        case UInt8(ascii: "!"):
            throw ExpressionSyntaxError("unknown character '!'; write 'not' or '!='", offset: start)
        default:
            throw ExpressionSyntaxError("unknown character '\(text(start..<start + 1))'", offset: start)
        }
    }

    /// The symbol as a string literal: literals need no allocation or
    /// UTF-8 validation, unlike a String made from the bytes.
    private static func oneCharacterSymbol(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "("): return "("
        case UInt8(ascii: ")"): return ")"
        case UInt8(ascii: "["): return "["
        case UInt8(ascii: "]"): return "]"
        case UInt8(ascii: ","): return ","
        case UInt8(ascii: "."): return "."
        case UInt8(ascii: "+"): return "+"
        case UInt8(ascii: "-"): return "-"
        case UInt8(ascii: "*"): return "*"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "%"): return "%"
        case UInt8(ascii: "<"): return "<"
        default: return ">"
        }
    }

    /// `==`, `!=`, `<=` or `>=`, by the first character (see `oneCharacterSymbol`).
    private static func twoCharacterSymbol(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "="): return "=="
        case UInt8(ascii: "!"): return "!="
        case UInt8(ascii: "<"): return "<="
        default: return ">="
        }
    }

    private mutating func number() throws(ExpressionSyntaxError) -> Token {
        let start = position
        while let d = peek(), Self.isDigit(d) { position += 1 }
        if peek() == UInt8(ascii: "."), let d = peek(1), Self.isDigit(d) {
            position += 1
            while let d = peek(), Self.isDigit(d) { position += 1 }
        }
        let text = text(start..<position)
        // A whole number of up to 18 digits is exactly an Int, and
        // Decimal(Int) is the very value Decimal(string:) reads, only faster.
        if position - start <= 18, !bytes[start..<position].contains(UInt8(ascii: ".")) {
            var integer = 0
            for digit in bytes[start..<position] { integer = integer * 10 + Int(digit - UInt8(ascii: "0")) }
            return Token(kind: .number(Decimal(integer)), offset: start, text: text)
        }
        guard let value = Decimal(plainText: text) else {
            throw ExpressionSyntaxError("number '\(text)' is too large", offset: start)
        }
        return Token(kind: .number(value), offset: start, text: text)
    }

    private mutating func string(quote: UInt8) throws(ExpressionSyntaxError) -> Token {
        let start = position
        position += 1
        var value: [UInt8] = []
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
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): value.append(escaped)
                case UInt8(ascii: "n"): value.append(0x0A)
                default:
                    throw ExpressionSyntaxError(
                        "unknown escape '\\\(text(position..<position + 1))' in a string; use \\\\, \\', \\\" or \\n", offset: position - 1)
                }
                position += 1
            } else {
                value.append(c)
            }
        }
        return Token(kind: .string(String(decoding: value, as: UTF8.self)), offset: start, text: text(start..<position))
    }
}
