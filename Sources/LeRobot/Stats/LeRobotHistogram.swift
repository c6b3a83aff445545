// lerobot's histogram quantile estimator, reproduced exactly.
//
// lerobot (`RunningQuantileStats`, compute_stats.py) computes an episode's
// quantiles from a 5000-bin histogram over [min − 1e-10, max + 1e-10]
// (`np.linspace`, `np.histogram`), then per quantile q: target = q·N, the first
// bin whose cumulative count reaches the target (`np.searchsorted`, left), and
// linear interpolation inside that bin. We reproduce the same arithmetic so
// that episodes short enough for the exact path give the same numbers.

/// Helpers that reproduce numpy's `linspace`/`histogram` and lerobot's
/// interpolation. Pure functions; thread-safe.
public enum LeRobotHistogram {
    /// lerobot's `num_quantile_bins`.
    public static let binCount = 5000

    /// `np.linspace(start, stop, bins + 1)`.
    static func edges(start: Double, stop: Double, bins: Int) -> [Double] {
        let step = (stop - start) / Double(bins)
        var edges = (0...bins).map { Double($0) * step + start }
        edges[bins] = stop
        return edges
    }

    /// The bin `np.histogram` puts `x` in for uniform `edges` (last bin closed), or `nil` if outside.
    static func bin(of x: Double, edges: [Double]) -> Int? {
        let n = edges.count - 1
        let first = edges[0], last = edges[n]
        guard x >= first, x <= last else { return nil }
        let norm = Double(n) / (last - first)
        var i = Int((x - first) * norm)
        if i >= n { i = n - 1 }
        if i < 0 { i = 0 }
        if x < edges[i] { i -= 1 }
        if i + 1 <= n - 1, x >= edges[i + 1] { i += 1 }
        return i
    }

    /// lerobot's `_compute_single_quantile` over a histogram and its edges.
    static func quantile(counts: [Double], edges: [Double], target: Double) -> Double {
        var cumulative = 0.0
        var previous = 0.0
        for (idx, c) in counts.enumerated() {
            previous = cumulative
            cumulative += c
            if cumulative >= target {
                if idx == 0 { return edges[0] }
                let inBin = cumulative - previous
                if inBin == 0 { return edges[idx] }
                let fraction = (target - previous) / inBin
                return edges[idx] + fraction * (edges[idx + 1] - edges[idx])
            }
        }
        return edges[edges.count - 1]
    }

    /// lerobot's quantile of a set of values given as (value, multiplicity) pairs,
    /// with a histogram over [min − 1e-10, max + 1e-10].
    static func quantiles(
        of values: some Sequence<(value: Double, count: Double)>, min: Double, max: Double, total: Double
    ) -> [StatQuantile: Double] {
        let edges = edges(start: min - 1e-10, stop: max + 1e-10, bins: binCount)
        var counts = [Double](repeating: 0, count: binCount)
        for (v, c) in values {
            if let b = bin(of: v, edges: edges) { counts[b] += c }
        }
        var out: [StatQuantile: Double] = [:]
        for q in StatQuantile.allCases {
            out[q] = quantile(counts: counts, edges: edges, target: q.rawValue * total)
        }
        return out
    }
}
