@testable import CallGuideStore
import XCTest

/// The pure rules for a PostgreSQL location: which locations are
/// PostgreSQL, how they are printed without a password, and the defaults
/// callguide adds before libpq reads them.
final class PostgresLocationTests: XCTestCase {
    // MARK: Which store

    func testOnlyPostgresURIsArePostgres() {
        XCTAssertTrue(PostgresLocation.isPostgres("postgresql://db.example.com/centre"))
        XCTAssertTrue(PostgresLocation.isPostgres("postgres://localhost"))
        XCTAssertFalse(PostgresLocation.isPostgres("callguide.db"))
        XCTAssertFalse(PostgresLocation.isPostgres("/srv/postgresql://x.db"))
        XCTAssertFalse(PostgresLocation.isPostgres("host=db dbname=centre"))
    }

    // MARK: Redaction

    func testRedactsThePasswordOfAURI() {
        XCTAssertEqual(
            PostgresLocation.redacted("postgresql://olga:s3cr3t@db.example.com:5432/centre?sslmode=verify-full"),
            "postgresql://olga:***@db.example.com:5432/centre?sslmode=verify-full")
    }

    func testLeavesAURIWithoutPasswordAsItIs() {
        let uris = [
            "postgresql://olga@db.example.com/centre", "postgresql:///centre?host=/run/postgresql", "postgres://",
            "postgresql://[::1]:5433,db2:5432/centre?target_session_attrs=read-write",
        ]
        for uri in uris { XCTAssertEqual(PostgresLocation.redacted(uri), uri) }
    }

    func testRedactsAPasswordQueryParameterAndAPercentEncodedKey() {
        XCTAssertEqual(
            PostgresLocation.redacted("postgresql://db/centre?user=olga&password=s3cr3t&sslmode=require"),
            "postgresql://db/centre?user=olga&password=***&sslmode=require")
        XCTAssertEqual(
            PostgresLocation.redacted("postgresql://db/centre?p%61ssword=s3cr3t"), "postgresql://db/centre?p%61ssword=***")
    }

    func testRedactsAPasswordHoldingAtSignsAndSlashesTheUserForgotToEncode() {
        let redacted = PostgresLocation.redacted("postgresql://olga:p@ss/w0rd@db.example.com/centre")
        XCTAssertEqual(redacted, "postgresql://olga:***@db.example.com/centre")
    }

    func testRedactsEmptyAndEncodedPasswords() {
        XCTAssertEqual(PostgresLocation.redacted("postgresql://olga:@db/centre"), "postgresql://olga:***@db/centre")
        XCTAssertEqual(PostgresLocation.redacted("postgresql://olga:a%40b@db/centre"), "postgresql://olga:***@db/centre")
    }

    func testRedactsKeywordValueConnectionStrings() {
        XCTAssertEqual(
            PostgresLocation.redacted("host=db.example.com password=s3cr3t dbname=centre"),
            "host=db.example.com password=*** dbname=centre")
        XCTAssertEqual(
            PostgresLocation.redacted("host=db password = 's3cr3t' dbname=centre"), "host=db password = *** dbname=centre")
        XCTAssertEqual(
            PostgresLocation.redacted("host=db password='it\\'s a secret' dbname=centre"),
            "host=db password=*** dbname=centre")
        XCTAssertEqual(PostgresLocation.redacted("password=a\\ b host=db"), "password=*** host=db")
    }

    func testLeavesSQLitePathsAsTheyAre() {
        for path in ["callguide.db", "/srv/centre/callguide.db", "my password.db", ""] {
            XCTAssertEqual(PostgresLocation.redacted(path), path)
        }
    }

    func testHidesWhatFollowsTextTheReaderCannotFollow() {
        // An open quote: libpq refuses it, and the rest may be a password.
        let open = PostgresLocation.redacted("host=db password='s3cr3t dbname=centre")
        XCTAssertFalse(open.contains("s3cr3t"), open)
        XCTAssertEqual(open, "host=db password=***")
        XCTAssertEqual(PostgresLocation.redacted("host=db s3cr3t"), "host=db ***")
        let badQuery = PostgresLocation.redacted("postgresql://db/centre?s3cr3t")
        XCTAssertEqual(badQuery, "postgresql://db/centre?***")
    }

    func testScrubsPasswordsOutOfLibpqMessages() {
        let string = ConnectionString("postgresql://olga:s%25cret@db/centre")
        XCTAssertEqual(
            string.scrubbed("invalid percent-encoded token: \"s%25cret\" or s%cret"),
            "invalid percent-encoded token: \"***\" or ***")
    }

    // MARK: Defaults added for libpq

    private let noEnvironment: [String: String] = [:]

    func testRequiresSSLForARemoteHostThatSetsNoSSLMode() {
        XCTAssertEqual(
            PostgresLocation.connectionString(for: "postgresql://olga@db.example.com/centre", environment: noEnvironment),
            "postgresql://olga@db.example.com/centre?sslmode=require&connect_timeout=5")
        XCTAssertEqual(
            PostgresLocation.connectionString(for: "postgresql://10.0.0.7:5432/centre?application_name=cg", environment: noEnvironment),
            "postgresql://10.0.0.7:5432/centre?application_name=cg&sslmode=require&connect_timeout=5")
        XCTAssertEqual(
            PostgresLocation.connectionString(for: "host=db.example.com dbname=centre", environment: noEnvironment),
            "host=db.example.com dbname=centre sslmode=require connect_timeout=5")
    }

    func testKeepsTheSSLModeTheLocationOrEnvironmentChose() {
        XCTAssertEqual(
            PostgresLocation.connectionString(for: "postgresql://db.example.com/centre?sslmode=verify-full", environment: noEnvironment),
            "postgresql://db.example.com/centre?sslmode=verify-full&connect_timeout=5")
        XCTAssertEqual(
            PostgresLocation.connectionString(for: "postgresql://db.example.com/centre?sslmode=disable", environment: noEnvironment),
            "postgresql://db.example.com/centre?sslmode=disable&connect_timeout=5")
        XCTAssertEqual(
            PostgresLocation.connectionString(for: "postgresql://db.example.com/centre", environment: ["PGSSLMODE": "verify-ca"]),
            "postgresql://db.example.com/centre?connect_timeout=5")
        XCTAssertEqual(
            PostgresLocation.connectionString(for: "postgresql:///centre?service=centre", environment: noEnvironment),
            "postgresql:///centre?service=centre&connect_timeout=5")
    }

    func testLeavesLocalConnectionsInClear() {
        let local = [
            "postgresql:///centre", "postgresql://localhost/centre", "postgresql://127.0.0.1:5433/centre",
            "postgresql://[::1]/centre", "postgresql://%2Fvar%2Frun%2Fpostgresql/centre",
            "postgresql:///centre?host=/tmp/cluster", "postgresql://localhost,127.0.0.2/centre",
        ]
        for uri in local {
            XCTAssertEqual(PostgresLocation.connectionString(for: uri, environment: noEnvironment), uri + (uri.contains("?") ? "&" : "?") + "connect_timeout=5", uri)
        }
    }

    func testReadsTheHostWhereLibpqReadsIt() {
        // A query parameter overrides the URI's host, hostaddr is what is dialled,
        // and PGHOST stands in for a location without a host.
        let string = { (text: String, environment: [String: String]) in
            ConnectionString(text).needsSSLRequired(environment: environment)
        }
        XCTAssertTrue(string("postgresql://localhost/centre?host=db.example.com", [:]))
        XCTAssertFalse(string("postgresql://db.example.com/centre?host=/tmp/sock", [:]))
        XCTAssertTrue(string("postgresql://localhost/centre?hostaddr=10.1.2.3", [:]))
        XCTAssertFalse(string("postgresql://db.example.com/centre?hostaddr=127.0.0.1", [:]))
        XCTAssertTrue(string("postgresql:///centre", ["PGHOST": "db.example.com"]))
        XCTAssertFalse(string("postgresql:///centre", ["PGHOST": "/var/run/postgresql"]))
        XCTAssertTrue(string("postgresql://localhost,db.example.com/centre", [:]))
    }

    func testKeepsATimeoutTheLocationOrEnvironmentChose() {
        XCTAssertEqual(
            PostgresLocation.connectionString(for: "postgresql:///centre?connect_timeout=30", environment: noEnvironment),
            "postgresql:///centre?connect_timeout=30")
        XCTAssertEqual(
            PostgresLocation.connectionString(for: "postgresql:///centre", environment: ["PGCONNECT_TIMEOUT": "2"]),
            "postgresql:///centre")
    }

    func testLoopbackIsOnlyLoopback() {
        for host in ["", "/tmp", "@abstract", "localhost", "LOCALHOST", "127.0.0.1", "127.255.0.9", "::1", "[::1]"] {
            XCTAssertTrue(ConnectionString.isLocal(host: host), host)
        }
        for host in ["db", "127.0.0.1.example.com", "128.0.0.1", "10.0.0.1", "::2", "localhost.example.com", "127.0.0"] {
            XCTAssertFalse(ConnectionString.isLocal(host: host), host)
        }
    }
}
