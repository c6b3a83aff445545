// Streaming per-episode statistics of a table feature (vector or scalar).

/// Accumulates one episode's statistics of a numeric table feature, one frame
/// at a time, in memory independent of the episode length.
///
/// Per element: exact min and max, Welford mean and population std (lerobot's
/// `std`), and the five quantiles through a ``QuantileSketch`` (lerobot's own
/// estimate for episodes up to `sketchCapacity` frames).
///
/// Not thread-safe: owned by the one task that consumes a stream's frames.
public struct VectorStatsAccumulator: Sendable {
    public let width: Int
    private var moments: [RunningMoments]
    private var sketches: [QuantileSketch]

    public init(width: Int, sketchCapacity: Int = LeRobotHistogram.binCount) {
        precondition(width > 0)
        self.width = width
        moments = Array(repeating: RunningMoments(), count: width)
        sketches = Array(repeating: QuantileSketch(capacity: sketchCapacity), count: width)
    }

    /// Frames added so far.
    public var count: Int { moments[0].count }

    /// Adds one frame's values (`width` of them).
    ///
    /// - Throws: `ERR_FEATURE_VALUE` if the count is wrong or a value is NaN.
    public mutating func add(_ values: [Double]) throws(LeRobotError) {
        guard values.count == width else {
            throw LeRobotError(.featureValue, "expected \(width) values, got \(values.count)",
                               hint: "pass one value per element of the feature's shape")
        }
        for v in values where v.isNaN {
            throw LeRobotError(.featureValue, "value is NaN", hint: "replace NaN before recording")
        }
        for i in 0..<width {
            moments[i].add(values[i])
            sketches[i].add(values[i])
        }
    }

    /// Adds one frame of float32 values.
    public mutating func add(_ values: [Float]) throws(LeRobotError) {
        try add(values.map(Double.init))
    }

    /// The episode's statistics; `nil` before the first frame.
    ///
    /// With a single frame every quantile equals the mean, as lerobot does.
    public func statistics() -> FeatureStatistics? {
        guard count > 0 else { return nil }
        var quantiles: [StatQuantile: [Double]] = [:]
        for q in StatQuantile.allCases {
            quantiles[q] = (0..<width).map { sketches[$0].quantile(q) ?? moments[$0].mean }
        }
        return FeatureStatistics(
            layout: .vector,
            min: moments.map(\.min), max: moments.map(\.max),
            mean: moments.map(\.mean), std: moments.map(\.std),
            count: count, quantiles: quantiles)
    }
}
