// Combining per-episode statistics into dataset statistics, as lerobot 0.6.1 does.

extension FeatureStatistics {
    /// lerobot 0.6.1's `aggregate_feature_stats`: elementwise min and max,
    /// count-weighted mean, pooled variance
    /// `Σ nᵢ(σᵢ² + (μᵢ − μ)²) / Σ nᵢ`, summed count, and count-weighted mean of each
    /// quantile. (lerobot `main` after PR #3804 uses a min/max envelope for
    /// quantiles instead; consumers do not check either.)
    ///
    /// - Throws: `ERR_STATS` if the parts disagree in width or layout, or `parts` is empty.
    public static func aggregate(_ parts: [FeatureStatistics]) throws(LeRobotError) -> FeatureStatistics {
        guard let first = parts.first else {
            throw LeRobotError(.stats, "no statistics to aggregate", hint: "aggregate at least one episode")
        }
        let width = first.width
        for p in parts where p.width != width || p.layout != first.layout {
            throw LeRobotError(.stats, "statistics of width \(p.width) cannot combine with width \(width)",
                               hint: "every episode must have the same features and shapes")
        }
        let total = parts.reduce(0) { $0 + $1.count }
        let n = Double(total)
        var mins = first.min, maxs = first.max
        var mean = [Double](repeating: 0, count: width)
        for p in parts {
            for i in 0..<width {
                mins[i] = Swift.min(mins[i], p.min[i])
                maxs[i] = Swift.max(maxs[i], p.max[i])
                mean[i] += p.mean[i] * Double(p.count)
            }
        }
        for i in 0..<width { mean[i] /= n }
        var variance = [Double](repeating: 0, count: width)
        for p in parts {
            for i in 0..<width {
                let d = p.mean[i] - mean[i]
                variance[i] += (p.std[i] * p.std[i] + d * d) * Double(p.count)
            }
        }
        let std = variance.map { ($0 / n).squareRoot() }
        var quantiles: [StatQuantile: [Double]] = [:]
        for q in StatQuantile.allCases where parts.allSatisfy({ $0.quantiles[q] != nil }) {
            var acc = [Double](repeating: 0, count: width)
            for p in parts {
                let values = p.quantiles[q]!
                for i in 0..<width { acc[i] += values[i] * Double(p.count) }
            }
            quantiles[q] = acc.map { $0 / n }
        }
        return FeatureStatistics(layout: first.layout, min: mins, max: maxs, mean: mean, std: std,
                                 count: total, quantiles: quantiles)
    }
}
