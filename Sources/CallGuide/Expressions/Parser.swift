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
    /// script is checked, and the words are few and short, so their length
    /// and a comparison or two decide.
    public static func isReservedWord(_ text: String) -> Bool {
        switch text.utf8.count {
        case 2: return text == "or" || text == "in"
        case 3: return text == "and" || text == "not"
        case 4: return text == "card" || text == "call" || text == "true" || text == "null"
        case 5: return text == "false"
        case 6: return text == "answer"
        default: return false
        }
    }

    /// How deeply parentheses, brackets, calls, `not` and unary `-` may nest.
    public static let maximumNesting = 64
    /// How deep the syntax tree may grow (long operator chains count too), so
    /// that evaluating and checking it can never overflow the stack.
    public static let maximumTreeDepth = 256

    /// Parses one expression; the whole text must be used.
    public static func parse(_ source: String) throws(ExpressionSyntaxError) -> Expression {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        return try parser.parseExpression(source: source)
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
    let tokens: [Token]
    var index = 0
    var nesting = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    var current: Token { tokens[min(index, tokens.count - 1)] }

    mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }
    func isKeyword(_ word: String) -> Bool { current.kind == .keyword(word) }

    mutating func parseExpression(source: String) throws(ExpressionSyntaxError) -> Expression {
        if current.kind == .end { throw ExpressionSyntaxError("expected an expression", offset: current.offset) }
        let start = current.offset
        let parsed = try parseOr()
        if current.kind != .end {
            if isSymbol(")") { throw ExpressionSyntaxError("unexpected ')' with no '(' before it", offset: current.offset) }
            throw ExpressionSyntaxError("unexpected \(describe(current)) after the expression", offset: current.offset)
        }
        return Expression(source: source, root: parsed.node, startOffset: start)
    }

    func describe(_ token: Token) -> String {
        token.kind == .end ? "end of expression" : "'\(token.text)'"
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
        throw ExpressionSyntaxError("expected an expression after '\(op.text)'", offset: current.offset)
    }

    func startsOperand(_ token: Token) -> Bool {
        switch token.kind {
        case .number, .string, .identifier: return true
        case .keyword(let word): return !["and", "or", "in"].contains(word)
        case .symbol(let s): return s == "(" || s == "[" || s == "-"
        case .end: return false
        }
    }

    mutating func parseOr() throws(ExpressionSyntaxError) -> Parsed {
        var left = try parseAnd()
        while isKeyword("or") {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseAnd() }
            left = try binary(.or, left, right, at: op.offset)
        }
        return left
    }

    mutating func parseAnd() throws(ExpressionSyntaxError) -> Parsed {
        var left = try parseNot()
        while isKeyword("and") {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseNot() }
            left = try binary(.and, left, right, at: op.offset)
        }
        return left
    }

    mutating func parseNot() throws(ExpressionSyntaxError) -> Parsed {
        guard isKeyword("not") else { return try parseComparison() }
        let op = advance()
        try enterNesting(at: op.offset)
        let operand = try self.operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseNot() }
        nesting -= 1
        return Parsed(node: .unary(.not, operand.node, offset: op.offset), depth: operand.depth + 1)
    }

    static let comparisonSymbols: [String: BinaryOperator] = [
        "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]

    func comparisonOperator() -> BinaryOperator? {
        if case .symbol(let s) = current.kind { return Parser.comparisonSymbols[s] }
        return nil
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
        while isKeyword("in") {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseAdditive() }
            left = try binary(.in, left, right, at: op.offset)
        }
        return left
    }

    mutating func parseAdditive() throws(ExpressionSyntaxError) -> Parsed {
        var left = try parseMultiplicative()
        while isSymbol("+") || isSymbol("-") {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseMultiplicative() }
            left = try binary(op.text == "+" ? .plus : .minus, left, right, at: op.offset)
        }
        return left
    }

    mutating func parseMultiplicative() throws(ExpressionSyntaxError) -> Parsed {
        var left = try parseUnary()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseUnary() }
            let kind: BinaryOperator = op.text == "*" ? .times : op.text == "/" ? .divide : .remainder
            left = try binary(kind, left, right, at: op.offset)
        }
        return left
    }

    mutating func parseUnary() throws(ExpressionSyntaxError) -> Parsed {
        guard isSymbol("-") else { return try parsePrimary() }
        let op = advance()
        try enterNesting(at: op.offset)
        let operand = try self.operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseUnary() }
        nesting -= 1
        return Parsed(node: .unary(.negate, operand.node, offset: op.offset), depth: operand.depth + 1)
    }

    mutating func parsePrimary() throws(ExpressionSyntaxError) -> Parsed {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return Parsed(node: .literal(.number(value), offset: token.offset), depth: 1)
        case .string(let value):
            _ = advance()
            return Parsed(node: .literal(.string(value), offset: token.offset), depth: 1)
        case .keyword("true"), .keyword("false"):
            _ = advance()
            return Parsed(node: .literal(.bool(token.text == "true"), offset: token.offset), depth: 1)
        case .keyword("null"):
            _ = advance()
            return Parsed(node: .literal(.null, offset: token.offset), depth: 1)
        case .keyword("answer"):
            _ = advance()
            if isSymbol("(") { throw ExpressionSyntaxError("'answer' is not a function", offset: token.offset) }
            return Parsed(node: .name(.answer, offset: token.offset), depth: 1)
        case .keyword("card"), .keyword("call"):
            _ = advance()
            let field = try fieldName(after: token)
            let name: QualifiedName = token.text == "card" ? .card(field) : .call(field)
            return Parsed(node: .name(name, offset: token.offset), depth: 1)
        case .keyword("not"):
            throw ExpressionSyntaxError("put 'not ...' in parentheses here", offset: token.offset)
        case .keyword(let word):
            throw ExpressionSyntaxError("'\(word)' is a reserved word and cannot start an expression here", offset: token.offset)
        case .identifier(let name):
            _ = advance()
            if isSymbol("(") { return try functionCall(name, at: token.offset) }
            return Parsed(node: .name(.plain(name), offset: token.offset), depth: 1)
        case .symbol("("):
            _ = advance()
            try enterNesting(at: token.offset)
            let inner = try operand(after: token) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseOr() }
            try expectClosing(")", opening: token)
            nesting -= 1
            return inner
        case .symbol("["):
            _ = advance()
            try enterNesting(at: token.offset)
            let items = try sequence(closing: "]", opening: token)
            nesting -= 1
            let depth = (items.map(\.depth).max() ?? 0) + 1
            return Parsed(node: .list(items.map(\.node), offset: token.offset), depth: depth)
        case .symbol(let s):
            throw ExpressionSyntaxError("expected an expression, but found '\(s)'", offset: token.offset)
        case .end:
            throw ExpressionSyntaxError("expected an expression", offset: token.offset)
        }
    }

    mutating func fieldName(after word: Token) throws(ExpressionSyntaxError) -> String {
        guard isSymbol(".") else {
            throw ExpressionSyntaxError("expected '.' and a field name after '\(word.text)', e.g. \(word.text).\(word.text == "card" ? "name" : "operator")", offset: current.offset)
        }
        _ = advance()
        switch current.kind {
        case .identifier(let field), .keyword(let field):
            _ = advance()
            return field
        default:
            throw ExpressionSyntaxError("expected a field name after '\(word.text).'", offset: current.offset)
        }
    }

    mutating func functionCall(_ name: String, at offset: Int) throws(ExpressionSyntaxError) -> Parsed {
        let opening = advance()
        try enterNesting(at: opening.offset)
        let arguments = try sequence(closing: ")", opening: opening)
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
    mutating func sequence(closing: String, opening: Token) throws(ExpressionSyntaxError) -> [Parsed] {
        var items: [Parsed] = []
        if isSymbol(closing) {
            _ = advance()
            return items
        }
        while true {
            if current.kind == .end { throw ExpressionSyntaxError("unclosed '\(opening.text)'", offset: opening.offset) }
            if !startsOperand(current) {
                throw ExpressionSyntaxError("expected an expression, but found \(describe(current))", offset: current.offset)
            }
            items.append(try parseOr())
            if isSymbol(",") {
                let comma = advance()
                if isSymbol(closing) || current.kind == .end {
                    throw ExpressionSyntaxError("expected an expression after ','", offset: current.offset)
                }
                _ = comma
                continue
            }
            try expectClosing(closing, opening: opening)
            return items
        }
    }

    mutating func expectClosing(_ closing: String, opening: Token) throws(ExpressionSyntaxError) {
        if isSymbol(closing) {
            _ = advance()
            return
        }
        if current.kind == .end { throw ExpressionSyntaxError("unclosed '\(opening.text)'", offset: opening.offset) }
        throw ExpressionSyntaxError("expected '\(closing)' but found \(describe(current))", offset: current.offset)
    }
}
