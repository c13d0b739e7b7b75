import Foundation

/// A value crossing the SQLite boundary. Values are always bound as
/// parameters, never spliced into SQL text, so no input can change a query.
enum SQLValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    var string: String? {
        switch self {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .null: return nil
        }
    }

    var int: Int? {
        switch self {
        case .integer(let i): return Int(i)
        case .real(let d): return Int(d)
        case .text(let s): return Int(s)
        case .null: return nil
        }
    }

    var double: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .text(let s): return Double(s)
        case .null: return nil
        }
    }
}

extension SQLValue {
    init(_ string: String?) { self = string.map { .text($0) } ?? .null }
    init(_ int: Int?) { self = int.map { .integer(Int64($0)) } ?? .null }
    init(_ double: Double?) { self = double.map { .real($0) } ?? .null }
}

/// One result row, by column position.
struct SQLRow {
    var values: [SQLValue]
    subscript(_ index: Int) -> SQLValue { index < values.count ? values[index] : .null }
}
