/// What a stream's producer does when the stream's ring is full because its consumer
/// (an encoder, a row writer) has fallen behind.
///
/// Neither policy drops a frame silently: every frame handed to ``FrameRing/push(_:)`` is
/// either stored, or counted and reported to the consumer as a gap at its exact position
/// (``FrameRing/Frame/duplicatesBefore``), so the episode's gap records can account for it.
public enum BackPressurePolicy: Sendable, Hashable {
    /// Block the producer until a slot frees up, for at most `maxWait`. If the ring is still
    /// full then, the frame becomes a gap (as with ``duplicatePrevious``) and the push reports
    /// ``PushOutcome/timedOut``.
    case block(maxWait: Duration)
    /// Never block: when the ring is full the frame is not copied and the consumer is told to
    /// repeat the previous frame in its place (a video stream keeps its constant frame rate).
    case duplicatePrevious
}

/// What happened to one frame handed to ``FrameRing/push(_:)``. Returned to the caller so it
/// can count exactly; the ring keeps the same totals in ``FrameRing/counters``.
public enum PushOutcome: Sendable, Hashable {
    /// Copied into a free slot at once.
    case accepted
    /// Copied after the producer waited for a free slot (``BackPressurePolicy/block(maxWait:)``).
    case acceptedAfterWait
    /// Not copied: the ring was full and the policy is ``BackPressurePolicy/duplicatePrevious``;
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
