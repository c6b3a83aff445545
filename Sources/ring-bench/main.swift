// ring-bench: measures FrameRing.push latency (p50/p90/p99/p99.9/max, in nanoseconds) with a
// consumer thread draining the ring, and prints one JSON object per scenario.
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
import Recording

struct Scenario {
    var name: String
    var slotCount: Int
    var frameBytes: Int
    var pushes: Int
    var policy: BackPressurePolicy
    /// Nanoseconds between pushes (0 = as fast as possible), to mimic a control loop's rate.
    var periodNanoseconds: UInt64
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
    let ring = try FrameRing(slotCount: scenario.slotCount, slotSize: scenario.frameBytes, policy: scenario.policy)
    let frame = UnsafeMutableRawBufferPointer.allocate(byteCount: scenario.frameBytes, alignment: 64)
    defer { frame.deallocate() }
    for index in 0..<scenario.frameBytes { frame[index] = UInt8(truncatingIfNeeded: index) }
    let join = startThread {
        var consumed = 0
        while true {
            let result = ring.consume(timeout: .seconds(10)) { frame in Int(frame.bytes.first ?? 0) }
            if case .finished = result { break }
            consumed += 1
        }
        _ = consumed
    }
    var latencies = [UInt64](repeating: 0, count: scenario.pushes)
    let baseBefore = ring.slotStorageBaseAddress
    var next = now()
    for index in 0..<scenario.pushes {
        if scenario.periodNanoseconds > 0 {
            next &+= scenario.periodNanoseconds
            while now() < next {}
        }
        let start = now()
        _ = try ring.push(UnsafeRawBufferPointer(frame))
        latencies[index] = now() &- start
    }
    ring.finish()
    join()
    latencies.sort()
    let counters = ring.counters
    return """
        {"scenario":"\(scenario.name)","frame_bytes":\(scenario.frameBytes),"slots":\(ring.slotCount),\
        "pushes":\(scenario.pushes),"p50_ns":\(percentile(latencies, 0.5)),"p90_ns":\(percentile(latencies, 0.9)),\
        "p99_ns":\(percentile(latencies, 0.99)),"p999_ns":\(percentile(latencies, 0.999)),"max_ns":\(latencies.last ?? 0),\
        "accepted":\(counters.accepted),"accepted_after_wait":\(counters.acceptedAfterWait),\
        "duplicated":\(counters.duplicated),"timed_out":\(counters.timedOut),\
        "slot_base_unchanged":\(baseBefore == ring.slotStorageBaseAddress)}
        """
}

let scenarios = [
    Scenario(name: "small-unpaced-duplicate", slotCount: 1024, frameBytes: 64, pushes: 1_000_000,
             policy: .duplicatePrevious, periodNanoseconds: 0),
    Scenario(name: "small-unpaced-block", slotCount: 1024, frameBytes: 64, pushes: 1_000_000,
             policy: .block(maxWait: .seconds(1)), periodNanoseconds: 0),
    Scenario(name: "small-1kHz-block", slotCount: 64, frameBytes: 64, pushes: 5_000,
             policy: .block(maxWait: .seconds(1)), periodNanoseconds: 1_000_000),
    Scenario(name: "480p-rgb-30fps-duplicate", slotCount: 8, frameBytes: 640 * 480 * 3, pushes: 900,
             policy: .duplicatePrevious, periodNanoseconds: 33_333_333),
    Scenario(name: "480p-rgb-unpaced-block", slotCount: 8, frameBytes: 640 * 480 * 3, pushes: 3_000,
             policy: .block(maxWait: .seconds(1)), periodNanoseconds: 0),
]
let only = CommandLine.arguments.dropFirst().first
for scenario in scenarios where only == nil || scenario.name == only {
    print(try run(scenario))
}
