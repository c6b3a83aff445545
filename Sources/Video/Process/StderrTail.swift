import Foundation

/// Drains a child's stderr on its own thread, keeping only the last `limit` lines.
///
/// Why: a child whose stderr pipe fills (64 KiB) blocks forever, so stderr must always be read;
/// and the last lines are what explain a failure (`ERR_ENCODER_FAILED` carries them).
/// ffmpeg's `\r` progress lines are split like newlines. ``onEOF`` runs on the drain thread
/// once the child has closed stderr (normally: it exited).
final class StderrTail: @unchecked Sendable {
    private let lines: LockedBox<[String]>
    private let limit: Int
    private let done = DispatchSemaphore(value: 0)

    init(limit: Int = 20) {
        self.limit = limit
        lines = LockedBox([])
    }

    /// Starts the drain thread for `fd` (which must stay open until EOF is read).
    func start(fd: Int32, name: String, onEOF: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            var partial: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 8192)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                for byte in chunk[0..<n] {
                    if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                        append(partial)
                        partial.removeAll(keepingCapacity: true)
                    } else {
                        partial.append(byte)
                    }
                }
            }
            append(partial)
            onEOF()
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    private func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let line = String(decoding: bytes, as: UTF8.self)
        lines.withLock {
            $0.append(line)
            if $0.count > limit { $0.removeFirst($0.count - limit) }
        }
    }

    /// The last lines read so far, oldest first.
    var snapshot: [String] { lines.withLock { $0 } }

    /// Waits up to `timeout` for EOF; returns whether it was reached.
    func waitForEOF(timeout: Duration) -> Bool {
        let ms = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard done.wait(timeout: .now() + .milliseconds(ms)) == .success else { return false }
        done.signal()  // keep it signalled for later waiters
        return true
    }

    /// Whether any kept line says the disk is full (ffmpeg prints strerror(ENOSPC)).
    var mentionsDiskFull: Bool {
        snapshot.contains { $0.contains("No space left on device") || $0.contains("Disk quota exceeded") }
    }
}
