import CallGuide
import Foundation

/// The store's JSON columns (answers, notes, offers, card fields, card
/// changes) use the shared `JSONValue`, `JSONParser` and `JSONWriter`, so a
/// database and a transcript write the same JSON: numbers stay exact
/// decimals (0.1 reads back as exactly 0.1) and keys keep their order.
/// These internal helpers read the columns leniently: a column that is not
/// valid JSON reads as empty rather than failing the whole row.
extension JSONValue {
    /// A script value as JSON: lists become arrays.
    init(_ value: Value) {
        self = TranscriptCodec.json(value)
    }

    /// Values by key, keys sorted so the stored text is stable.
    static func object(_ values: [String: Value]) -> JSONValue {
        .object(values.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) })
    }

    /// Parses a stored column; nil when it is not valid JSON.
    static func parseStored(_ text: String) -> JSONValue? {
        try? JSONParser.parse(text)
    }

    /// Compact one-line JSON, as stored.
    var text: String { JSONWriter.serialize(self) }

    var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    var arrayValue: [JSONValue] { if case .array(let a) = self { return a }; return [] }
    var objectValue: [(String, JSONValue)] { if case .object(let o) = self { return o }; return [] }
    var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    var intValue: Int? {
        if case .number(let d) = self { return Int(NSDecimalNumber(decimal: d).int64Value) }
        return nil
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

    var valueDictionary: [String: Value] {
        var result: [String: Value] = [:]
        for (key, item) in objectValue { result[key] = item.value }
        return result
    }
}
