// Per-episode statistics of a camera, computed the way lerobot does.

import Foundation

/// lerobot's frame sampling for camera statistics (`compute_stats.py`).
public enum ImageSampling {
    /// `estimate_num_samples`: all frames below 100, else `max(100, min(int(L^0.75), 10000))`.
    public static func sampleCount(length: Int) -> Int {
        if length < 100 { return length }
        let powered = Int(pow(Double(length), 0.75))
        return Swift.max(100, Swift.min(powered, 10_000))
    }

    /// `sample_indices`: `np.round(np.linspace(0, L-1, n))` (round half to even).
    public static func indices(length: Int) -> [Int] {
        let n = sampleCount(length: length)
        guard n > 1 else { return n == 1 ? [0] : [] }
        let step = Double(length - 1) / Double(n - 1)
        return (0..<n).map { i in
            let v = i == n - 1 ? Double(length - 1) : Double(i) * step
            return Int(v.rounded(.toNearestOrEven))
        }
    }

    /// `auto_downsample_height_width`: stride 1 below 300 px, else `int(W/150)` (or `int(H/150)`).
    public static func stride(height: Int, width: Int) -> Int {
        if Swift.max(width, height) < 300 { return 1 }
        return width > height ? width / 150 : height / 150
    }
}

/// Accumulates one episode's per-channel statistics of a camera.
///
/// Frames are RGB, 8 bits per channel, row-major HWC. As lerobot does: only the
/// sampled frames count (when the episode length is known up front), each is
/// downsampled by ``ImageSampling/stride(height:width:)``, and values are scaled
/// to [0, 1] at the end. Pixel values are integers, so a 256-entry histogram per
/// channel holds them exactly: every statistic, quantiles included, is exactly
/// what lerobot computes, in fixed memory.
///
/// Not thread-safe: owned by the one task that consumes a camera's frames.
public struct ImageStatsAccumulator: Sendable {
    public let height: Int
    public let width: Int
    public let channels = 3
    private let stride: Int
    private let sampled: Set<Int>?
    private var histograms: [[Int]]
    public private(set) var framesUsed = 0

    /// - Parameter episodeLength: the number of frames the episode will have, if
    ///   known: then only lerobot's sampled frames are used. `nil` uses every frame.
    public init(height: Int, width: Int, episodeLength: Int? = nil) {
        self.height = height
        self.width = width
        stride = ImageSampling.stride(height: height, width: width)
        sampled = episodeLength.map { Set(ImageSampling.indices(length: $0)) }
        histograms = Array(repeating: Array(repeating: 0, count: 256), count: 3)
    }

    /// Whether frame `frameIndex` contributes (so callers can skip the work of handing it in).
    public func wants(frameIndex: Int) -> Bool { sampled?.contains(frameIndex) ?? true }

    /// Adds frame `frameIndex` (`height * width * 3` bytes, HWC RGB); ignored if not sampled.
    ///
    /// - Throws: `ERR_FEATURE_VALUE` if the byte count is wrong.
    public mutating func add(frameIndex: Int, rgb: UnsafeRawBufferPointer) throws(LeRobotError) {
        guard rgb.count == height * width * 3 else {
            throw LeRobotError(.featureValue, "frame has \(rgb.count) bytes, expected \(height * width * 3)",
                               hint: "pass \(height)x\(width) RGB8 pixels")
        }
        guard wants(frameIndex: frameIndex) else { return }
        framesUsed += 1
        var y = 0
        while y < height {
            var x = 0
            let row = y * width * 3
            while x < width {
                let p = row + x * 3
                histograms[0][Int(rgb[p])] += 1
                histograms[1][Int(rgb[p + 1])] += 1
                histograms[2][Int(rgb[p + 2])] += 1
                x += stride
            }
            y += stride
        }
    }

    /// Convenience for `[UInt8]` frames.
    public mutating func add(frameIndex: Int, rgb: [UInt8]) throws(LeRobotError) {
        try withBytes(of: rgb) { (buffer) throws(LeRobotError) in try add(frameIndex: frameIndex, rgb: buffer) }
    }

    /// Per-channel statistics scaled to [0, 1]; `count` is the number of frames used.
    /// `nil` before the first frame.
    public func statistics() -> FeatureStatistics? {
        guard framesUsed > 0 else { return nil }
        var mins: [Double] = [], maxs: [Double] = [], means: [Double] = [], stds: [Double] = []
        var quantiles: [StatQuantile: [Double]] = [:]
        for c in 0..<3 {
            let h = histograms[c]
            let total = Double(h.reduce(0, +))
            let present = (0..<256).filter { h[$0] > 0 }
            let lo = Double(present.first!), hi = Double(present.last!)
            var sum = 0.0
            for v in present { sum += Double(v) * Double(h[v]) }
            let mean = sum / total
            var sq = 0.0
            for v in present { sq += Double(h[v]) * (Double(v) - mean) * (Double(v) - mean) }
            mins.append(lo / 255.0)
            maxs.append(hi / 255.0)
            means.append(mean / 255.0)
            stds.append((sq / total).squareRoot() / 255.0)
            let qs: [StatQuantile: Double]
            if total < 2 {
                qs = Dictionary(uniqueKeysWithValues: StatQuantile.allCases.map { ($0, mean) })
            } else {
                qs = LeRobotHistogram.quantiles(
                    of: present.lazy.map { (Double($0), Double(h[$0])) }, min: lo, max: hi, total: total)
            }
            for q in StatQuantile.allCases { quantiles[q, default: []].append(qs[q]! / 255.0) }
        }
        return FeatureStatistics(layout: .channels, min: mins, max: maxs, mean: means, std: stds,
                                 count: framesUsed, quantiles: quantiles)
    }
}
