#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Catches SIGINT and SIGTERM so a recording stops cleanly: the terminal is restored at once
/// (in the handler), and the control loop sees ``isSet`` and discards the episode in progress,
/// waits for pending commits and exits. A second signal exits immediately with status 130
/// (committed episodes are safe on disk either way).
///
/// Threading: ``isSet`` is read by the control loop; the handler only stores to a C atomic-sized
/// global and calls async-signal-safe functions.
enum InterruptFlag {
    nonisolated(unsafe) private static var count: sig_atomic_t = 0

    /// Installs the handlers (once, before recording starts).
    static func install() {
        let handler: @convention(c) (Int32) -> Void = { _ in
            TerminalRestorer.restore()
            InterruptFlag.count += 1
            if InterruptFlag.count > 1 { _exit(130) }
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }

    /// Whether SIGINT or SIGTERM arrived.
    static var isSet: Bool { count > 0 }
}
