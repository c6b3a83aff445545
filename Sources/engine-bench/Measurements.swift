// Timing, percentiles and process-tree memory for the engine benchmark.

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Monotonic nanoseconds.
@inline(__always) func nanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Sleeps until monotonic time `deadline` (ns).
func sleep(until deadline: UInt64) {
    var ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
    while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil) == EINTR {}
}

/// p-th percentile (nearest rank) of sorted values.
func percentile(_ sorted: [UInt64], _ p: Double) -> UInt64 {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

/// Samples the resident memory of this process and all its descendants (ffmpeg) at 20 Hz and
/// keeps the peak, as `bench_lerobot.py` does with psutil.
final class TreeRSSSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var peak: Int = 0
    private var running = true

    func start() {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                let total = Self.treeRSS(pid: getpid())
                lock.withLock { peak = max(peak, total) }
                usleep(50_000)
            }
        }
        thread.name = "bench.rss"
        thread.start()
    }

    func stop() -> Int { lock.withLock { running = false; return peak } }

    /// RSS bytes of `pid` and its descendants (Linux /proc).
    static func treeRSS(pid: Int32) -> Int {
        var total = rss(pid: pid)
        for child in children(of: pid) { total += treeRSS(pid: child) }
        return total
    }

    static func rss(pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }  // ok: unknown → 0
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0) * 1024
        }
        return 0
    }

    static func children(of pid: Int32) -> [Int32] {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else { return [] }  // ok: no children
        return tasks.flatMap { task -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""  // ok: thread gone
            return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// This process's own peak RSS (VmHWM).
    static func selfPeak() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }  // ok: best-effort cleanup or measurement, see comment above
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0) * 1024
        }
        return 0
    }
}
