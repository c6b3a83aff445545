/// An exact rational number, used for timestamps (`pts × time_base`) so that frame times
/// compare exactly: frame k at 30 fps must be exactly k/30, not 0.0333… rounded.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Numerator; carries the sign.
    public let numerator: Int64
    /// Denominator; always positive.
    public let denominator: Int64

    /// Creates `numerator/denominator` in lowest terms. `denominator` must not be 0.
    public init(_ numerator: Int64, _ denominator: Int64 = 1) {
        precondition(denominator != 0, "Rational with denominator 0")
        let sign: Int64 = denominator < 0 ? -1 : 1
        let g = Self.gcd(Swift.abs(numerator), Swift.abs(denominator))
        let d = g == 0 ? 1 : g
        self.numerator = sign * numerator / d
        self.denominator = sign * denominator / d
    }

    /// Parses "num/den" (ffprobe's time_base and frame-rate notation) or a plain integer.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/")
        if parts.count == 1, let n = Int64(parts[0]) { self.init(n, 1); return }
        guard parts.count == 2, let n = Int64(parts[0]), let d = Int64(parts[1]), d != 0 else { return nil }
        self.init(n, d)
    }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.numerator, lhs.denominator * rhs.denominator)
    }

    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    /// The nearest `Double` (for display and JSON; never for equality checks).
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
