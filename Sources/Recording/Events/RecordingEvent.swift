/// Where one episode's commit is. Every episode ends in exactly one of ``committed`` or
/// ``failed(code:message:)``; a failed episode's files are kept for `episodic recover`.
public enum EpisodeCommitStatus: Sendable, Hashable {
    /// Waiting in the commit queue.
    case queued
    /// Being committed; `attempt` counts from 1 and grows with each retry.
    case committing(attempt: Int)
    /// Durable and valid under its final names, and counted in the manifest.
    case committed
    /// Given up on, with the root error code and its message.
    case failed(code: RecordingError.Code, message: String)

    /// Whether the commit has finished (either way).
    public var isFinal: Bool {
        switch self {
        case .committed, .failed: true
        case .queued, .committing: false
        }
    }
}

/// One thing worth showing an operator, published on ``RecordingEvents``.
public enum RecordingEvent: Sendable, Hashable {
    /// The session moved between states.
    case sessionState(from: SessionState, to: SessionState)
    /// An episode's commit status changed.
    case episodeStatus(episode: Int, status: EpisodeCommitStatus)
    /// A commit attempt failed with a transient error; the next attempt starts after `delay`.
    case commitRetry(episode: Int, attempt: Int, code: RecordingError.Code, delay: Duration)
    /// A save waited for room in the full commit queue (it was not dropped).
    case commitQueueWaited(episode: Int, waited: Duration)
    /// The commit queue's depth (queued + committing) changed.
    case commitQueueDepth(Int)
    /// A stream's frame counters (exact totals so far).
    case frameCounters(stream: String, counters: FrameRingCounters)
    /// Free space fell below the floor.
    case diskFull(availableBytes: UInt64, floorBytes: UInt64, path: String)
    /// Free space is back above the floor after a ``diskFull`` event.
    case diskSpaceRecovered(availableBytes: UInt64, floorBytes: UInt64, path: String)
    /// An error worth showing; the code says what.
    case error(code: RecordingError.Code, message: String)
}

/// A ``RecordingEvent`` with its publication number. Numbers are consecutive per
/// ``RecordingEvents`` bus, so a UI that sees 41 then 44 knows it missed two events under load.
public struct RecordingEventEnvelope: Sendable, Hashable {
    public var sequence: UInt64
    public var event: RecordingEvent
}
