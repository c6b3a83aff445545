// Does RecordingSession.addFrame allocate per frame in steady state? Measured on a real session.
//
//   cd Benchmarks && swift package benchmark --target RecordingEngineBenchmark --scale
//   (--scale prints raw counts per iteration = per 1,000 frames; without it, every metric is
//   divided by 1,000 and rounded, which hides anything under 500 allocations per 1,000 frames)
//   Where allocations come from: add --allocation-stacks (then only the malloc metrics count).

import Benchmark

/// Allocations on the thread calling `addFrame` during the measured frames (see
/// ``CallerThreadAllocations``). This is the number the "no allocation" claim is about.
let callerThreadMallocs = BenchmarkMetric.custom("callerThreadMallocs per 1,000 frames", useScalingFactor: false)
/// Allocations of every other thread (row consumer, encoder writer and stderr threads, ...) from
/// the first measured frame until the row consumer and the encoders have taken all of them.
/// `mallocCountTotal` instead stops with the last `addFrame`, so it sees a racy part of this.
let otherThreadsMallocs = BenchmarkMetric.custom("otherThreadsMallocs per 1,000 frames (until drained)",
                                                 useScalingFactor: false)
/// Camera frames that became duplicates during the measured frames: 0 means every frame took
/// the normal path (a free encoder slot); the markGap and overload benchmarks have some.
let duplicatedFrames = BenchmarkMetric.custom("duplicatedFrames per 1,000 frames", useScalingFactor: false)

/// One benchmark: a fresh session per benchmark (setup/teardown), 1,000 frames per iteration.
///
/// Each burst of 1,000 frames starts with the row consumer and the encoders idle (drained
/// outside the measurement), like a real-time loop whose encoders keep up; a queue smaller than
/// the burst makes the encoders fall behind (overload: frames become duplicates).
func recordingBenchmark(_ name: String, _ options: RecordingRig.Options) {
    let rig = RecordingRig(options)
    Benchmark(
        name,
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident,
                      callerThreadMallocs, otherThreadsMallocs, duplicatedFrames],
            warmupIterations: 2,
            scalingFactor: .kilo,
            maxDuration: .seconds(20),
            maxIterations: 20,
            setup: { try await rig.setUp() },
            teardown: {
                CallerThreadAllocations.uninstall()
                try await rig.tearDown()
            })
    ) { benchmark in
        // Per iteration, outside the measurement: malloc counting is on only in the measured
        // iterations (not the warmup), and --allocation-stacks swaps in its own hook between
        // them (it takes over again at startMeasurement, so then the custom counts are moot).
        CallerThreadAllocations.install()
        if benchmark.currentIteration >= benchmark.configuration.warmupIterations {
            try CallerThreadAllocations.checkCounting()
        }
        try rig.waitUntilDrained()
        let duplicatesBefore = rig.duplicatedFrames()
        benchmark.startMeasurement()
        let processBefore = CallerThreadAllocations.processTotal()
        CallerThreadAllocations.arm()
        try rig.record(frames: benchmark.scaledIterations.count)
        let callerDuringFrames = CallerThreadAllocations.count()
        benchmark.stopMeasurement()
        // Still armed: what this thread allocates from here on (the harness, the progress polls)
        // is subtracted from the process total, leaving the other threads' share.
        try rig.waitUntilDrained()
        let processAfter = CallerThreadAllocations.processTotal()
        let callerTotal = CallerThreadAllocations.disarm()
        benchmark.measurement(callerThreadMallocs, callerDuringFrames)
        benchmark.measurement(otherThreadsMallocs, processAfter - processBefore - callerTotal)
        benchmark.measurement(duplicatedFrames, rig.duplicatedFrames() - duplicatesBefore)
    }
}

let benchmarks: @Sendable () -> Void = {
    // Encoder queues hold a whole 1,000-frame burst, so a drained encoder never makes a frame wait.
    let burst = 1_100
    recordingBenchmark("addFrame: 2 cameras withCameraBuffer (in-place)",
                       .init(cameras: 2, fill: .inPlace, queueCapacity: burst))
    recordingBenchmark("addFrame: 2 cameras setCamera (borrowed)",
                       .init(cameras: 2, fill: .borrowed, queueCapacity: burst))
    recordingBenchmark("addFrame: 0 cameras (row ring only)",
                       .init(cameras: 0))
    // A flaky camera: every 10th frame is reported late (markGap), the rest rendered in place.
    recordingBenchmark("addFrame: 2 cameras withCameraBuffer, every 10th frame markGap",
                       .init(cameras: 2, fill: .inPlace, queueCapacity: burst, gapEvery: 10))
    // Default queue (30 slots = one second): a 1,000-frame burst overruns it.
    recordingBenchmark("addFrame: 2 cameras withCameraBuffer, overload (queue full)",
                       .init(cameras: 2, fill: .inPlace))
}
