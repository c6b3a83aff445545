import Foundation
import Testing
@testable import LeRobot

/// The sketch's stated error bound, checked against exact quantiles.
@Suite struct QuantileSketchTests {
    /// Deterministic generator (SplitMix64), so the test never varies.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53)
        }
    }

    /// Numpy's default ('linear') quantile of sorted values.
    static func exact(_ sorted: [Double], _ q: Double) -> Double {
        let pos = q * Double(sorted.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (pos - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    static let streams: [(String, @Sendable (inout SplitMix, Int) -> Double)] = [
        ("uniform", { r, _ in r.next() * 10 - 5 }),
        ("gaussian", { r, _ in
            let u = max(r.next(), 1e-300), v = r.next()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v) }),
        ("drift", { r, i in Double(i) * 0.001 + r.next() }),       // range grows all the time
        ("spike", { r, i in i == 60_000 ? 1e6 : r.next() }),        // one far outlier late
        ("shrinking-start", { r, i in i < 6000 ? 0.5 : r.next() * 2 - 1 }),  // starts constant
    ]

    @Test(arguments: 0..<5)
    func errorWithinStatedBound(stream: Int) {
        let (name, make) = Self.streams[stream]
        var rng = SplitMix(state: UInt64(stream + 1))
        var sketch = QuantileSketch()
        var all: [Double] = []
        let n = 100_000
        for i in 0..<n {
            let x = make(&rng, i)
            all.append(x)
            sketch.add(x)
        }
        all.sort()
        #expect(!sketch.isExact)
        let range = all.last! - all.first!
        // Stated bound on the bin width: 2·(max − min + 2e-10)/(capacity − 2).
        #expect(sketch.binWidth <= 2 * (range + 2e-10) / Double(sketch.capacity - 2), "\(name) bin width")
        // lerobot's own estimate on the whole stream (its single-batch path: one 5000-bin
        // histogram over the exact range). Both are histogram estimates, so they agree
        // within one bin of each.
        let lerobot = LeRobotHistogram.quantiles(of: all.lazy.map { ($0, 1.0) }, min: all.first!, max: all.last!,
                                                 total: Double(n))
        let lerobotBin = (range + 2e-10) / Double(LeRobotHistogram.binCount)
        for q in StatQuantile.allCases {
            let estimate = sketch.quantile(q)!
            #expect(abs(estimate - lerobot[q]!) <= sketch.binWidth + lerobotBin, "\(name) \(q.key) vs lerobot: \(estimate) vs \(lerobot[q]!)")
            let truth = Self.exact(all, q.rawValue)
            // Stated bound: one bin width, plus the gap between neighbouring order statistics
            // (the exact definitions themselves differ by up to that gap).
            let rank = Int(q.rawValue * Double(n - 1))
            let gap = all[min(rank + 2, n - 1)] - all[max(rank - 2, 0)]
            #expect(abs(estimate - truth) <= sketch.binWidth + gap, "\(name) \(q.key): \(estimate) vs \(truth)")
        }
        #expect(sketch.count == n)
        #expect(sketch.min == all.first && sketch.max == all.last)
    }

    @Test func exactPhaseEqualsLeRobotHistogram() {
        var sketch = QuantileSketch()
        var values: [Double] = []
        var rng = SplitMix(state: 42)
        for _ in 0..<5000 { let v = rng.next(); values.append(v); sketch.add(v) }
        #expect(sketch.isExact)
        let lo = values.min()!, hi = values.max()!
        let expected = LeRobotHistogram.quantiles(of: values.map { ($0, 1.0) }, min: lo, max: hi, total: 5000)
        for q in StatQuantile.allCases { #expect(sketch.quantile(q) == expected[q]) }
        sketch.add(0.5)
        #expect(!sketch.isExact)
    }

    @Test func memoryIsIndependentOfLength() {
        // The sketch holds `capacity` counts whatever the stream length; a million values
        // of a wide range leave it with the same capacity and a bounded bin width.
        var sketch = QuantileSketch(capacity: 64)
        for i in 0..<1_000_000 { sketch.add(Double(i)) }
        #expect(sketch.binWidth <= 2 * (999_999 + 2e-10) / 62)
        let median = sketch.quantile(.q50)!
        #expect(abs(median - 499_999.5) <= sketch.binWidth)
    }
}
