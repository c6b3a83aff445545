#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex with condition variables whose timed waits use `CLOCK_MONOTONIC`.
///
/// Used where a plain thread (the control loop, a ring consumer) must block with a bound,
/// which Swift concurrency does not offer. The mutex and conditions live in heap memory that
/// never moves, as pthreads require.
///
/// Threading: every method may be called from any thread. ``wait(_:untilNanoseconds:)`` must be
/// called with the lock held (inside ``withLock(_:)``); it blocks the calling thread.
final class ConditionLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let conditions: UnsafeMutablePointer<pthread_cond_t>
    /// How many condition variables this lock has; waiters pick one by index.
    let conditionCount: Int

    init(conditions count: Int = 1) {
        precondition(count >= 1, "a ConditionLock needs at least one condition")
        conditionCount = count
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let mutexStatus = pthread_mutex_init(mutex, nil)
        precondition(mutexStatus == 0, "pthread_mutex_init failed: \(mutexStatus)")
        conditions = .allocate(capacity: count)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        #if !canImport(Darwin)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        #endif
        for index in 0..<count {
            (conditions + index).initialize(to: pthread_cond_t())
            let status = pthread_cond_init(conditions + index, &attributes)
            precondition(status == 0, "pthread_cond_init failed: \(status)")
        }
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        for index in 0..<conditionCount { pthread_cond_destroy(conditions + index) }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with the mutex held. Keep `body` short: it must not block or await.
    @inline(__always)
    func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits on condition `index` until signalled or until the monotonic deadline passes.
    ///
    /// - Returns: `false` when the deadline passed; `true` when woken (possibly spuriously, so
    ///   callers re-check their predicate in a loop).
    func wait(_ index: Int, untilNanoseconds deadline: UInt64) -> Bool {
        #if canImport(Darwin)
        let now = MonotonicTime.nanoseconds()
        if deadline <= now { return false }
        let remaining = deadline - now
        var relative = timespec(tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
        return pthread_cond_timedwait_relative_np(conditions + index, mutex, &relative) != ETIMEDOUT
        #else
        var absolute = timespec(
            tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        return pthread_cond_timedwait(conditions + index, mutex, &absolute) != ETIMEDOUT
        #endif
    }

    /// Wakes one waiter of condition `index`. Call with or without the lock held.
    func signal(_ index: Int) {
        pthread_cond_signal(conditions + index)
    }
}
