// Counts the allocations of one thread only, next to the process-wide mallocCountTotal.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Benchmark
import MallocInterposerSwift
import Synchronization

/// Counts the allocations made by one thread (the control loop calling `addFrame`) while armed.
///
/// Why: the malloc interposer behind `mallocCountTotal` counts the whole process, and a running
/// `RecordingSession` has other threads that allocate (the row consumer, the encoders' writer and
/// stderr threads, the disk monitor). The interposer calls an allocation hook on the allocating
/// thread, so this hook keeps only the allocations of the armed thread.
///
/// The hook runs inside malloc: it only compares the thread id with an atomic and bumps an atomic
/// (no allocation, no lock). Its statics are touched in ``install()`` so their lazy
/// initialization never runs inside malloc.
///
/// Not meaningful with `--allocation-stacks`: that mode installs its own hook in every measured
/// region (there is only one hook), so this count then stays 0.
///
/// The interposer calls the hook only while malloc counting is on (from the first to the last
/// measured iteration of a benchmark; not in setup or warmup), so ``install()`` and
/// ``checkCounting()`` belong in the measured iterations.
enum CallerThreadAllocations {
    private static let armedThread = Atomic<UInt>(0)
    private static let allocations = Atomic<Int>(0)

    private static let hook: MallocInterposerSwift.AllocationHook = { _ in
        if CallerThreadAllocations.armedThread.load(ordering: .relaxed) == CallerThreadAllocations.currentThread() {
            CallerThreadAllocations.allocations.add(1, ordering: .relaxed)
        }
    }

    /// The calling thread's id (never 0 for a live thread).
    @inline(__always)
    static func currentThread() -> UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
    }

    /// Installs the hook (idempotent; counting needs ``arm()`` too).
    static func install() {
        _ = armedThread.load(ordering: .relaxed)
        _ = allocations.load(ordering: .relaxed)
        _ = currentThread()
        MallocInterposerSwift.setAllocationHook(hook)
    }

    /// Checks that the hook sees this thread's allocations (the interposer is loaded and counting),
    /// so a 0 from the benchmark means "no allocation", never "not measured".
    /// - Throws: when one deliberate allocation is not counted.
    static func checkCounting() throws {
        arm()
        let probe = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16)
        blackHole(probe)
        probe.deallocate()
        let seen = disarm()
        guard seen >= 1 else {
            throw CountingError(description: "the malloc interposer's hook saw \(seen) of 1 deliberate allocation: is the MallocInterposer trait on?")
        }
    }

    struct CountingError: Error, CustomStringConvertible {
        let description: String
    }

    /// Removes the hook (in the benchmark's teardown).
    static func uninstall() {
        MallocInterposerSwift.setAllocationHook(nil)
    }

    /// Starts counting the calling thread's allocations from zero.
    @inline(__always)
    static func arm() {
        allocations.store(0, ordering: .relaxed)
        armedThread.store(currentThread(), ordering: .sequentiallyConsistent)
    }

    /// The armed thread's allocations since ``arm()`` so far (keeps counting).
    @inline(__always)
    static func count() -> Int {
        allocations.load(ordering: .relaxed)
    }

    /// Stops counting; returns the armed thread's allocations since ``arm()``.
    @inline(__always)
    static func disarm() -> Int {
        armedThread.store(0, ordering: .sequentiallyConsistent)
        return allocations.load(ordering: .relaxed)
    }

    /// The interposer's process-wide allocation count (all threads; it counts from the start of
    /// the benchmark run to its end). Reading it does not allocate.
    @inline(__always)
    static func processTotal() -> Int {
        MallocInterposerSwift.getStatistics().mallocCount
    }
}
