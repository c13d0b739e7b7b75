import CallGuide
import CallGuideStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Issues 11 (item 7) and 15 (speed), store.md 7: a store of 1,000,000
/// cards and 1,000,000 calls, on SQLite and on PostgreSQL
/// (`$CALLGUIDE_BENCH_PG`, an empty database; `Scripts/bench scale` starts
/// a throw-away server for it). Every figure but the fill is a whole
/// process of the release `callguide`, spawned and reaped by the bench
/// (`ProcessTimer`): wall time and peak RSS as the kernel counts them,
/// the median of three runs after one warm-up.
enum ScaleBench {
    static func run(quick: Bool) -> [Figure] {
        let cards = quick ? 20_000 : 1_000_000
        let calls = quick ? 20_000 : 1_000_000
        guard let binary = releaseBinary(for: "scale") else { return [] }
        let directory = TemporaryDirectory(prefix: "callguide-scale")
        defer { directory.remove() }
        // The commands run in a folder of their own: no workspace's
        // callguide.yaml applies, --db names the store.
        let home = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(directory.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(home) }

        var figures: [Figure] = []
        let sqlite = directory.path + "/scale.db"
        figures += measure(
            store: "sqlite", location: sqlite, cards: cards, calls: calls, imported: cards, binary: binary, directory: directory,
            reportTarget: 1_000)
        if let postgres = ProcessInfo.processInfo.environment["CALLGUIDE_BENCH_PG"], !postgres.isEmpty {
            do {
                try StoreAdministration.migrate(location: postgres)
            } catch {
                Report.note("scale: PostgreSQL at $CALLGUIDE_BENCH_PG cannot be used: \(error)")
                return figures
            }
            // A row costs PostgreSQL a few round trips: a tenth of the rows
            // keeps the bench under an hour on a busy machine.
            figures += measure(
                store: "pg", location: postgres, cards: cards, calls: calls, imported: cards / 10, binary: binary,
                directory: directory, reportTarget: 2_000)
        } else {
            Report.note("scale: PostgreSQL skipped; Scripts/bench scale starts a server, or set CALLGUIDE_BENCH_PG to an empty database")
        }
        return figures
    }

    static func measure(
        store name: String, location: String, cards: Int, calls: Int, imported: Int, binary: String, directory: TemporaryDirectory,
        reportTarget: Double
    ) -> [Figure] {
        var figures: [Figure] = []
        func emit(_ figure: Figure) {
            Report.emit(figure)
            figures.append(figure)
        }
        let fillStart = Date()
        do {
            try ScaleData.fill(location: location, cards: cards, calls: calls)
        } catch {
            Report.note("scale \(name): filling the store failed: \(error)")
            return figures
        }
        emit(Figure(name: "\(name): fill \(cards) cards + \(calls) calls", value: Date().timeIntervalSince(fillStart), unit: "s", target: .none))
        let db = ["--db", location]
        func timed(_ label: String, _ arguments: [String], target: Figure.Target, runs: Int = 3) {
            guard let cost = median(binary: binary, arguments + db, runs: runs) else {
                Report.note("scale \(name): callguide \(arguments.joined(separator: " ")) did not run")
                return
            }
            if cost.exitStatus != 0 { Report.note("scale \(name): callguide \(arguments.joined(separator: " ")) exited \(cost.exitStatus)") }
            emit(Figure(name: "\(name): \(label)", value: cost.wall * 1000, unit: "ms", target: target))
            Report.note(String(format: "  cpu %.1f ms (user+sys of that run)", cost.cpu * 1000))
        }

        // card find for every length of a name and of a phone, and two
        // letters that begin a word of ten cards only.
        let middle = ScaleData.card(cards / 2)
        let cardName = (middle.name ?? "").lowercased()
        for length in 1...cardName.count {
            timed("card find '\(cardName.prefix(length))'", ["card", "find", String(cardName.prefix(length))], target: .atMost(50))
        }
        let digits = middle.phoneDigits
        for length in 1...digits.count {
            let query = String(digits.prefix(length))
            timed("card find '\(query)' (phone)", ["card", "find", query], target: .atMost(50))
        }
        timed("card find 'zy' (10 cards)", ["card", "find", "zy"], target: .atMost(50))
        timed("card show by id", ["card", "show", middle.id], target: .atMost(50))
        timed("card show by last 9 digits", ["card", "show", String(digits.suffix(9))], target: .atMost(50))

        // Listings and reports over every call.
        for format in ["table", "json"] {
            if let cost = median(binary: binary, ["calls", "--format", format] + db, runs: 1) {
                emit(Figure(name: "\(name): calls --format \(format) (\(calls))", value: cost.wall, unit: "s", target: .none))
            }
            emit(Figure(name: "\(name): calls --format \(format) peak RSS", value: peakRSS(binary, ["calls", "--format", format] + db), unit: "MB", target: .atMost(64)))
        }
        for grouping in ["", "operator", "script", "day"] {
            let arguments = ["report"] + (grouping.isEmpty ? [] : ["--by", grouping])
            guard let cost = median(binary: binary, arguments + db, runs: 3) else { continue }
            let label = arguments.joined(separator: " ")
            emit(Figure(name: "\(name): \(label)", value: cost.wall * 1000, unit: "ms", target: .atMost(reportTarget)))
            Report.note(String(format: "  cpu %.1f ms (user+sys of that run)", cost.cpu * 1000))
            emit(Figure(name: "\(name): \(label) peak RSS", value: peakRSS(binary, arguments + db), unit: "MB", target: .atMost(64)))
        }

        // card import of as many new cards as the store holds, while a
        // call is stored every 50 ms: how long a call waits meanwhile.
        let csv = directory.path + "/import-\(name).csv"
        writeImportFile(csv, first: cards + 1, count: imported)
        let rssFile = directory.path + "/import-rss"
        let importing = ImportRun(binary: "/usr/bin/time", arguments: ["-f", "%M", "-o", rssFile, binary, "card", "import", csv] + db)
        importing.start()
        var waits: [Double] = []
        do {
            let store = try CardStore(path: location)
            var index = 0
            while !importing.isDone {
                let began = Date()
                let record = CallRecord(
                    id: "scale-\(name)-\(index)", cardId: middle.id, operator: "bench", scriptId: "inbound_order", startedAt: began,
                    endedAt: began, outcome: "sale", converted: true)
                try store.storeCall(record, cardChanges: ["region": .string("r\(index)")], cardRevisionAtStart: nil, transitions: nil)
                waits.append(Date().timeIntervalSince(began) * 1000)
                index += 1
                usleep(50_000)
            }
        } catch {
            Report.note("scale \(name): a call during the import failed: \(error)")
        }
        let importedRun = importing.wait()
        if let importRun = importedRun {
            if importRun.exitStatus != 0 { Report.note("scale \(name): card import exited \(importRun.exitStatus)") }
            emit(Figure(name: "\(name): card import \(imported) rows", value: importRun.wall, unit: "s", target: .none))
            emit(Figure(name: "\(name): card import CPU (user+sys)", value: importRun.cpu, unit: "s", target: .none))
            emit(Figure(name: "\(name): card import peak RSS", value: readRSS(rssFile), unit: "MB", target: .none))
        }
        var samples = Samples()
        waits.forEach { samples.add($0) }
        if samples.count > 0 {
            emit(Figure(name: "\(name): a call stored during import, p50", value: samples.median, unit: "ms", target: .none))
            emit(Figure(name: "\(name): ... p99 (\(samples.count) calls)", value: samples.percentile(0.99), unit: "ms", target: .none))
            emit(Figure(name: "\(name): ... longest", value: waits.max() ?? .nan, unit: "ms", target: .atMost(1_000)))
        }
        try? FileManager.default.removeItem(atPath: csv)
        return figures
    }

    /// The release `callguide` the whole-process figures run, or nil (and
    /// a note naming the command that builds it) when it is missing.
    static func releaseBinary(for bench: String) -> String? {
        let binary = URL(fileURLWithPath: StartupBench.binary).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Report.note("\(bench): \(binary) is missing; build it with 'swift build -c release --product callguide'")
            return nil
        }
        return binary
    }

    /// The median run (by wall time) of `runs` after one warm-up.
    static func median(binary: String, _ arguments: [String], runs: Int) -> ProcessCost? {
        _ = ProcessTimer.run([binary] + arguments)
        let costs = (0..<runs).compactMap { _ in ProcessTimer.run([binary] + arguments) }.sorted { $0.wall < $1.wall }
        return costs.isEmpty ? nil : costs[costs.count / 2]
    }

    /// Peak RSS in MB of one run, as `/usr/bin/time` reads it: the bench's
    /// own `wait4` would count the bench's memory for a child it spawned
    /// with `posix_spawn` (vfork), once the bench has grown bigger.
    static func peakRSS(_ binary: String, _ arguments: [String]) -> Double {
        let file = NSTemporaryDirectory() + "/callguide-rss-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = ProcessTimer.run(["/usr/bin/time", "-f", "%M", "-o", file, binary] + arguments)
        return readRSS(file)
    }

    static func readRSS(_ file: String) -> Double {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let kilobytes = text.split(separator: "\n").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return kilobytes.map { $0 / 1024 } ?? .nan
    }

    /// `count` new cards (name, phone, email), numbered from `first`.
    static func writeImportFile(_ path: String, first: Int, count: Int) {
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { return }
        defer { try? handle.close() }
        var text = "name,phone,email\n"
        for n in first..<(first + count) {
            let card = ScaleData.card(n)
            text += "\(card.name ?? ""),+\(card.phoneDigits),\(card.email ?? "")\n"
            if text.utf8.count > 1 << 20 {
                handle.write(Data(text.utf8))
                text = ""
            }
        }
        handle.write(Data(text.utf8))
    }
}

/// A `callguide` process run on a thread of its own, so the bench stores
/// calls while it runs.
final class ImportRun: @unchecked Sendable {
    private let arguments: [String]
    private let lock = NSLock()
    private var cost: ProcessCost?
    private var done = false
    private let finished = DispatchSemaphore(value: 0)

    init(binary: String, arguments: [String]) {
        self.arguments = [binary] + arguments
    }

    func start() {
        Thread.detachNewThread { [self] in
            let result = ProcessTimer.run(arguments)
            lock.withLock {
                cost = result
                done = true
            }
            finished.signal()
        }
    }

    var isDone: Bool { lock.withLock { done } }

    func wait() -> ProcessCost? {
        finished.wait()
        return lock.withLock { cost }
    }
}
