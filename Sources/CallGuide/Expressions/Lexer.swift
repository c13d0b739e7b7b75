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
