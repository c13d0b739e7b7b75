import CallGuide
import Foundation

/// A minimal JSON tree for the store's JSON columns. Numbers keep their
/// decimal text, so a price stored as 0.1 reads back as exactly 0.1 (which
/// JSONSerialization, going through Double, would not promise).
indirect enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSON])
    /// Keys keep their order.
    case object([(String, JSON)])

    static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.elementsEqual(y) { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    subscript(key: String) -> JSON? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    var arrayValue: [JSON] { if case .array(let a) = self { return a }; return [] }
    var objectValue: [(String, JSON)] { if case .object(let o) = self { return o }; return [] }
    var intValue: Int? {
        if case .number(let d) = self { return Int(NSDecimalNumber(decimal: d).int64Value) }
        return nil
    }
    var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }

    // MARK: Values

    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .list(let items): self = .array(items.map(JSON.init))
        }
    }

    /// Objects have no `Value` counterpart; they read as null.
    var value: Value {
        switch self {
        case .null, .object: return .null
        case .bool(let b): return .bool(b)
        case .number(let d): return .number(d)
        case .string(let s): return .string(s)
        case .array(let items): return .list(items.map(\.value))
        }
    }

    static func object(_ values: [String: Value]) -> JSON {
        .object(values.sorted { $0.key < $1.key }.map { ($0.key, JSON($0.value)) })
    }

    var valueDictionary: [String: Value] {
        var result: [String: Value] = [:]
        for (key, item) in objectValue { result[key] = item.value }
        return result
    }

    // MARK: Text

    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += "\(d)"
        case .string(let s): JSON.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (key, item)) in pairs.enumerated() {
                if i > 0 { out += "," }
                JSON.writeString(key, to: &out)
                out += ":"
                item.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Parses JSON text; nil when it is not valid JSON (or nests deeper than
    /// `maxDepth`, so hostile text cannot exhaust the stack).
    static func parse(_ text: String, maxDepth: Int = 64) -> JSON? {
        var parser = Parser(scalars: Array(text.unicodeScalars), maxDepth: maxDepth)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.index == parser.scalars.count ? value : nil
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let maxDepth: Int
        var index = 0

        init(scalars: [Unicode.Scalar], maxDepth: Int) {
            self.scalars = scalars
            self.maxDepth = maxDepth
        }

        mutating func skipSpace() {
            while index < scalars.count, [" ", "\n", "\r", "\t"].contains(scalars[index]) { index += 1 }
        }

        mutating func literal(_ word: String) -> Bool {
            let letters = Array(word.unicodeScalars)
            guard index + letters.count <= scalars.count,
                Array(scalars[index..<index + letters.count]) == letters
            else { return false }
            index += letters.count
            return true
        }

        mutating func value(depth: Int) -> JSON? {
            guard depth <= maxDepth else { return nil }
            skipSpace()
            guard index < scalars.count else { return nil }
            switch scalars[index] {
            case "n": return literal("null") ? .null : nil
            case "t": return literal("true") ? .bool(true) : nil
            case "f": return literal("false") ? .bool(false) : nil
            case "\"": return string().map { .string($0) }
            case "[":
                index += 1
                var items: [JSON] = []
                skipSpace()
                if index < scalars.count, scalars[index] == "]" { index += 1; return .array(items) }
                while true {
                    guard let item = value(depth: depth + 1) else { return nil }
                    items.append(item)
                    skipSpace()
                    guard index < scalars.count else { return nil }
                    if scalars[index] == "," { index += 1; continue }
                    if scalars[index] == "]" { index += 1; return .array(items) }
                    return nil
                }
            case "{":
                index += 1
                var pairs: [(String, JSON)] = []
                skipSpace()
                if index < scalars.count, scalars[index] == "}" { index += 1; return .object(pairs) }
                while true {
                    skipSpace()
                    guard index < scalars.count, scalars[index] == "\"", let key = string() else { return nil }
                    skipSpace()
                    guard index < scalars.count, scalars[index] == ":" else { return nil }
                    index += 1
                    guard let item = value(depth: depth + 1) else { return nil }
                    pairs.append((key, item))
                    skipSpace()
                    guard index < scalars.count else { return nil }
                    if scalars[index] == "," { index += 1; continue }
                    if scalars[index] == "}" { index += 1; return .object(pairs) }
                    return nil
                }
            default:
                return number()
            }
        }

        mutating func number() -> JSON? {
            let start = index
            while index < scalars.count, "-+.eE0123456789".unicodeScalars.contains(scalars[index]) { index += 1 }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[start..<index])
            guard !text.isEmpty, let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
            return .number(d)
        }

        mutating func string() -> String? {
            index += 1
            var out = String.UnicodeScalarView()
            while index < scalars.count {
                let c = scalars[index]
                index += 1
                if c == "\"" { return String(out) }
                if c != "\\" { out.append(c); continue }
                guard index < scalars.count else { return nil }
                let e = scalars[index]
                index += 1
                switch e {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "/": out.append("/")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{c}")
                case "u":
                    guard var code = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(code), literal("\\u"), let low = hex4(), (0xDC00...0xDFFF).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: return nil
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= scalars.count else { return nil }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[index..<index + 4])
            guard let code = UInt32(text, radix: 16) else { return nil }
            index += 4
            return code
        }
    }
}
