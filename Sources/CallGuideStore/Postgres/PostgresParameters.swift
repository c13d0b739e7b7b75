import Foundation

/// `SQLValue`s turned into what PQexecParams takes: every value as text and
/// without a type, so the server reads it as it reads a quoted literal, in
/// the type its place calls for: `1` lands in an integer, numeric or
/// boolean column, a big decimal given as text in a `numeric` column with
/// every digit. Where nothing gives a type (`SELECT $1`), the SQL casts
/// (`$1::bigint`), as SQLite's dynamic typing never needs to.
struct PostgresParameters {
    private(set) var texts: [String?] = []

    init(_ values: [SQLValue], location: String) throws {
        for (index, value) in values.enumerated() {
            switch value {
            case .null:
                texts.append(nil)
            case .integer(let number):
                texts.append(String(number))
            case .real(let number):
                texts.append(Self.text(number))
            case .text(let text):
                if text.utf8.contains(0) {
                    throw PostgresError.invalidParameter(
                        location: location, position: index + 1, reason: "text cannot hold a NUL character")
                }
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

    /// Calls `body` with a C array of the NUL-terminated values (NULL for
    /// SQL NULL), valid only during the call.
    func withCValues<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let copies: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
