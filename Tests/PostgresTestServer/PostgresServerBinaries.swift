import Foundation

/// Where the PostgreSQL server's `initdb` and `postgres` are. Debian keeps
/// them in /usr/lib/postgresql/VERSION/bin, off the PATH; `pg_config
/// --bindir` names the client's folder, which holds them only when the
/// server of the same version is installed, so both are tried.
public struct PostgresServerBinaries {
    let folder: URL
    public var initdb: String { folder.appendingPathComponent("initdb").path }
    public var postgres: String { folder.appendingPathComponent("postgres").path }

    /// Why the tests cannot start a server: they fail with this sentence
    /// (a store test that silently skips would hide a broken store).
    public struct Missing: Error, CustomStringConvertible {
        var searched: [String]
        public var description: String {
            "the PostgreSQL server (initdb, postgres) is not installed (looked in \(searched.joined(separator: ", "))); run Scripts/setup"
        }
    }

    /// The first of `candidates` holding both programs (by default
    /// `pg_config --bindir`, then /usr/lib/postgresql/*/bin, newest first).
    public static func find(in candidates: [String] = defaultCandidates()) throws -> PostgresServerBinaries {
        for folder in candidates {
            let binaries = PostgresServerBinaries(folder: URL(fileURLWithPath: folder))
            if FileManager.default.isExecutableFile(atPath: binaries.initdb),
                FileManager.default.isExecutableFile(atPath: binaries.postgres)
            {
                return binaries
            }
        }
        throw Missing(searched: candidates.isEmpty ? ["pg_config --bindir", "/usr/lib/postgresql/*/bin"] : candidates)
    }

    public static func defaultCandidates() -> [String] {
        var candidates: [String] = []
        if let bindir = pgConfigBindir() { candidates.append(bindir) }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            candidates.append("/usr/lib/postgresql/\(version)/bin")
        }
        return candidates
    }

    private static func pgConfigBindir() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pg_config", "--bindir"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
