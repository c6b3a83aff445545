// ring-bench: measures FrameRing.push latency (p50/p90/p99/p99.9/max, in nanoseconds) with a
// consumer thread draining the ring, the allocations made in steady state, and the latency of
// EpisodeCommitQueue.tryEnqueue; prints one JSON object per scenario. An optional argument
// runs only the scenario of that name.
//
// Not a test: speed is reported, never asserted. Run a release build:
//   swift build -c release --product ring-bench && .build/release/ring-bench
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CAllocationCounter
import Recording
import Video

struct Scenario {
    var name: String
    var slotCount: Int
    var frameBytes: Int
    var pushes: Int
    var policy: BackpressurePolicy
    /// Nanoseconds between pushes (0 = as fast as possible), to mimic a control loop's rate.
    var periodNanoseconds: UInt64
    var wakeBatch = 1
    var consumerTimeout: Duration = .seconds(10)
}

@inline(__always)
func now() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// Starts `body` on a new pthread and returns a function that joins it.
func startThread(_ body: @escaping @Sendable () -> Void) -> () -> Void {
    final class Box { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    let status = pthread_create(&thread, nil, { raw in
        Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
        return nil
    }, context)
    precondition(status == 0, "pthread_create failed: \(status)")
    return {
        #if canImport(Darwin)
        pthread_join(thread!, nil)
        #else
        pthread_join(thread, nil)
        #endif
    }
}

func percentile(_ sorted: [UInt64], _ fraction: Double) -> UInt64 {
    sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
}

func run(_ scenario: Scenario) throws -> String {
    let ring = try FrameRing(
        slotCount: scenario.slotCount, slotSize: scenario.frameBytes, policy: scenario.policy,
        wakeBatch: scenario.wakeBatch)
    let frame = UnsafeMutableRawBufferPointer.allocate(byteCount: scenario.frameBytes, alignment: 64)
    defer { frame.deallocate() }
    for index in 0..<scenario.frameBytes { frame[index] = UInt8(truncatingIfNeeded: index) }
    let join = startThread {
        var consumed = 0
        while true {
            let result = ring.consume(timeout: scenario.consumerTimeout) { frame in Int(frame.bytes.first ?? 0) }
            if case .finished = result { break }
            if case .timedOut = result { continue }
            consumed += 1
        }
        _ = consumed
    }
    var latencies = [UInt64](repeating: 0, count: scenario.pushes)
    let baseBefore = ring.slotStorageBaseAddress
    var next = now()
    // Counted process-wide (both threads) after a warm-up of 10% of the pushes, which pays the
    // one-time costs (generic metadata, thread-local setup) that are not steady state.
    let warmUp = scenario.pushes / 10
    var allocationsBefore: Int64 = 0
    for index in 0..<scenario.pushes {
        if index == warmUp { allocationsBefore = episodic_allocation_count() }
        if scenario.periodNanoseconds > 0 {
            next &+= scenario.periodNanoseconds
            while now() < next {}
        }
        let start = now()
        _ = try ring.push(UnsafeRawBufferPointer(frame))
        latencies[index] = now() &- start
    }
    let allocationsDuringSteadyState = episodic_allocation_count() - allocationsBefore
    ring.finish()
    join()
    latencies.sort()
    let counters = ring.counters
    return """
        {"scenario":"\(scenario.name)","wake_batch":\(ring.wakeBatch),"frame_bytes":\(scenario.frameBytes),"slots":\(ring.slotCount),\
        "pushes":\(scenario.pushes),"p50_ns":\(percentile(latencies, 0.5)),"p90_ns":\(percentile(latencies, 0.9)),\
        "p99_ns":\(percentile(latencies, 0.99)),"p999_ns":\(percentile(latencies, 0.999)),"max_ns":\(latencies.last ?? 0),\
        "accepted":\(counters.accepted),"accepted_after_wait":\(counters.acceptedAfterWait),\
        "duplicated":\(counters.duplicated),"timed_out":\(counters.timedOut),\
        "slot_base_unchanged":\(baseBefore == ring.slotStorageBaseAddress),\
        "steady_state_pushes":\(scenario.pushes - warmUp),"allocations_during_steady_state":\(allocationsDuringSteadyState)}
        """
}

let scenarios = [
    Scenario(name: "small-unpaced-duplicate", slotCount: 1024, frameBytes: 64, pushes: 1_000_000,
             policy: .duplicatePrevious, periodNanoseconds: 0),
    Scenario(name: "small-unpaced-block", slotCount: 1024, frameBytes: 64, pushes: 1_000_000,
             policy: .block(maxWait: .seconds(1)), periodNanoseconds: 0),
    Scenario(name: "small-1kHz-block", slotCount: 64, frameBytes: 64, pushes: 5_000,
             policy: .block(maxWait: .seconds(1)), periodNanoseconds: 1_000_000),
    Scenario(name: "small-1kHz-block-wake16", slotCount: 64, frameBytes: 64, pushes: 5_000,
             policy: .block(maxWait: .seconds(1)), periodNanoseconds: 1_000_000, wakeBatch: 16,
             consumerTimeout: .milliseconds(5)),
    Scenario(name: "480p-rgb-30fps-duplicate", slotCount: 8, frameBytes: 640 * 480 * 3, pushes: 900,
             policy: .duplicatePrevious, periodNanoseconds: 33_333_333),
    Scenario(name: "480p-rgb-30fps-duplicate-wake4", slotCount: 8, frameBytes: 640 * 480 * 3, pushes: 900,
             policy: .duplicatePrevious, periodNanoseconds: 33_333_333, wakeBatch: 4,
             consumerTimeout: .milliseconds(50)),
    Scenario(name: "480p-rgb-unpaced-block", slotCount: 8, frameBytes: 640 * 480 * 3, pushes: 3_000,
             policy: .block(maxWait: .seconds(1)), periodNanoseconds: 0),
]
let startupAllocations = episodic_allocation_count()
print("{\"allocation_counter_works\":\(startupAllocations > 0),\"allocations_at_startup\":\(startupAllocations)}")
let only = CommandLine.arguments.dropFirst().first
for scenario in scenarios where only == nil || scenario.name == only {
    print(try run(scenario))
}
if only == nil || only == "commit-queue-tryEnqueue" {
    print(try await runCommitQueueBench(episodes: 20_000))
}
