// The producer's bounded wait for a free slot, shared by every stream built on FrameQueue.

import Foundation

extension BackpressurePolicy {
    /// Under `.block(maxWait:)`, waits on `cond` (locked by the caller, released while waiting)
    /// until `reserve()` gives a slot, `refused()` turns true, or `maxWait` has passed.
    ///
    /// - Returns: nil when the policy does not wait (`.duplicatePrevious`, or a zero bound);
    ///   else the slot (nil if none came free) and how long the producer was blocked.
    public func waitForSlot(on cond: NSCondition, reserve: () -> Int?, refused: () -> Bool) -> (slot: Int?, blocked: Duration)? {
        guard case .block(let maxWait) = self, maxWait > .zero else { return nil }
        let started = ContinuousClock.now
        let deadline = Date(timeIntervalSinceNow: maxWait.timeInterval)
        var slot: Int?
        while slot == nil && !refused() {
            let signalled = cond.wait(until: deadline)
            slot = reserve()
            if !signalled { break }
        }
        return (slot, ContinuousClock.now - started)
    }
}
