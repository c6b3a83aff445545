#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic nanoseconds and `Duration` conversions for the blocking waits of the engine.
///
/// `CLOCK_MONOTONIC` because deadlines must not jump with the wall clock. Never used for
/// anything written to a dataset (that would break byte-identical output).
enum MonotonicTime {
    /// Nanoseconds since an arbitrary fixed point; never decreases. Safe from any thread.
    @inline(__always)
    static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// A duration in whole nanoseconds, clamped to `0...UInt64.max / 2` so deadlines never overflow.
    static func nanoseconds(of duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let limit = UInt64.max / 2
        if seconds >= Int64(limit / 1_000_000_000) { return limit }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
