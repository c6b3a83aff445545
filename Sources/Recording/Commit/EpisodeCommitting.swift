#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One episode waiting to be committed: an immutable value describing its spool (paths, frame
/// counts, gap records). The queue hands the same value to every attempt, so a retry always
/// starts from what the recorder produced, never from something a failed attempt changed.
public protocol EpisodeCommitJob: Sendable {
    /// The episode's index in the dataset; unique among live jobs of one queue.
    var episodeIndex: Int { get }
}

/// The work of committing one episode (finish streams, fsync, rename into place, update the
/// manifest last). The queue owns ordering, retries and status; a conforming type owns the I/O.
///
/// Wiring the engine to the LeRobot writers is one new conforming type. Tests inject fakes
/// (slow, failing n times, failing forever).
///
/// Threading: ``commit(_:attempt:)`` runs on the queue's single worker, one job at a time, in
/// FIFO order; it may suspend as long as it needs and must not mutate shared state of the job.
public protocol EpisodeCommitting: Sendable {
    associatedtype Job: EpisodeCommitJob

    /// Commits `job`. Called again with an identical `job` after a transient failure.
    /// - Parameter attempt: 1 for the first try, then 2, 3, … for retries.
    func commit(_ job: Job, attempt: Int) async throws

    /// Whether `error` may go away by itself, so a retry is worth it. The default treats
    /// ``RecordingError/Code/transientIO`` (at any depth of its cause chain) as transient and
    /// everything else — disk full, corrupt data, bugs — as permanent.
    func isTransient(_ error: any Error) -> Bool
}

extension EpisodeCommitting {
    public func isTransient(_ error: any Error) -> Bool {
        guard let recording = error as? RecordingError else { return false }
        return recording.rootCode == .transientIO
    }
}

/// How the commit queue retries transient failures: exponential backoff, bounded.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included (1 means no retry).
    public var maxAttempts: Int
    /// Wait before the second attempt.
    public var initialDelay: Duration
    /// Each further wait is the previous one times this.
    public var multiplier: Int
    /// No wait is longer than this.
    public var maxDelay: Duration

    public init(
        maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(100), multiplier: Int = 2,
        maxDelay: Duration = .seconds(5)
    ) {
        precondition(maxAttempts >= 1 && multiplier >= 1, "a retry policy needs at least one attempt and a multiplier ≥ 1")
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
    }

    /// The wait after failed attempt number `attempt` (1-based): `initialDelay × multiplier^(attempt−1)`,
    /// capped at ``maxDelay``.
    public func delay(afterAttempt attempt: Int) -> Duration {
        var delay = initialDelay
        var step = 1
        while step < attempt && delay < maxDelay {
            delay = delay * multiplier
            step += 1
        }
        return min(delay, maxDelay)
    }
}
