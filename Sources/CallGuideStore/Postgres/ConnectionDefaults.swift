import Foundation

extension ConnectionString {
    /// How long callguide lets libpq try to connect when the location does
    /// not say: a call must never wait long for the store (store.md
    /// section 2), and libpq's own default is to wait forever.
    static let defaultConnectTimeoutSeconds = 5

    /// The string libpq is given: the user's own text, plus
    /// `sslmode=require` when it reaches a non-local host and sets no
    /// `sslmode` (store.md section 1: personal data do not cross a network
    /// in clear by default), plus `connect_timeout` when it sets none.
    /// `environment` is where libpq reads `PGHOST`, `PGSSLMODE` and the rest
    /// from; it is a parameter so this stays a pure function.
    func withDefaults(environment: [String: String]) -> String {
        var result = self
        if needsSSLRequired(environment: environment) {
            result = ConnectionString(result.appending("sslmode", "require"))
        }
        if result.value("connect_timeout") == nil, environment["PGCONNECT_TIMEOUT"] == nil {
            result = ConnectionString(result.appending("connect_timeout", String(Self.defaultConnectTimeoutSeconds)))
        }
        return result.text
    }

    /// True when no `sslmode` is chosen anywhere libpq looks and some host
    /// it may connect to is neither a Unix socket nor loopback. A `service`
    /// (pg_service.conf) is left to decide for itself: its file may set a
    /// stronger mode than `require`, which an appended one would override.
    func needsSSLRequired(environment: [String: String]) -> Bool {
        for key in ["sslmode", "requiressl", "service"] where value(key) != nil { return false }
        for name in ["PGSSLMODE", "PGREQUIRESSL", "PGSERVICE"] where environment[name] != nil { return false }
        return !connectsOnlyLocally(environment: environment)
    }

    /// Where libpq connects: `hostaddr` when given (it is what libpq dials),
    /// else `host`, else `PGHOSTADDR` / `PGHOST`, else the default Unix
    /// socket. Every entry of a comma-separated list must be local.
    func connectsOnlyLocally(environment: [String: String]) -> Bool {
        let targets = value("hostaddr") ?? value("host") ?? environment["PGHOSTADDR"] ?? environment["PGHOST"] ?? ""
        return targets.split(separator: ",", omittingEmptySubsequences: false)
            .allSatisfy { Self.isLocal(host: $0.trimmingCharacters(in: .whitespaces)) }
    }

    /// An empty host (the default socket), a socket path (`/…`, or `@…`
    /// for Linux's abstract namespace), `localhost`, 127.0.0.0/8 or ::1.
    static func isLocal(host: String) -> Bool {
        if host.isEmpty || host.hasPrefix("/") || host.hasPrefix("@") { return true }
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered.hasSuffix(".localhost") { return true }
        let bare = lowered.hasPrefix("[") && lowered.hasSuffix("]") ? String(lowered.dropFirst().dropLast()) : lowered
        if bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
