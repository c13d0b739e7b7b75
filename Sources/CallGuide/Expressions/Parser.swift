/// A syntax error (E007) at a character offset within the expression or text.
public struct ExpressionSyntaxError: Error, Sendable, Hashable {
    public let message: String
    public let offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}

public enum ExpressionParser {
    /// Words that cannot be used as names (script language, section 1.1).
    public static let reservedWords: Set<String> = [
        "answer", "card", "call", "true", "false", "null", "and", "or", "not", "in",
    ]

    /// `reservedWords.contains(text)` without hashing: every name of a
    /// script is checked, and the words are few and short, so their length,
    /// first letter and a byte comparison or two decide.
    public static func isReservedWord(_ text: String) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable({ Token.Kind(reservedWord: $0) != nil }) {
            return answer
        }
        return Token.Kind(reservedWord: text) != nil
    }

    /// How deeply parentheses, brackets, calls, `not` and unary `-` may nest.
    public static let maximumNesting = 64
    /// How deep the syntax tree may grow (long operator chains count too), so
    /// that evaluating and checking it can never overflow the stack.
    public static let maximumTreeDepth = 256

    /// Parses one expression; the whole text must be used.
    public static func parse(_ source: String) throws(ExpressionSyntaxError) -> Expression {
        try parse(source, allowingByteLexer: true)
    }

    /// `parse`; with `allowingByteLexer` false, ASCII text takes the
    /// Character path too (tests check that both paths agree).
    static func parse(_ source: String, allowingByteLexer: Bool) throws(ExpressionSyntaxError) -> Expression {
        // Most expressions are ASCII: there a byte is a Character, so the
        // bytes can be lexed directly with the same offsets.
        var text = source
        let parsed: Result<Expression, ExpressionSyntaxError>? = text.withUTF8 { bytes in
            guard allowingByteLexer, ASCIILexer.canLex(bytes) else { return nil }
            return withUnsafeTemporaryAllocation(of: Token.self, capacity: bytes.count + 1) { buffer in
                Result { () throws(ExpressionSyntaxError) -> Expression in
                    let count = try ASCIILexer.tokenize(bytes, into: buffer)
                    var parser = Parser(tokens: UnsafeBufferPointer(rebasing: buffer[..<count]), source: .bytes(bytes))
                    return try parser.parseExpression(source: source)
                }
            }
        }
        if let parsed { return try parsed.get() }
        let characters = Array(source)
        let tokens = try Lexer.tokenize(characters)
        let result = tokens.withUnsafeBufferPointer { tokens in
            Result { () throws(ExpressionSyntaxError) -> Expression in
                var parser = Parser(tokens: tokens, source: .characters(characters))
                return try parser.parseExpression(source: source)
            }
        }
        return try result.get()
    }

    /// Whether `text` is an identifier: a letter or `_`, then letters, digits
    /// or `_` (Unicode letters allowed). Reserved words are identifiers too;
    /// check `reservedWords` separately.
    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, isIdentifierStart(first) else { return false }
        return text.dropFirst().allSatisfy(isIdentifierContinuation)
    }

    static func isIdentifierStart(_ c: Character) -> Bool {
        if let ascii = c.asciiValue { return ascii == UInt8(ascii: "_") || isASCIILetter(ascii) }
        return c.isLetter
    }

    static func isIdentifierContinuation(_ c: Character) -> Bool {
        if let ascii = c.asciiValue {
            return ascii == UInt8(ascii: "_") || isASCIILetter(ascii) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii)
        }
        return c.isLetter || c.isNumber
    }

    /// The Unicode letter test, answered without Unicode tables for ASCII.
    private static func isASCIILetter(_ ascii: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(ascii) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(ascii)
    }
}

/// A subtree and its depth.
private struct Parsed {
    var node: ExpressionNode
    var depth: Int
}

/// A recursive-descent parser, one function per precedence level, loosest first.
private struct Parser {
    /// Ends with an `.end` token, which `advance` never passes. The
    /// tokens live only while the source is parsed.
    let tokens: UnsafeBufferPointer<Token>
    let source: TokenSource
    var index = 0
    var nesting = 0

    init(tokens: UnsafeBufferPointer<Token>, source: TokenSource) {
        self.tokens = tokens
        self.source = source
    }

    var current: Token { tokens[index] }

    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func isCurrent(_ kind: Token.Kind) -> Bool { tokens[index].kind == kind }

    mutating func parseExpression(source: String) throws(ExpressionSyntaxError) -> Expression {
        if current.kind == .end { throw ExpressionSyntaxError("expected an expression", offset: current.offset) }
        let start = current.offset
        let parsed = try parseOr()
        if current.kind != .end {
            if isCurrent(.rightParenthesis) { throw ExpressionSyntaxError("unexpected ')' with no '(' before it", offset: current.offset) }
            throw ExpressionSyntaxError("unexpected \(describe(current)) after the expression", offset: current.offset)
        }
        return Expression(source: source, root: parsed.node, startOffset: start)
    }

    /// The token as written, for messages.
    func text(_ token: Token) -> String {
        switch token.kind {
        case .number, .string, .identifier, .end: return self.source.text(token)
        default: return token.kind.spelling
        }
    }

    func describe(_ token: Token) -> String {
        token.kind == .end ? "end of expression" : "'\(text(token))'"
    }

    func binary(_ op: BinaryOperator, _ left: Parsed, _ right: Parsed, at offset: Int) throws(ExpressionSyntaxError) -> Parsed {
        let depth = max(left.depth, right.depth) + 1
        if depth > ExpressionParser.maximumTreeDepth {
            throw ExpressionSyntaxError("expression is too long or nested too deeply", offset: offset)
        }
        return Parsed(node: .binary(op, left.node, right.node, offset: offset), depth: depth)
    }

    mutating func enterNesting(at offset: Int) throws(ExpressionSyntaxError) {
        nesting += 1
        if nesting > ExpressionParser.maximumNesting {
            throw ExpressionSyntaxError(
                "expression is nested too deeply (more than \(ExpressionParser.maximumNesting) levels)", offset: offset)
        }
    }

    /// Parses the operand after an operator, with a clear message when it is missing.
    mutating func operand(after op: Token, _ parse: (inout Parser) throws(ExpressionSyntaxError) -> Parsed) throws(ExpressionSyntaxError) -> Parsed {
        if startsOperand(current) { return try parse(&self) }
        throw ExpressionSyntaxError("expected an expression after '\(text(op))'", offset: current.offset)
    }

    func startsOperand(_ token: Token) -> Bool {
        switch token.kind {
        case .number, .string, .identifier: return true
        case .andWord, .orWord, .inWord: return false
        case .leftParenthesis, .leftBracket, .minus: return true
        case .end: return false
        default: return token.kind.isReservedWord
        }
    }

    mutating func parseOr() throws(ExpressionSyntaxError) -> Parsed {
        var left = try parseAnd()
        while isCurrent(.orWord) {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseAnd() }
            left = try binary(.or, left, right, at: op.offset)
        }
        return left
    }

    mutating func parseAnd() throws(ExpressionSyntaxError) -> Parsed {
        var left = try parseNot()
        while isCurrent(.andWord) {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseNot() }
            left = try binary(.and, left, right, at: op.offset)
        }
        return left
    }

    mutating func parseNot() throws(ExpressionSyntaxError) -> Parsed {
        guard isCurrent(.notWord) else { return try parseComparison() }
        let op = advance()
        try enterNesting(at: op.offset)
        let operand = try self.operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseNot() }
        nesting -= 1
        return Parsed(node: .unary(.not, operand.node, offset: op.offset), depth: operand.depth + 1)
    }

    func comparisonOperator() -> BinaryOperator? {
        switch current.kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    mutating func parseComparison() throws(ExpressionSyntaxError) -> Parsed {
        let left = try parseIn()
        guard let op = comparisonOperator() else { return left }
        let token = advance()
        let right = try operand(after: token) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseIn() }
        if comparisonOperator() != nil {
            throw ExpressionSyntaxError("comparisons do not chain; use 'and'", offset: current.offset)
        }
        return try binary(op, left, right, at: token.offset)
    }

    mutating func parseIn() throws(ExpressionSyntaxError) -> Parsed {
        var left = try parseAdditive()
        while isCurrent(.inWord) {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseAdditive() }
            left = try binary(.in, left, right, at: op.offset)
        }
        return left
    }

    mutating func parseAdditive() throws(ExpressionSyntaxError) -> Parsed {
        var left = try parseMultiplicative()
        while true {
            let kind: BinaryOperator
            switch current.kind {
            case .plus: kind = .plus
            case .minus: kind = .minus
            default: return left
            }
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseMultiplicative() }
            left = try binary(kind, left, right, at: op.offset)
        }
    }

    mutating func parseMultiplicative() throws(ExpressionSyntaxError) -> Parsed {
        var left = try parseUnary()
        while true {
            let kind: BinaryOperator
            switch current.kind {
            case .times: kind = .times
            case .divide: kind = .divide
            case .remainder: kind = .remainder
            default: return left
            }
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseUnary() }
            left = try binary(kind, left, right, at: op.offset)
        }
    }

    mutating func parseUnary() throws(ExpressionSyntaxError) -> Parsed {
        guard isCurrent(.minus) else { return try parsePrimary() }
        let op = advance()
        try enterNesting(at: op.offset)
        let operand = try self.operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseUnary() }
        nesting -= 1
        return Parsed(node: .unary(.negate, operand.node, offset: op.offset), depth: operand.depth + 1)
    }

    mutating func parsePrimary() throws(ExpressionSyntaxError) -> Parsed {
        let token = current
        switch token.kind {
        case .number:
            _ = advance()
            guard let value = source.number(token) else {
                throw ExpressionSyntaxError("number '\(text(token))' is too large", offset: token.offset)
            }
            return Parsed(node: .literal(.number(value), offset: token.offset), depth: 1)
        case .string:
            _ = advance()
            return Parsed(node: .literal(.string(source.string(token)), offset: token.offset), depth: 1)
        case .trueWord, .falseWord:
            _ = advance()
            return Parsed(node: .literal(.bool(token.kind == .trueWord), offset: token.offset), depth: 1)
        case .nullWord:
            _ = advance()
            return Parsed(node: .literal(.null, offset: token.offset), depth: 1)
        case .answerWord:
            _ = advance()
            if isCurrent(.leftParenthesis) { throw ExpressionSyntaxError("'answer' is not a function", offset: token.offset) }
            return Parsed(node: .name(.answer, offset: token.offset), depth: 1)
        case .cardWord, .callWord:
            _ = advance()
            let field = try fieldName(after: token)
            let name: QualifiedName = token.kind == .cardWord ? .card(field) : .call(field)
            return Parsed(node: .name(name, offset: token.offset), depth: 1)
        case .notWord:
            throw ExpressionSyntaxError("put 'not ...' in parentheses here", offset: token.offset)
        case .andWord, .orWord, .inWord:
            throw ExpressionSyntaxError("'\(token.kind.spelling)' is a reserved word and cannot start an expression here", offset: token.offset)
        case .identifier:
            _ = advance()
            let name = source.text(token)
            if isCurrent(.leftParenthesis) { return try functionCall(name, at: token.offset) }
            if name == "last" || name == "task" { return try versionOneOneName(name, at: token) }
            if isCurrent(.dot) { return try moduleName(name, at: token) }
            return Parsed(node: .name(.plain(name), offset: token.offset), depth: 1)
        case .leftParenthesis:
            _ = advance()
            try enterNesting(at: token.offset)
            let inner = try operand(after: token) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseOr() }
            try expectClosing(.rightParenthesis, opening: token)
            nesting -= 1
            return inner
        case .leftBracket:
            _ = advance()
            try enterNesting(at: token.offset)
            let items = try sequence(closing: .rightBracket, opening: token)
            nesting -= 1
            let depth = (items.map(\.depth).max() ?? 0) + 1
            return Parsed(node: .list(items.map(\.node), offset: token.offset), depth: depth)
        case .end:
            throw ExpressionSyntaxError("expected an expression", offset: token.offset)
        case .rightParenthesis, .rightBracket, .comma, .dot, .plus, .minus, .times, .divide, .remainder,
             .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            throw ExpressionSyntaxError("expected an expression, but found '\(token.kind.spelling)'", offset: token.offset)
        }
    }

    mutating func fieldName(after word: Token) throws(ExpressionSyntaxError) -> String {
        let spelling = word.kind.spelling
        guard isCurrent(.dot) else {
            throw ExpressionSyntaxError("expected '.' and a field name after '\(spelling)', e.g. \(spelling).\(word.kind == .cardWord ? "name" : "operator")", offset: current.offset)
        }
        _ = advance()
        let field = current
        if field.kind == .identifier || field.kind.isReservedWord {
            _ = advance()
            return text(field)
        }
        throw ExpressionSyntaxError("expected a field name after '\(spelling).'", offset: current.offset)
    }

    /// `last.NODE` or `task.FIELD` (workflow, section 2.3): `last` and
    /// `task` are names only with a field after them.
    mutating func versionOneOneName(_ word: String, at token: Token) throws(ExpressionSyntaxError) -> Parsed {
        let example = word == "last" ? "last.budget" : "task.note"
        guard isCurrent(.dot) else {
            throw ExpressionSyntaxError("'\(word)' is reserved: write '\(word).' and a \(word == "last" ? "question id" : "field"), e.g. \(example)", offset: token.offset)
        }
        _ = advance()
        let field = current
        guard field.kind == .identifier || field.kind.isReservedWord else {
            throw ExpressionSyntaxError("expected a \(word == "last" ? "question id" : "field name") after '\(word).', e.g. \(example)", offset: current.offset)
        }
        _ = advance()
        var nodeID = text(field)
        // `last.ALIAS.NODE`: a module's question (script language 9.1).
        while word == "last", isCurrent(.dot) {
            _ = advance()
            let part = current
            guard part.kind == .identifier || part.kind.isReservedWord else {
                throw ExpressionSyntaxError("expected a question id of module '\(nodeID)' after 'last.\(nodeID).', e.g. last.\(nodeID).nps", offset: current.offset)
            }
            _ = advance()
            nodeID += "." + text(part)
        }
        let name: QualifiedName = word == "last" ? .last(nodeID) : .task(nodeID)
        return Parsed(node: .name(name, offset: token.offset), depth: 1)
    }

    /// `ALIAS.NODE` (or `a.b.NODE`): a module's node or variable read from
    /// outside it (script language 9.1); a plain name with its dots.
    mutating func moduleName(_ first: String, at token: Token) throws(ExpressionSyntaxError) -> Parsed {
        var name = first
        while isCurrent(.dot) {
            _ = advance()
            let part = current
            guard part.kind == .identifier else {
                throw ExpressionSyntaxError("expected a node or variable of module '\(name)' after '\(name).', e.g. \(name).nps", offset: current.offset)
            }
            _ = advance()
            name += "." + text(part)
        }
        return Parsed(node: .name(.plain(name), offset: token.offset), depth: 1)
    }

    mutating func functionCall(_ name: String, at offset: Int) throws(ExpressionSyntaxError) -> Parsed {
        let opening = advance()
        try enterNesting(at: opening.offset)
        let arguments = try sequence(closing: .rightParenthesis, opening: opening)
        nesting -= 1
        if name == "answered" {
            guard arguments.count == 1, case .name(.plain, _) = arguments[0].node else {
                throw ExpressionSyntaxError("answered() takes a question id, e.g. answered(budget)", offset: offset)
            }
        }
        let depth = (arguments.map(\.depth).max() ?? 0) + 1
        return Parsed(node: .call(name, arguments.map(\.node), offset: offset), depth: depth)
    }

    /// Comma-separated expressions up to `closing`; `opening` has been consumed.
    mutating func sequence(closing: Token.Kind, opening: Token) throws(ExpressionSyntaxError) -> [Parsed] {
        var items: [Parsed] = []
        if isCurrent(closing) {
            _ = advance()
            return items
        }
        while true {
            if current.kind == .end { throw ExpressionSyntaxError("unclosed '\(opening.kind.spelling)'", offset: opening.offset) }
            if !startsOperand(current) {
                throw ExpressionSyntaxError("expected an expression, but found \(describe(current))", offset: current.offset)
            }
            items.append(try parseOr())
            if isCurrent(.comma) {
                _ = advance()
                if isCurrent(closing) || current.kind == .end {
                    throw ExpressionSyntaxError("expected an expression after ','", offset: current.offset)
                }
                continue
            }
            try expectClosing(closing, opening: opening)
            return items
        }
    }

    mutating func expectClosing(_ closing: Token.Kind, opening: Token) throws(ExpressionSyntaxError) {
        if isCurrent(closing) {
            _ = advance()
            return
        }
        if current.kind == .end { throw ExpressionSyntaxError("unclosed '\(opening.kind.spelling)'", offset: opening.offset) }
        throw ExpressionSyntaxError("expected '\(closing.spelling)' but found \(describe(current))", offset: current.offset)
    }
}
