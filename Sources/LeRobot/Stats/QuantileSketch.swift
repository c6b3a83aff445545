// A bounded-memory quantile estimator for one value stream.

import Foundation

/// Streaming quantiles of one value stream in memory independent of its length.
///
/// **Exact phase.** The first ``capacity`` values are kept. While no more than
/// that have been seen, ``quantile(_:)`` is lerobot's own estimate (a 5000-bin
/// histogram over the exact [min, max], see `LeRobotHistogram`) — for an
/// episode of up to `capacity` frames (2.7 min at 30 fps) our numbers are
/// lerobot's numbers.
///
/// **Sketch phase.** Past that, values go into `capacity` equal-width bins on a
/// grid anchored at a fixed origin. When a value falls outside the window, the
/// window moves and, if needed, coarsens by merging bins pairwise (width × 2^k),
/// which is exact: no count ever moves to a bin it was not in.
///
/// **Error bound** (sketch phase): the estimate lies in the bin holding the target
/// rank, so it is within `binWidth` of the exact quantile (plus the spacing between
/// neighbouring values at that rank, where quantile definitions differ anyway), and
/// within `binWidth + (max − min)/5000` of lerobot's own estimate on the full data.
/// The window is chosen so that `binWidth ≤ 2·(max − min + 2e-10)/(capacity − 2)`.
/// `QuantileSketchTests` checks all three on 100 000-value streams (uniform,
/// Gaussian, drifting, late outlier, constant start).
///
/// Memory: `capacity` doubles for the buffer plus `capacity` counts.
/// Not thread-safe: one owner updates it.
public struct QuantileSketch: Sendable {
    public let capacity: Int
    public private(set) var count: Int = 0
    public private(set) var min: Double = .infinity
    public private(set) var max: Double = -.infinity
    private var buffer: [Double] = []
    // Sketch state (valid once `buffer` has been folded in).
    private var inSketch = false
    private var origin = 0.0
    private var baseWidth = 0.0
    private var level = 0
    private var windowStart = 0  // in bins of the current level, relative to origin
    private var bins: [Double] = []

    public init(capacity: Int = LeRobotHistogram.binCount) {
        precondition(capacity >= 16, "capacity must be at least 16")
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    /// Whether the estimate is still lerobot's exact-path estimate.
    public var isExact: Bool { !inSketch }

    /// Width of one bin in the sketch phase (0 in the exact phase).
    public var binWidth: Double { inSketch ? width(at: level) : 0 }

    /// Adds one value. NaN is ignored by the caller's contract: callers reject it first.
    public mutating func add(_ x: Double) {
        count += 1
        if x < min { min = x }
        if x > max { max = x }
        if !inSketch {
            if buffer.count < capacity {
                buffer.append(x)
                return
            }
            startSketch()
        }
        insert(x)
    }

    /// lerobot's estimate of quantile `q` (for example 0.01) of the values seen so far.
    /// With fewer than 2 values lerobot reports the mean for every quantile; this returns
    /// `nil` and the caller substitutes the mean.
    public func quantile(_ q: StatQuantile) -> Double? {
        guard count >= 2 else { return nil }
        if !inSketch {
            return LeRobotHistogram.quantiles(of: buffer.lazy.map { ($0, 1.0) }, min: min, max: max,
                                              total: Double(count))[q]
        }
        let w = width(at: level)
        var edges = [Double](repeating: 0, count: capacity + 1)
        for j in 0...capacity { edges[j] = origin + Double(windowStart + j) * w }
        return LeRobotHistogram.quantile(counts: bins, edges: edges, target: q.rawValue * Double(count))
    }

    private func width(at level: Int) -> Double {
        baseWidth * Double(sign: .plus, exponent: level, significand: 1)
    }

    private mutating func startSketch() {
        let lo = min - 1e-10, hi = max + 1e-10
        origin = lo
        baseWidth = (hi - lo) / Double(capacity)
        if !(baseWidth > 0) {
            // All values equal and too large for the padding to register: any positive width works.
            baseWidth = Swift.max(lo.magnitude, 1) * Double.ulpOfOne
        }
        level = 0
        windowStart = 0
        bins = [Double](repeating: 0, count: capacity)
        inSketch = true
        let values = buffer
        buffer = []
        for v in values { insert(v) }
    }

    /// The global bin of `x` at `level`, as a Double so that far values cannot overflow `Int`.
    private func binPosition(_ x: Double, level: Int) -> Double {
        ((x - origin) / width(at: level)).rounded(.down)
    }

    private mutating func insert(_ x: Double) {
        var g = binPosition(x, level: level)
        if g < Double(windowStart) || g >= Double(windowStart + capacity) {
            refit(including: x)
            g = binPosition(x, level: level)
        }
        let k = Swift.min(Swift.max(Int(g) - windowStart, 0), capacity - 1)
        bins[k] += 1
    }

    /// Moves (and coarsens if needed) the window so it covers [min, max] including `x`.
    /// The origin lies inside [min, max], so after the fit every index is within ±capacity.
    private mutating func refit(including x: Double) {
        let lo = Swift.min(min, x), hi = Swift.max(max, x)
        var newLevel = level
        let needed = (hi - lo) / (baseWidth * Double(capacity - 2))
        if needed > 1 { newLevel = Swift.max(level, Int(log2(needed).rounded(.up))) }
        while binPosition(hi, level: newLevel) - binPosition(lo, level: newLevel) >= Double(capacity) {
            newLevel += 1
        }
        let newStart = Int(binPosition(lo, level: newLevel))
        let shift = newLevel - level
        var newBins = [Double](repeating: 0, count: capacity)
        for (j, c) in bins.enumerated() where c != 0 {
            let g = windowStart + j
            let coarse: Int
            if shift == 0 {
                coarse = g
            } else if shift >= 62 {
                coarse = g < 0 ? -1 : 0
            } else {
                coarse = floorDiv(g, 1 << shift)
            }
            let k = Swift.min(Swift.max(coarse - newStart, 0), capacity - 1)
            newBins[k] += c
        }
        bins = newBins
        level = newLevel
        windowStart = newStart
    }

    private func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
