import CallGuideStore
import XCTest

// Every store test again, on the tests' own PostgreSQL server: the same
// assertions, so both stores give the same results (store.md 1: one suite of
// store tests runs against both).

final class PostgresStoreCardTests: StoreCardTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreCallTests: StoreCallTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreSearchTests: StoreSearchTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreImportTests: StoreImportTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreReportTests: StoreReportTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStorePrivacyTests: StorePrivacyTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreConcurrencyTests: StoreConcurrencyTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreTaskTests: StoreTaskTests {
    override var backend: StoreBackend { .postgres }
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

extension StoreTestCase {
    func assertRunsOnPostgreSQL(file: StaticString = #filePath, line: UInt = #line) throws {
        let store = try makeStore()
        XCTAssertEqual(store.kind, "PostgreSQL", file: file, line: line)
        XCTAssertTrue(store.path.hasPrefix("postgresql://"), file: file, line: line)
    }
}

final class PostgresStorePhoneIdentityTests: StorePhoneIdentityTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreFAQReportTests: StoreFAQReportTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreReportGroupingTests: StoreReportGroupingTests {
    override var backend: StoreBackend { .postgres }
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreOfferReportTests: StoreOfferReportTests {
    override var backend: StoreBackend { .postgres }
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreFunnelReportTests: StoreFunnelReportTests {
    override var backend: StoreBackend { .postgres }
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreAnswerReportTests: StoreAnswerReportTests {
    override var backend: StoreBackend { .postgres }
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreRepeatReportTests: StoreRepeatReportTests {
    override var backend: StoreBackend { .postgres }
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreSyncTests: StoreSyncTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}

final class PostgresStoreCentreSettingsTests: StoreCentreSettingsTests {
    override var backend: StoreBackend { .postgres }
    // Linux's test discovery lists a class only for a test declared in it;
    // this one also proves the inherited tests do run on PostgreSQL.
    func testRunsOnPostgreSQL() throws { try assertRunsOnPostgreSQL() }
}
