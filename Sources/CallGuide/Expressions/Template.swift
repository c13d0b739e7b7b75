/// A text with `{EXPR}` holes; `{{` and `}}` are literal braces.
public struct Template: Sendable {
    public enum Part: Sendable {
        case literal(String)
        /// `offset` is the character offset of the expression's first
        /// character within the template text.
        case expression(Expression, offset: Int)
    }

    /// A text without holes (by far the most common) is kept as its one
    /// literal, with no parts array: a script has thousands of texts, and
    /// each array is a heap object made at load and freed with the model.
    fileprivate enum Storage: Sendable {
        case plain(String)
        case parts([Part])
    }

    private let storage: Storage

    /// The literal runs and holes in order. A plain text is one literal;
    /// this builds an array for it, so hot paths read `plainText`, `holes`
    /// or `render` instead.
    public var parts: [Part] {
        switch storage {
        case .plain(let text): return [.literal(text)]
        case .parts(let parts): return parts
        }
    }

    public init(parts: [Part]) {
        if parts.count == 1, case .literal(let text) = parts[0] {
            storage = .plain(text)
        } else {
            storage = .parts(parts)
        }
    }

    /// A template that is one literal text, shown as it is (braces in it
    /// are literal braces, not holes).
    public init(plainText: String) {
        storage = .plain(plainText)
    }

    /// The whole text when the template is one literal run (no holes);
    /// nil otherwise.
    public var plainText: String? {
        switch storage {
        case .plain(let text): return text
        case .parts(let parts):
            if parts.count == 1, case .literal(let text) = parts[0] { return text }
            return nil
        }
    }

    /// Splits a text into literal runs and `{EXPR}` holes. The text inside a
    /// hole keeps its spaces, so an offset within the expression plus the
    /// hole's offset is an offset within the template. A `}` inside a quoted
    /// string in a hole does not close it.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Template {
        // Most texts have no braces at all: they are one literal, and
        // splitting them into Characters would be most of a script's load time.
        if !hasBrace(text) {
            return Template(plainText: text)
        }
        var text = text
        if let template = text.withUTF8({ parseASCII($0) }) {
            return try template.get()
        }
        // Offsets count Characters. When every scalar is a Character of its
        // own (Cyrillic, Latin-1, common punctuation: `simpleCharacterCount`),
        // scalars give the same offsets without breaking the text into
        // grapheme clusters.
        if text.withUTF8({ simpleCharacterCount($0) }) != nil {
            // Runs are made from the UTF-8 bytes: where each scalar starts.
            let bytes = Array(text.utf8)
            var starts: [Int] = []
            starts.reserveCapacity(bytes.count + 1)
            for index in bytes.indices where bytes[index] & 0xC0 != 0x80 { starts.append(index) }
            starts.append(bytes.count)
            return try parse(units: Array(text.unicodeScalars)) { run in
                String(decoding: bytes[starts[run.startIndex]..<starts[run.endIndex]], as: UTF8.self)
            }
        }
        return try parse(units: Array(text)) { String($0) }
    }

    /// `parse` over the text's Characters, or over its scalars when each is
    /// a Character; `string` makes a run of them a String.
    private static func parse<Unit: Equatable & ExpressibleByUnicodeScalarLiteral>(
        units characters: [Unit], string: (ArraySlice<Unit>) -> String
    ) throws(ExpressionSyntaxError) -> Template {
        var parts: [Part] = []
        var literal = ""
        // Where the literal run not yet in `literal` begins.
        var runStart = 0
        var i = 0
        while i < characters.count {
            let c = characters[i]
            guard c == "{" || c == "}" else {
                i += 1
                continue
            }
            if runStart < i { literal += string(characters[runStart..<i]) }
            if c == "}" {
                guard i + 1 < characters.count, characters[i + 1] == "}" else {
                    throw ExpressionSyntaxError("a lone '}'; write '}}' for a literal brace", offset: i)
                }
                literal.append("}")
                i += 2
                runStart = i
                continue
            }
            if i + 1 < characters.count, characters[i + 1] == "{" {
                literal.append("{")
                i += 2
                runStart = i
                continue
            }
            let open = i
            let start = i + 1
            guard let close = closingBrace(in: characters, from: start) else {
                throw ExpressionSyntaxError("unclosed '{'; write '{{' for a literal brace", offset: open)
            }
            let source = string(characters[start..<close])
            if source.allSatisfy(\.isWhitespace) {
                throw ExpressionSyntaxError("empty '{}': put an expression inside, or write '{{' and '}}' for braces", offset: open)
            }
            let expression: Expression
            do {
                expression = try ExpressionParser.parse(source)
            } catch {
                throw ExpressionSyntaxError(error.message, offset: start + error.offset)
            }
            if !literal.isEmpty {
                parts.append(.literal(literal))
                literal = ""
            }
            parts.append(.expression(expression, offset: start))
            i = close + 1
            runStart = i
        }
        if runStart < characters.count { literal += string(characters[runStart...]) }
        if parts.isEmpty { return Template(plainText: literal) }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return Template(parts: parts)
    }

    private static func hasBrace(_ text: String) -> Bool {
        return text.utf8.withContiguousStorageIfAvailable { ByteScan.contains(UInt8(ascii: "{"), or: UInt8(ascii: "}"), in: $0) }
            ?? text.utf8.contains { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }
    }

    /// `parse` for ASCII text without CR, where a byte is a Character: the
    /// same parts, offsets and errors, straight from the UTF-8 bytes. Nil
    /// for any other text.
    private static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Template, ExpressionSyntaxError>? {
        guard ASCIILexer.canLex(bytes) else { return nil }
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
        // A hole and the literal before it are two parts, and one literal
        // may follow: reserving that much spares the array's regrowth.
        var holes = 0
        for byte in bytes where byte == openBrace { holes += 1 }
        var parts: [Part] = []
        if holes > 0 { parts.reserveCapacity(2 * holes + 1) }
        var literal = ""
        var runStart = 0
        var i = 0
        let count = bytes.count
        while i < count {
            let c = bytes[i]
            guard c == openBrace || c == closeBrace else {
                i += 1
                continue
            }
            if runStart < i { literal.append(run: string(runStart..<i)) }
            if c == closeBrace {
                guard i + 1 < count, bytes[i + 1] == closeBrace else {
                    return .failure(ExpressionSyntaxError("a lone '}'; write '}}' for a literal brace", offset: i))
                }
                literal.append("}")
                i += 2
                runStart = i
                continue
            }
            if i + 1 < count, bytes[i + 1] == openBrace {
                literal.append("{")
                i += 2
                runStart = i
                continue
            }
            let open = i
            let start = i + 1
            guard let close = closingBrace(in: bytes, from: start) else {
                return .failure(ExpressionSyntaxError("unclosed '{'; write '{{' for a literal brace", offset: open))
            }
            if bytes[start..<close].allSatisfy(ASCIILexer.isWhitespace) {
                return .failure(ExpressionSyntaxError("empty '{}': put an expression inside, or write '{{' and '}}' for braces", offset: open))
            }
            let expression: Expression
            do {
                expression = try ExpressionParser.parse(string(start..<close))
            } catch {
                return .failure(ExpressionSyntaxError(error.message, offset: start + error.offset))
            }
            if !literal.isEmpty {
                parts.append(.literal(literal))
                literal = ""
            }
            parts.append(.expression(expression, offset: start))
            i = close + 1
            runStart = i
        }
        if runStart < count { literal.append(run: string(runStart..<count)) }
        if parts.isEmpty { return .success(Template(plainText: literal)) }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return .success(Template(parts: parts))
    }

    /// The index of the `}` that closes a hole, skipping quoted strings (bytes).
    private static func closingBrace(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var quote: UInt8?
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if let q = quote {
                if c == UInt8(ascii: "\\") { i += 1 } else if c == q { quote = nil }
            } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                quote = c
            } else if c == UInt8(ascii: "}") {
                return i
            }
            i += 1
        }
        return nil
    }

    /// The index of the `}` that closes a hole, skipping quoted strings.
    private static func closingBrace<Unit: Equatable & ExpressibleByUnicodeScalarLiteral>(in characters: [Unit], from start: Int) -> Int? {
        var quote: Unit?
        var i = start
        while i < characters.count {
            let c = characters[i]
            if let q = quote {
                if c == "\\" { i += 1 } else if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "}" {
                return i
            }
            i += 1
        }
        return nil
    }

    /// The holes of the template with their offsets within the template
    /// text, as an array (`holes` walks them without building one).
    public var expressions: [(expression: Expression, offset: Int)] {
        Array(holes)
    }

    /// The holes of the template with their offsets within the template
    /// text, in order; walking them makes no array, and a plain text has none.
    public var holes: Holes { Holes(storage: storage) }

    /// Every name the holes read, with offsets within the template text.
    public var references: [(name: QualifiedName, offset: Int)] {
        holes.flatMap { hole in hole.expression.references.map { ($0.name, hole.offset + $0.offset) } }
    }

    /// Calls `body` with every hole and its offset within the template
    /// text, in order; a plain text costs a switch and makes no array.
    public func forEachHole(_ body: (_ expression: Expression, _ offset: Int) throws -> Void) rethrows {
        guard case .parts(let parts) = storage else { return }
        for case .expression(let expression, let offset) in parts {
            try body(expression, offset)
        }
    }

    /// Whether the template has no holes.
    public var isPlain: Bool {
        var iterator = holes.makeIterator()
        return iterator.next() == nil
    }

    /// The literal text with holes left out (what shows when nothing can be evaluated).
    public var literalText: String {
        switch storage {
        case .plain(let text): return text
        case .parts(let parts):
            return parts.map { part in
                if case .literal(let s) = part { return s }
                return ""
            }.joined()
        }
    }

    /// The `{EXPR}` holes of a template, in order.
    public struct Holes: Sequence, Sendable {
        fileprivate let storage: Storage

        public struct Iterator: IteratorProtocol {
            fileprivate let parts: [Part]
            fileprivate var index = 0

            public mutating func next() -> (expression: Expression, offset: Int)? {
                while index < parts.count {
                    defer { index += 1 }
                    if case .expression(let expression, let offset) = parts[index] { return (expression, offset) }
                }
                return nil
            }
        }

        public func makeIterator() -> Iterator {
            switch storage {
            case .plain: return Iterator(parts: [])
            case .parts(let parts): return Iterator(parts: parts)
            }
        }
    }
}

extension Template {
    /// The text with every hole filled; a failing hole inserts nothing and
    /// its error is returned beside the text, with the offset counted within
    /// the template text. Inserted values are data: they are never parsed
    /// again, so an answer containing `{...}` shows as typed.
    public func render(in context: some EvaluationContext) -> (text: String, errors: [EvaluationError]) {
        let parts: [Part]
        switch storage {
        case .plain(let text): return (text, [])
        case .parts(let all): parts = all
        }
        var text = ""
        var errors: [EvaluationError] = []
        for part in parts {
            switch part {
            case .literal(let s):
                text += s
            case .expression(let expression, let offset):
                do {
                    text += try expression.evaluate(in: context).displayText
                } catch {
                    errors.append(EvaluationError(error.message, offset: offset + error.offset))
                }
            }
        }
        return (text, errors)
    }
}

private extension String {
    /// Appends a run of literal text; the first run is taken as it is
    /// rather than copied into an empty string.
    mutating func append(run: String) {
        if isEmpty { self = run } else { self += run }
    }
}
