import Foundation

/// `SQLValue`s turned into what PQexecParams takes: text for every value,
/// with a type for numbers so `SELECT $1` and arithmetic see a number, and
/// no type for text so the server reads it as the column's type (a big
/// decimal given as text lands in a `numeric` column exactly).
struct PostgresParameters {
    /// OIDs from PostgreSQL's pg_type catalog.
    static let int8: UInt32 = 20
    static let float8: UInt32 = 701
    static let unknown: UInt32 = 0

    private(set) var types: [UInt32] = []
    private(set) var texts: [String?] = []

    init(_ values: [SQLValue], location: String) throws {
        for (index, value) in values.enumerated() {
            switch value {
            case .null:
                types.append(Self.unknown)
                texts.append(nil)
            case .integer(let number):
                types.append(Self.int8)
                texts.append(String(number))
            case .real(let number):
                types.append(Self.float8)
                texts.append(Self.text(number))
            case .text(let text):
                if text.utf8.contains(0) {
                    throw PostgresError.invalidParameter(
                        location: location, position: index + 1, reason: "text cannot hold a NUL character")
                }
                types.append(Self.unknown)
                texts.append(text)
            }
        }
    }

    /// PostgreSQL's spelling of a double: Swift's shortest round-trip form,
    /// and PostgreSQL's words for the values that are not numbers.
    static func text(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return String(number)
    }

    /// Calls `body` with C arrays of the types and NUL-terminated values,
    /// valid only during the call.
    func withCValues<T>(_ body: (UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let copies: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        return types.withUnsafeBufferPointer { typeBuffer in
            pointers.withUnsafeBufferPointer { valueBuffer in
                body(typeBuffer.baseAddress, valueBuffer.baseAddress)
            }
        }
    }
}
