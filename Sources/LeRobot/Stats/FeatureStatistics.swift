// The statistics record lerobot keeps per feature (per episode and per dataset).

/// The quantiles lerobot computes (`DEFAULT_QUANTILES`), with their stats keys.
public enum StatQuantile: Double, CaseIterable, Sendable {
    case q01 = 0.01
    case q10 = 0.10
    case q50 = 0.50
    case q90 = 0.90
    case q99 = 0.99

    /// The key in `stats.json` and the `stats/<feature>/<key>` column suffix.
    public var key: String {
        switch self {
        case .q01: "q01"
        case .q10: "q10"
        case .q50: "q50"
        case .q90: "q90"
        case .q99: "q99"
        }
    }
}

/// min/max/mean/std/count and the five quantiles of one feature.
///
/// Every array has one value per element: per vector dimension for table
/// features (shape `[n]`), per channel for cameras (written as shape `[C, 1, 1]`,
/// values scaled to [0, 1]).
public struct FeatureStatistics: Hashable, Sendable {
    /// How the arrays are laid out in JSON and Parquet.
    public enum Layout: Hashable, Sendable {
        /// `[v0, v1, …]`: vectors and scalars.
        case vector
        /// `[[[c0]], [[c1]], [[c2]]]`: per-channel camera statistics.
        case channels
    }

    public var layout: Layout
    public var min: [Double]
    public var max: [Double]
    public var mean: [Double]
    public var std: [Double]
    /// Frames (or sampled frames, for cameras) the statistics were computed from.
    public var count: Int
    /// `quantiles[q]` has one value per element; absent for v2.1 data written by lerobot 0.3.
    public var quantiles: [StatQuantile: [Double]]

    public init(layout: Layout, min: [Double], max: [Double], mean: [Double], std: [Double], count: Int,
                quantiles: [StatQuantile: [Double]]) {
        self.layout = layout
        self.min = min
        self.max = max
        self.mean = mean
        self.std = std
        self.count = count
        self.quantiles = quantiles
    }

    /// Number of elements (vector length or channels).
    public var width: Int { mean.count }
}
