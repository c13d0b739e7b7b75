import Foundation

extension ConnectionString {
    /// The string as it may be printed: every password (a URI's
    /// `user:password@`, a `password=` parameter in either form) replaced
    /// by `***`, so an error or `db status` shows where callguide connects
    /// and that a password was given, never the password. Text the reader
    /// could not follow (libpq will refuse it anyway) is hidden too, since
    /// a password might be in it. Text with no `key=value` at all (a SQLite
    /// path) is not a connection string and is returned as it is.
    var redacted: String {
        if form == .keywordValue, parameters.isEmpty { return text }
        var result = String(text[..<readUpTo])
        let secrets = parameters
            .filter { $0.key == "password" }
            .map(\.valueRange)
            .sorted { $0.lowerBound > $1.lowerBound }
        for range in secrets {
            let lower = result.index(result.startIndex, offsetBy: text.distance(from: text.startIndex, to: range.lowerBound))
            let upper = result.index(lower, offsetBy: text.distance(from: range.lowerBound, to: range.upperBound))
            result.replaceSubrange(lower..<upper, with: "***")
        }
        if !isWellFormed {
            let joined = result.isEmpty || result.last.map { " =?&".contains($0) } == true
            result += joined ? "***" : " ***"
        }
        return result
    }
}

extension ConnectionString {
    /// `message` (libpq's own text) with any password of this string masked:
    /// libpq quotes a bad parameter back, and a malformed password may be one.
    func scrubbed(_ message: String) -> String {
        var result = message
        for parameter in parameters where parameter.key == "password" {
            for secret in [parameter.value, String(text[parameter.valueRange])] where !secret.isEmpty {
                result = result.replacingOccurrences(of: secret, with: "***")
            }
        }
        return result
    }
}
