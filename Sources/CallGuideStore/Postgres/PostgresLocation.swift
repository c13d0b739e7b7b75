import Foundation

/// A PostgreSQL store location as the commands see it: how to tell it from
/// a SQLite path, how to print it, and what libpq is given. Pure functions,
/// so the rules are tested without a server.
public enum PostgresLocation {
    /// True when `location` is a `postgresql://` or `postgres://` URI;
    /// anything else is a SQLite file path (store.md section 1).
    public static func isPostgres(_ location: String) -> Bool {
        ConnectionString.isPostgresURI(location)
    }

    /// `location` with every password masked as `***`, for errors and
    /// `db status`. Works on URIs and on libpq's `key=value` form; a SQLite
    /// path comes back unchanged, so callers need not tell them apart.
    public static func redacted(_ location: String) -> String {
        ConnectionString(location).redacted
    }

    /// What callguide hands libpq for `location`: the text as given, plus
    /// `sslmode=require` for a non-local host that sets no `sslmode`, and a
    /// connect timeout when none is set. `environment` is the process's
    /// (libpq reads `PGHOST`, `PGSSLMODE`... from it).
    public static func connectionString(
        for location: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        ConnectionString(location).withDefaults(environment: environment)
    }
}
