// One conversion from Duration to the seconds that Date- and Thread-based waits take.

import Foundation

extension Duration {
    /// The duration in seconds, for `Date(timeIntervalSinceNow:)`, `NSCondition.wait(until:)`
    /// and `Thread.sleep` (the blocking waits of the encoders and the engine).
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
