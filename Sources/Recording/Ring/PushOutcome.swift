import Video

// The ring's back-pressure policy is Video's `BackpressurePolicy` (same two cases, same
// meaning): one vocabulary for every stream, camera or table. In a ring, `.block(maxWait:)`
// that times out turns the frame into a gap (``PushOutcome/timedOut``), and
// `.duplicatePrevious` tells the consumer to repeat the previous frame in its place.

/// What happened to one frame handed to ``FrameRing/push(_:)``. Returned to the caller so it
/// can count exactly; the ring keeps the same totals in ``FrameRing/counters``.
public enum PushOutcome: Sendable, Hashable {
    /// Copied into a free slot at once.
    case accepted
    /// Copied after the producer waited for a free slot (`BackpressurePolicy.block(maxWait:)`).
    case acceptedAfterWait
    /// Not copied: the ring was full and the policy is `BackpressurePolicy.duplicatePrevious`;
    /// the consumer repeats the previous frame in its place.
    case duplicated
    /// Not copied: the ring stayed full for the whole bounded wait; recorded as a gap that the
    /// consumer fills like a duplicate.
    case timedOut
}

/// Exact totals of a ring's push outcomes. Every push is counted in exactly one field, so
/// `accepted + acceptedAfterWait + duplicated + timedOut` is the number of frames pushed.
public struct FrameRingCounters: Sendable, Hashable {
    public var accepted: Int
    public var acceptedAfterWait: Int
    public var duplicated: Int
    public var timedOut: Int

    public init(accepted: Int = 0, acceptedAfterWait: Int = 0, duplicated: Int = 0, timedOut: Int = 0) {
        self.accepted = accepted
        self.acceptedAfterWait = acceptedAfterWait
        self.duplicated = duplicated
        self.timedOut = timedOut
    }

    /// Every frame handed to the ring.
    public var pushed: Int { accepted + acceptedAfterWait + duplicated + timedOut }
    /// Frames whose bytes reached a slot.
    public var stored: Int { accepted + acceptedAfterWait }
    /// Frames that became gaps (filled by the consumer with the previous frame).
    public var gaps: Int { duplicated + timedOut }
}
