import Foundation
import Glibc

/// glibc's POSIX_SPAWN_SETSID (spawn.h, glibc >= 2.26), spelled out because
/// the Glibc module does not export GNU extensions.
private let spawnSetsid: Int32 = 0x80

/// Linux ioctls behind posix_openpt/unlockpt/ptsname, which the Glibc module
/// does not export (they need _XOPEN_SOURCE): _IOW('T', 0x31, int) and
/// _IOR('T', 0x30, unsigned int) from <asm-generic/ioctls.h>.
private let setPseudoTerminalLock: UInt = 0x4004_5431
private let getPseudoTerminalNumber: UInt = 0x8004_5430

/// Opens a new pseudo-terminal: the master descriptor (close-on-exec) and
/// the path of its unlocked slave.
func openPseudoTerminalPair() throws -> (master: Int32, slavePath: String) {
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0 else { throw PseudoTerminalError(description: "cannot open /dev/ptmx: errno \(errno)") }
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard ioctl(master, setPseudoTerminalLock, &unlock) == 0,
        ioctl(master, getPseudoTerminalNumber, &number) == 0
    else {
        close(master)
        throw PseudoTerminalError(description: "cannot unlock the pseudo-terminal: errno \(errno)")
    }
    return (master, "/dev/pts/\(number)")
}

struct PseudoTerminalError: Error, CustomStringConvertible {
    let description: String
}

/// A child process attached to a fresh pseudo-terminal, as if an operator
/// were typing at it: its standard input, output and error are the terminal,
/// which is also its controlling terminal (so Ctrl-C raises SIGINT).
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    /// Output received but not yet returned by `readUntil`.
    private var pending: [UInt8] = []
    private var exitStatus: Int32?
    private var masterClosedByChild = false

    /// Spawns `executable` with `arguments` and exactly `environment`.
    init(executable: String, arguments: [String], environment: [String: String]) throws {
        let (master, slavePath) = try openPseudoTerminalPair()
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The child is a new session leader (POSIX_SPAWN_SETSID runs before
        // the file actions), so opening the slave makes it the controlling tty.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(spawnSetsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(master)
            throw PseudoTerminalError(description: "posix_spawn \(executable) failed: \(result)")
        }
        self.pid = pid
        self.master = master
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `text` (UTF-8) at the terminal. Use "\r" for Return, as a
    /// terminal does.
    func send(_ text: String) {
        var bytes = Array(text.utf8)
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            bytes.removeFirst(written)
        }
    }

    /// Types Ctrl-`letter`: `sendControl("c")` is Ctrl-C (0x03).
    func sendControl(_ letter: Character) {
        guard let ascii = letter.uppercased().first?.asciiValue else { return }
        send(String(UnicodeScalar(ascii & 0x1F)))
    }

    /// Waits for `needle` to appear in the output, then returns everything
    /// received up to and including it (nothing is stripped). On timeout it
    /// returns all output received so far, which then lacks `needle`.
    func readUntil(_ needle: String, timeout: TimeInterval = 5) -> String {
        let target = Array(needle.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let end = Self.endOfMatch(of: target, in: pending) {
                let text = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(end)
                return text
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 || !receive(waitingAtMost: remaining) {
                let text = String(decoding: pending, as: UTF8.self)
                pending.removeAll()
                return text
            }
        }
    }

    /// Waits until the child has switched the terminal out of canonical
    /// (cooked) mode, as a line editor does once it waits for keys; false on
    /// timeout. libedit prints its prompt just *before* switching, so keys
    /// sent in between would meet the cooked line discipline (Ctrl-D would
    /// become a NUL byte): tests wait for this before typing.
    @discardableResult
    func waitForRawMode(timeout: TimeInterval = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            // On Linux the master reports the slave's settings.
            var settings = termios()
            if tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0 {
                return true
            }
            usleep(1_000)
        } while Date() < deadline
        return false
    }

    /// Waits for the child to exit: its exit status, 128 + signal when it
    /// was killed by a signal, or nil on timeout (the child is then killed).
    func waitForExit(timeout: TimeInterval = 5) -> Int32? {
        if let exitStatus { return exitStatus }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7F
                let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                exitStatus = code
                return code
            }
            // Keep draining so a chatty child never blocks on a full terminal.
            _ = receive(waitingAtMost: 0.01)
        }
        return nil
    }

    /// Reads whatever output arrives within `seconds`; false once the child
    /// has closed the terminal or time ran out with nothing new.
    private func receive(waitingAtMost seconds: TimeInterval) -> Bool {
        guard !masterClosedByChild else { return false }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(1, min(seconds, 60) * 1000)))
        if ready < 0 { return errno == EINTR }
        if ready == 0 { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count > 0 {
            pending.append(contentsOf: chunk[0..<count])
            return true
        }
        if count < 0 && errno == EINTR { return true }
        // EIO: every slave descriptor is closed, the child is gone.
        masterClosedByChild = true
        return false
    }

    private static func endOfMatch(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start + needle.count
        }
        return nil
    }
}
