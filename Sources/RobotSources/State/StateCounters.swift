/// What happened to the messages of an external state stream, every message counted.
///
/// `accepted == consumed + dropped + queued`: an accepted state is either used by a control
/// tick, dropped because the queue was full (the sender is faster than the fps), or still queued.
public struct StateCounters: Sendable, Hashable {
    /// Messages that passed validation.
    public var accepted = 0
    /// Messages rejected, by error code.
    public var rejectedByCode: [SourceError.Code: Int] = [:]
    /// Accepted states used by a control tick.
    public var consumed = 0
    /// Accepted states dropped (oldest first) because the queue was full.
    public var dropped = 0
    /// Ticks that found no new state and repeated the previous one (a gap).
    public var repeated = 0
    /// States waiting for a tick.
    public var queued = 0
    /// Whether the stream ended (stdin closed).
    public var ended = false

    public init() {}

    /// Messages rejected, whatever the cause.
    public var rejected: Int { rejectedByCode.values.reduce(0, +) }
}
