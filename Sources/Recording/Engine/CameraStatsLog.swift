// Per-frame colour histograms of one camera stream, for lerobot-exact camera statistics.

import Foundation
import LeRobot

/// Keeps a 3 × 256 histogram of every output frame of one camera (downsampled as lerobot does),
/// filled on the encoder's writer thread through its frame observer — never on the caller's.
///
/// lerobot computes camera statistics over frames sampled from the whole episode, so which
/// frames count is known only when the episode ends. Keeping each frame's histogram instead of
/// the frame lets ``statistics(length:)`` pick exactly lerobot's sample at commit time and feed
/// it to ``ImageStatsAccumulator``: the result is bit-for-bit what lerobot gets from the same
/// pixels (statistics of 8-bit channels depend only on the histograms).
///
/// Memory stays flat in episode length: histograms go to a ``HistogramSpool`` (an unlinked file,
/// written in ~64 KB blocks on the writer thread), and ``statistics(length:)`` reads back only
/// the sampled ones. Holding them in memory instead grew the recorder by 3 KB per frame (~92 KB/s
/// per 30 fps camera, ~330 MB for a 30-minute episode with two cameras). In memory remain the
/// write buffer and one 12-byte entry per duplicated run (see ``DuplicateRuns``).
///
/// A record holds 768 counts, each at most the sampled pixels per frame: `UInt16` when those are
/// ≤ 65535 (frames up to 299 × 219 px, and every frame lerobot downsamples, which it brings to at
/// most 225 px a side), else `UInt32`; 1536 or 3072 bytes per distinct frame on disk.
///
/// Threading: ``observe(firstIndex:count:rgb:)`` on the writer thread; ``statistics(length:)``
/// after the encoder finished (its writer thread has ended). The lock makes the hand-over safe;
/// the spool's 64 KB writes happen under it, which only ``frameCount`` could wait on.
final class CameraStatsLog: @unchecked Sendable {
    let width: Int
    let height: Int
    private let stride: Int
    /// Downsampled size (what ``ImageStatsAccumulator`` sees; below 300 px so it uses stride 1).
    private let sampledWidth: Int
    private let sampledHeight: Int
    /// Whether counts are stored as `UInt16` (no count can exceed the sampled pixels).
    private let narrow: Bool
    private let lock = NSLock()
    private let spool: HistogramSpool
    private var runs = DuplicateRuns()
    private var frames = 0

    /// - Parameters:
    ///   - expectedFrames: unused since histograms are spooled (memory no longer depends on it);
    ///     kept so callers compile unchanged.
    ///   - spoolPath: where to create the spool file (it is unlinked as soon as it is created, so
    ///     it never shows in a directory listing, and its space is freed by ``close()`` or
    ///     deinit). Pass a path in the take's spool directory to keep the histograms on the
    ///     spool disk; `nil` uses an anonymous file in the temporary directory, so every
    ///     existing caller gets flat memory without a change (on a tmpfs `TMPDIR` the pages
    ///     then stay in RAM, though outside the recorder's RSS: prefer the spool directory).
    init(width: Int, height: Int, expectedFrames: Int, spoolPath: String? = nil) {
        self.width = width
        self.height = height
        stride = ImageSampling.stride(height: height, width: width)
        sampledWidth = (width + stride - 1) / stride
        sampledHeight = (height + stride - 1) / stride
        narrow = sampledWidth * sampledHeight <= Int(UInt16.max)
        spool = HistogramSpool(recordSize: 768 * (narrow ? 2 : 4), path: spoolPath)
    }

    /// Records output frames `firstIndex ..< firstIndex + count`, which all show `rgb`: one
    /// spool record for the whole run.
    func observe(firstIndex: Int, count: Int, rgb: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 768) { histogram in
            histogram.initialize(repeating: 0)
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
            withUnsafeTemporaryAllocation(byteCount: spool.recordSize, alignment: 4) { record in
                for i in 0..<768 {
                    if narrow {
                        record.storeBytes(of: UInt16(histogram[i]), toByteOffset: i * 2, as: UInt16.self)
                    } else {
                        record.storeBytes(of: histogram[i], toByteOffset: i * 4, as: UInt32.self)
                    }
                }
                lock.withLock {
                    // Frames arrive in order; a mismatch would mean a bug in the encoder's numbering.
                    precondition(firstIndex == frames && count >= 0,
                                 "camera statistics got frames \(firstIndex)+\(count), expected \(frames)")
                    guard count > 0 else { return }
                    let ordinal = spool.recordCount
                    spool.append(UnsafeRawBufferPointer(record))
                    // After a spool failure nothing is read back: keep memory flat anyway.
                    if count > 1 && spool.failure == nil {
                        runs.append(first: firstIndex, count: count, record: ordinal)
                    }
                    frames += count
                }
            }
        }
    }

    /// Frames observed so far.
    var frameCount: Int { lock.withLock { frames } }

    /// Bytes in the spool file (flushed records only); `nil` before the first write or after
    /// ``close()``. For tests and diagnostics.
    var spoolFileSize: Int? { lock.withLock { spool.fileSize } }

    /// Frees the spool file and its descriptor (deinit does too). ``statistics(length:)``
    /// afterwards throws `ERR_IO`.
    func close() { lock.withLock { spool.close() } }

    /// lerobot's per-episode statistics of this camera over an episode of `length` frames.
    ///
    /// Reads back only lerobot's sampled frames (`pread`, on the caller's thread: the committer).
    /// - Throws: `ERR_STATS` if fewer than `length` frames were observed; `ERR_DISK_FULL` or
    ///   `ERR_IO` if spooling the histograms failed (the first error, kept since it happened).
    func statistics(length: Int) throws(LeRobotError) -> FeatureStatistics {
        lock.lock()
        defer { lock.unlock() }
        guard frames >= length, length > 0 else {
            throw LeRobotError(.stats, "camera statistics saw \(frames) frames of an episode of \(length)",
                               hint: "the encoder did not write every frame; re-record the episode")
        }
        spool.flush()
        if let failure = spool.failure { throw failure }
        var accumulator = ImageStatsAccumulator(height: sampledHeight, width: sampledWidth, episodeLength: length)
        let pixels = sampledWidth * sampledHeight
        var frame = [UInt8](repeating: 0, count: pixels * 3)
        let record = UnsafeMutableRawBufferPointer.allocate(byteCount: spool.recordSize, alignment: 4)
        defer { record.deallocate() }
        var loaded = -1
        for index in ImageSampling.indices(length: length) {
            let ordinal = runs.record(of: index)
            if ordinal != loaded {
                try spool.read(record: ordinal, into: record)
                loaded = ordinal
            }
            // Rebuild a frame with the same per-channel histograms (channel values sorted). A
            // frame of the wrong size has an empty histogram and keeps the previous pixels, as
            // it always did.
            for c in 0..<3 {
                var p = 0
                for value in 0..<256 {
                    let bin = c * 256 + value
                    let n = narrow ? Int(record.load(fromByteOffset: bin * 2, as: UInt16.self))
                                   : Int(record.load(fromByteOffset: bin * 4, as: UInt32.self))
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

/// Maps output frame indices to spool records when runs of identical frames are stored once.
///
/// A frame observed alone gets the next record, so between duplicated runs the record is the
/// index minus the frames saved by earlier runs: only duplicated runs need an entry (12 bytes
/// each, none for a normal frame), found by binary search. Indices fit `UInt32` (4.5 years at 30 fps).
struct DuplicateRuns {
    private struct Run {
        let first: UInt32
        let count: UInt32
        let record: UInt32
    }

    private var runs: [Run] = []

    /// Frames `first ..< first + count` (count > 1, after every run appended so far) share `record`.
    mutating func append(first: Int, count: Int, record: Int) {
        runs.append(Run(first: UInt32(first), count: UInt32(count), record: UInt32(record)))
    }

    /// The record holding output frame `index`.
    func record(of index: Int) -> Int {
        // The last run starting at or before index.
        var low = 0, high = runs.count
        while low < high {
            let mid = (low + high) / 2
            if Int(runs[mid].first) <= index { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return index }
        let run = runs[low - 1]
        let end = Int(run.first) + Int(run.count)
        return index < end ? Int(run.record) : Int(run.record) + 1 + (index - end)
    }
}
