import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one whole process cost, as the kernel counted it (`wait4`).
struct ProcessCost {
    /// User plus system CPU time, in seconds.
    var cpu: Double
    /// From just before the spawn until the process was reaped, in seconds.
    var wall: Double
    /// Peak resident memory, in bytes.
    var maxRSS: Int
    var exitStatus: Int32
}

/// Runs programs as users run them (a fresh process, output thrown away)
/// and reads back what each cost: nothing of the program's work is left out
/// of the figures, from loading its libraries to freeing its memory at exit.
enum ProcessTimer {
    /// Runs `arguments[0]` (a path) with the rest as its arguments; nil if
    /// it could not be started.
    static func run(_ arguments: [String]) -> ProcessCost? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Clock.now()
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { return nil }
        }
        let wall = Double(Clock.now() - start) / 1e9
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return ProcessCost(
            cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), wall: wall,
            maxRSS: Int(usage.ru_maxrss) * 1024, exitStatus: (status >> 8) & 0xFF)
    }

    /// The CPUs this process may run on (children inherit them), as Linux
    /// lists them: `Scripts/bench load` runs under `taskset -c 0`.
    static func allowedCPUs() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "?" }
        let line = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
        return line.map { $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces) } ?? "?"
    }
}
