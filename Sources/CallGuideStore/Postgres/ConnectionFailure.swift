import Foundation

/// Turns libpq's message for a failed connection into one of the
/// `PostgresError` cases. libpq reports a failed login only as text (there
/// is no result to read a SQLSTATE from), so this reads the English
/// wording of libpq and the server; a message it does not know still gives
/// a clear `cannotConnect` with the reason.
enum ConnectionFailure {
    static func error(message: String, location: String) -> PostgresError {
        let reason = self.reason(message)
        if reason.contains("password authentication failed") || reason.contains("no password supplied")
            || reason.contains("authentication failed")
        {
            return .authenticationFailed(location: location, reason: reason)
        }
        if let database = quoted(in: reason, between: "database \"", and: "\" does not exist") {
            return .noSuchDatabase(location: location, database: database)
        }
        if let user = quoted(in: reason, between: "role \"", and: "\" does not exist") {
            return .unknownUser(location: location, user: user)
        }
        let unreachable = [
            "Connection refused", "could not translate host name", "No such file or directory", "timeout expired",
            "No route to host", "Network is unreachable", "Connection timed out", "the database system is starting up",
            "the database system is shutting down", "the database system is in recovery mode",
        ]
        if unreachable.contains(where: reason.contains) {
            return .unreachable(location: location, reason: reason)
        }
        return .cannotConnect(location: location, reason: reason)
    }

    /// The useful part of libpq's message: its first line, without the
    /// `connection to server at "…", port … failed:` preamble (the location
    /// says that) or the server's `FATAL:` severity.
    static func reason(_ message: String) -> String {
        var line = Substring(message.split(whereSeparator: \.isNewline).first ?? "")
        if let failed = line.range(of: " failed: ") { line = line[failed.upperBound...] }
        var text = line.trimmingCharacters(in: .whitespaces)
        for severity in ["FATAL:", "ERROR:"] where text.hasPrefix(severity) {
            text = String(text.dropFirst(severity.count)).trimmingCharacters(in: .whitespaces)
        }
        return text.isEmpty ? "no reason given" : text
    }

    private static func quoted(in text: String, between start: String, and end: String) -> String? {
        guard let open = text.range(of: start), let close = text.range(of: end, range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}
