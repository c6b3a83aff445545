// The in-memory CameraStatsLog as it was before histograms were spooled: the oracle the spooled
// one must match bit for bit.

import LeRobot
@testable import Recording

/// A verbatim copy of the pre-spool algorithm (one 768 × UInt32 histogram kept per output frame).
struct InMemoryCameraStats {
    let width: Int
    let height: Int
    private let stride: Int
    private let sampledWidth: Int
    private let sampledHeight: Int
    private var histograms: [UInt32] = []
    private(set) var frames = 0

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        stride = ImageSampling.stride(height: height, width: width)
        sampledWidth = (width + stride - 1) / stride
        sampledHeight = (height + stride - 1) / stride
    }

    mutating func observe(firstIndex: Int, count: Int, rgb: UnsafeRawBufferPointer) {
        var histogram = [UInt32](repeating: 0, count: 768)
        if rgb.count == width * height * 3 {
            var y = 0
            while y < height {
                var x = 0
                let row = y * width * 3
                while x < width {
                    let p = row + x * 3
                    histogram[Int(rgb[p])] += 1
                    histogram[256 + Int(rgb[p + 1])] += 1
                    histogram[512 + Int(rgb[p + 2])] += 1
                    x += stride
                }
                y += stride
            }
        }
        precondition(firstIndex == frames)
        for _ in 0..<count { histograms.append(contentsOf: histogram) }
        frames += count
    }

    func statistics(length: Int) throws(LeRobotError) -> FeatureStatistics {
        let (all, count) = (histograms, frames)
        guard count >= length, length > 0 else {
            throw LeRobotError(.stats, "camera statistics saw \(count) frames of an episode of \(length)",
                               hint: "the encoder did not write every frame; re-record the episode")
        }
        var accumulator = ImageStatsAccumulator(height: sampledHeight, width: sampledWidth, episodeLength: length)
        let pixels = sampledWidth * sampledHeight
        var frame = [UInt8](repeating: 0, count: pixels * 3)
        for index in ImageSampling.indices(length: length) {
            for c in 0..<3 {
                var p = 0
                for value in 0..<256 {
                    let n = Int(all[index * 768 + c * 256 + value])
                    for _ in 0..<n where p < pixels {
                        frame[p * 3 + c] = UInt8(value)
                        p += 1
                    }
                }
            }
            try accumulator.add(frameIndex: index, rgb: frame)
        }
        guard let stats = accumulator.statistics() else {
            throw LeRobotError(.stats, "no camera frames were sampled", hint: "record at least one frame")
        }
        return stats
    }
}

/// A deterministic camera feed: varied frames (each with its own value range and seed), runs of
/// duplicated frames, and optionally wrong-sized frames, as the encoder's observer sees them.
struct StatsFeed {
    /// One observer call: `count` output frames showing `pixels`.
    struct Call {
        let first: Int
        let count: Int
        let pixels: [UInt8]
    }

    let calls: [Call]
    var frames: Int { calls.last.map { $0.first + $0.count } ?? 0 }

    init(width: Int, height: Int, frames: Int, seed: UInt64, badFrameEvery: Int? = nil) {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var calls: [Call] = []
        var first = 0
        while first < frames {
            let roll = next() % 10
            let count = Swift.min(frames - first, roll < 7 ? 1 : Int(roll) - 5)  // 1 (70 %) or 2…4
            let pixels: [UInt8]
            if let every = badFrameEvery, calls.count % every == every - 1 {
                pixels = [UInt8](repeating: 7, count: 5)  // wrong size: an empty histogram
            } else {
                let low = Int(next() % 200), span = Int(next() % 56) + 1
                pixels = (0..<(width * height * 3)).map { _ in UInt8(low + Int(next() % UInt64(span))) }
            }
            calls.append(Call(first: first, count: count, pixels: pixels))
            first += count
        }
        self.calls = calls
    }

    func feed(_ log: CameraStatsLog) {
        for call in calls {
            call.pixels.withUnsafeBytes { log.observe(firstIndex: call.first, count: call.count, rgb: $0) }
        }
    }

    func reference(width: Int, height: Int) -> InMemoryCameraStats {
        var reference = InMemoryCameraStats(width: width, height: height)
        for call in calls {
            call.pixels.withUnsafeBytes { reference.observe(firstIndex: call.first, count: call.count, rgb: $0) }
        }
        return reference
    }
}
