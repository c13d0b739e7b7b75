@testable import CallGuideStore
@_exported import PostgresTestServer

extension TestPostgresCluster {
    /// The superuser's session over the socket, through the store's own
    /// libpq layer (the shared server target cannot see it).
    func adminConnection(database: String = "postgres") throws -> PostgresConnection {
        try PostgresConnection(location: socketURI(database: database))
    }
}
