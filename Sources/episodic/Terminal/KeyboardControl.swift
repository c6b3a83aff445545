#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads operator keys from a terminal in raw mode and queues them as ``KeyCommand``s.
///
/// ``start()`` switches the terminal to non-canonical, no-echo mode (signals stay enabled, so
/// Ctrl-C still raises SIGINT) and starts a reader thread; ``restore()`` puts the saved settings
/// back. Restoring also happens on SIGINT/SIGTERM through ``TerminalRestorer`` (async-signal-safe
/// `tcsetattr`), so a killed recorder never leaves the shell without echo.
///
/// Threading: the reader thread polls stdin every 100 ms; the control loop drains commands with
/// ``poll()`` from any thread (short lock).
final class KeyboardControl: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var commands: [KeyCommand] = []
    private var stopping = false
    private var thread: Thread?

    /// Whether `fd` is a terminal (only then are keys read).
    static func isTerminal(_ fd: Int32 = STDIN_FILENO) -> Bool { isatty(fd) == 1 }

    init(fd: Int32 = STDIN_FILENO) {
        self.fd = fd
    }

    /// Enters raw mode and starts reading keys. Does nothing when `fd` is not a terminal.
    func start() {
        guard Self.isTerminal(fd) else { return }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { return }
        TerminalRestorer.save(settings, fd: fd)
        var raw = settings
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(fd, TCSANOW, &raw)
        let thread = Thread { [self] in readLoop() }
        thread.name = "episodic.keyboard"
        self.thread = thread
        thread.start()
    }

    /// The commands typed since the last call, oldest first.
    func poll() -> [KeyCommand] {
        lock.withLock {
            defer { commands.removeAll() }
            return commands
        }
    }

    /// Stops reading and restores the terminal settings saved by ``start()``. Idempotent.
    func restore() {
        lock.withLock { stopping = true }
        TerminalRestorer.restore()
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while !lock.withLock({ stopping }) {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&pfd, 1, 100)
            if ready <= 0 { continue }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            let decoded = KeyCommand.decode(Array(buffer[0..<n]))
            if !decoded.isEmpty { lock.withLock { commands.append(contentsOf: decoded) } }
        }
    }
}

/// Saved terminal settings, restored from normal code or from a signal handler.
///
/// Global state because a C signal handler cannot capture context; written once before the
/// handler is installed, read by the handler (only `tcsetattr`, which is async-signal-safe).
enum TerminalRestorer {
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var savedFD: Int32 = -1

    static func save(_ settings: termios, fd: Int32) {
        saved = settings
        savedFD = fd
    }

    /// Puts the saved settings back (no-op when nothing was saved).
    static func restore() {
        guard savedFD >= 0 else { return }
        tcsetattr(savedFD, TCSANOW, &saved)
    }
}
