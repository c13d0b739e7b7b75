import Foundation

/// A progress line on stderr for long runs (done/total, rate), shown only
/// when stderr is a terminal so that logs and pipes stay clean.
final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let lock = NSLock()
    private var done = 0
    private var lastShown = Date.distantPast
    private let started = Date()

    init(total: Int) {
        self.total = total
        self.enabled = isatty(2) == 1 && total > 20
    }

    func advance() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let now = Date()
        guard now.timeIntervalSince(lastShown) > 0.1 || done == total else { return }
        lastShown = now
        let rate = Double(done) / max(now.timeIntervalSince(started), 0.001)
        StandardOutput.writeUnfiltered("\r\(done)/\(total) transcripts, \(Int(rate))/s", to: 2)
    }

    func finish() {
        guard enabled else { return }
        StandardOutput.writeUnfiltered("\r\u{1B}[K", to: 2)
    }
}
