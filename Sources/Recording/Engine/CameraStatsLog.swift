// Per-frame colour histograms of one camera stream, for lerobot-exact camera statistics.

import Foundation
import LeRobot

/// Keeps a 3 × 256 histogram of every output frame of one camera (downsampled as lerobot does),
/// filled on the encoder's writer thread through its frame observer — never on the caller's.
///
/// lerobot computes camera statistics over frames sampled from the whole episode, so which
/// frames count is known only when the episode ends. Keeping each frame's histogram (3 KB)
/// instead of the frame lets ``statistics(length:)`` pick exactly lerobot's sample at commit
/// time and feed it to ``ImageStatsAccumulator``: the result is bit-for-bit what lerobot gets
/// from the same pixels (statistics of 8-bit channels depend only on the histograms).
///
/// Threading: ``observe(firstIndex:count:rgb:)`` on the writer thread; ``statistics(length:)``
/// after the encoder finished (its writer thread has ended). The lock makes the hand-over safe.
final class CameraStatsLog: @unchecked Sendable {
    let width: Int
    let height: Int
    private let stride: Int
    /// Downsampled size (what ``ImageStatsAccumulator`` sees; below 300 px so it uses stride 1).
    private let sampledWidth: Int
    private let sampledHeight: Int
    private let lock = NSLock()
    private var histograms: [UInt32] = []
    private var frames = 0

    init(width: Int, height: Int, expectedFrames: Int) {
        self.width = width
        self.height = height
        stride = ImageSampling.stride(height: height, width: width)
        sampledWidth = (width + stride - 1) / stride
        sampledHeight = (height + stride - 1) / stride
        histograms.reserveCapacity(expectedFrames * 768)
    }

    /// Records output frames `firstIndex ..< firstIndex + count`, which all show `rgb`.
    func observe(firstIndex: Int, count: Int, rgb: UnsafeRawBufferPointer) {
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
        lock.withLock {
            // Frames arrive in order; a mismatch would mean a bug in the encoder's numbering.
            precondition(firstIndex == frames, "camera statistics got frame \(firstIndex), expected \(frames)")
            for _ in 0..<count { histograms.append(contentsOf: histogram) }
            frames += count
        }
    }

    /// Frames observed so far.
    var frameCount: Int { lock.withLock { frames } }

    /// lerobot's per-episode statistics of this camera over an episode of `length` frames.
    func statistics(length: Int) throws(LeRobotError) -> FeatureStatistics {
        let (all, count) = lock.withLock { (histograms, frames) }
        guard count >= length, length > 0 else {
            throw LeRobotError(.stats, "camera statistics saw \(count) frames of an episode of \(length)",
                               hint: "the encoder did not write every frame; re-record the episode")
        }
        var accumulator = ImageStatsAccumulator(height: sampledHeight, width: sampledWidth, episodeLength: length)
        let pixels = sampledWidth * sampledHeight
        var frame = [UInt8](repeating: 0, count: pixels * 3)
        for index in ImageSampling.indices(length: length) {
            // Rebuild a frame with the same per-channel histograms (channel values sorted).
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
