// swift-tools-version:6.0
import PackageDescription

// callguide uses no Swift packages: Foundation plus C system libraries.
let package = Package(
    name: "callguide",
    products: [
        .executable(name: "callguide", targets: ["callguide"]),
        .library(name: "CallGuide", targets: ["CallGuide"]),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CPostgres", path: "Sources/CPostgres", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CEdit", path: "Sources/CEdit", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]),
        .systemLibrary(
            name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        // The engine: load, check, run, replay. No terminal or file I/O.
        .target(name: "CallGuide", dependencies: ["CYAML", "CCrypto"]),
        // The card store: SQLite, and PostgreSQL through libpq.
        .target(name: "CallGuideStore", dependencies: ["CallGuide", "CSQLite", "CPostgres"]),
        // Thin front-ends: commands, the REPL, file and terminal I/O.
        .target(name: "CallGuideCLI", dependencies: ["CallGuide", "CallGuideStore", "CEdit"]),
        .executableTarget(name: "callguide", dependencies: ["CallGuideCLI"]),
        // Benchmarks and the fuzzer: run from Scripts/bench and Scripts/fuzz, release builds only.
        .executableTarget(name: "callguide-bench", dependencies: ["CallGuide", "CallGuideStore", "CallGuideCLI"]),
        .testTarget(name: "CallGuideTests", dependencies: ["CallGuide"]),
        // The tests' own throw-away PostgreSQL server, shared by both test targets.
        .target(name: "PostgresTestServer", dependencies: ["CPostgres"], path: "Tests/PostgresTestServer"),
        .testTarget(name: "CallGuideStoreTests", dependencies: ["CallGuideStore", "PostgresTestServer"]),
        .testTarget(name: "CallGuideCLITests", dependencies: ["CallGuideCLI", "PostgresTestServer"]),
    ],
    swiftLanguageModes: [.v6]
)
