import CallGuideStore
import Foundation

/// Issue 15 (performance), reports.md 4: every report over a million calls
/// that have answers, offers and tasks, under 1 s on SQLite and 2 s on
/// PostgreSQL (`$CALLGUIDE_BENCH_PG_REPORTS`, an empty database;
/// `Scripts/bench reports` starts a throw-away server), with memory that does not grow
/// with the calls. The calls are a new workspace's `init --sample-data`
/// multiplied by SQL (`ScaleData.multiplyCalls`); each command is a whole
/// process of the release `callguide`, median wall of three after a
/// warm-up, its CPU printed below, peak RSS from `/usr/bin/time`.
enum ReportsBench {
    static func run(quick: Bool) -> [Figure] {
        let copies = quick ? 30 : 2_933
        guard let binary = ScaleBench.releaseBinary(for: "reports") else { return [] }
        let directory = TemporaryDirectory(prefix: "callguide-reports")
        defer { directory.remove() }
        let workspace = directory.path + "/sample"
        guard let made = ProcessTimer.run([binary, "init", workspace, "--sample-data"]), made.exitStatus == 0 else {
            Report.note("reports: callguide init --sample-data failed")
            return []
        }
        // The commands run in a folder of their own: no workspace's
        // callguide.yaml applies, --db names the store.
        let home = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(directory.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(home) }

        var figures: [Figure] = []
        let sample = workspace + "/callguide.db"
        let sqlite = directory.path + "/reports.db"
        do {
            try FileManager.default.copyItem(atPath: sample, toPath: sqlite)
            figures += try measure(store: "sqlite", location: sqlite, copies: copies, binary: binary, directory: directory, target: 1_000)
        } catch {
            Report.note("reports sqlite: \(error)")
        }
        guard let postgres = ProcessInfo.processInfo.environment["CALLGUIDE_BENCH_PG_REPORTS"], !postgres.isEmpty else {
            Report.note("reports: PostgreSQL skipped; Scripts/bench reports starts a server, or set CALLGUIDE_BENCH_PG_REPORTS to an empty database")
            return figures
        }
        do {
            _ = try StoreAdministration.copy(from: sample, to: postgres)
            figures += try measure(store: "pg", location: postgres, copies: copies, binary: binary, directory: directory, target: 2_000)
        } catch {
            Report.note("reports pg: \(error)")
        }
        return figures
    }

    static func measure(
        store name: String, location: String, copies: Int, binary: String, directory: TemporaryDirectory, target: Double
    ) throws -> [Figure] {
        var figures: [Figure] = []
        func emit(_ figure: Figure) {
            Report.emit(figure)
            figures.append(figure)
        }
        let fillStart = Date()
        let calls = try ScaleData.multiplyCalls(location: location, copies: copies)
        emit(Figure(name: "\(name): fill \(calls) calls (sample x \(copies + 1))", value: Date().timeIntervalSince(fillStart), unit: "s", target: .none))

        // Half a year back: on a million calls spread over a year, about
        // 430,000 calls.
        let halfYear = ISO8601DateFormatter.day.string(from: Date().addingTimeInterval(-182 * 86_400))
        let commands: [[String]] = [
            ["report"], ["report", "--by", "operator"], ["report", "--by", "script"], ["report", "--by", "version"],
            ["report", "--by", "outcome"], ["report", "--by", "day"], ["report", "--by", "week"], ["report", "--by", "month"],
            ["report", "--by", "operator", "--since", "30d", "--operator", "boris"],
            ["report", "offers"], ["report", "answers", "closing.nps"], ["report", "answers", "reason"],
            ["report", "answers", "reason", "--by", "operator"], ["report", "answers", "reason", "--by", "version"],
            ["report", "answers", "what_matters"], ["report", "funnel"], ["report", "repeat"],
            ["report", "repeat", "--since", halfYear], ["report", "faq"], ["report", "tasks"],
            ["report", "dashboard", "--output", directory.path + "/dashboard-\(name).html"],
        ]
        for arguments in commands {
            let full = arguments + ["--db", location]
            guard let cost = ScaleBench.median(binary: binary, full, runs: 3) else {
                Report.note("reports \(name): callguide \(arguments.joined(separator: " ")) did not run")
                continue
            }
            let label = arguments.filter { !$0.hasPrefix(directory.path) }.joined(separator: " ")
            if cost.exitStatus != 0 { Report.note("reports \(name): callguide \(label) exited \(cost.exitStatus)") }
            emit(Figure(name: "\(name): \(label)", value: cost.wall * 1000, unit: "ms", target: .atMost(target)))
            Report.note(String(format: "  cpu %.1f ms (user+sys of that run)", cost.cpu * 1000))
            emit(Figure(name: "\(name): \(label) peak RSS", value: ScaleBench.peakRSS(binary, full), unit: "MB", target: .atMost(64)))
        }
        return figures
    }
}

extension ISO8601DateFormatter {
    /// `2026-06-01`, in the machine's time zone.
    static var day: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withDashSeparatorInDate]
        formatter.timeZone = .current
        return formatter
    }
}
