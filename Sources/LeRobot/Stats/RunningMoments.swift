// Welford's streaming mean and variance.

/// Streaming count, mean and population variance of one value stream
/// (Welford's algorithm: numerically stable, O(1) memory).
///
/// Not thread-safe: one owner updates it (the stats task of a stream).
public struct RunningMoments: Hashable, Sendable {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = 0
    private var m2: Double = 0
    public private(set) var min: Double = .infinity
    public private(set) var max: Double = -.infinity

    public init() {}

    /// Adds one value.
    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
        if x < min { min = x }
        if x > max { max = x }
    }

    /// Population variance (lerobot's `std` is its square root); 0 for fewer than 2 values.
    public var variance: Double { count < 2 ? 0 : Swift.max(0, m2 / Double(count)) }

    /// Population standard deviation.
    public var std: Double { variance.squareRoot() }
}
