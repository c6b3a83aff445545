import CoreMetrics

/// The engine's swift-metrics instruments, with the names dashboards and alerts rely on:
///
/// | name | kind | dimensions |
/// |---|---|---|
/// | `episodic_frames_total` | counter | `stream`, `outcome` (``FrameOutcome``) |
/// | `episodic_commit_seconds` | timer | — |
/// | `episodic_queue_depth` | gauge | `queue` (`commit`, or a stream name) |
/// | `episodic_commit_failures_total` | counter | `code` |
///
/// The factory is injected (default: the global `MetricsSystem` factory), so tests read exact
/// values from a `TestMetrics` without bootstrapping global state.
///
/// Threading: any method from any thread. Not meant for the per-frame hot path: rings count
/// with atomics and a periodic reporter forwards the deltas here via ``recordFrames(stream:outcome:count:)``.
public final class RecordingMetrics: Sendable {
    /// Names of the instruments, stable across releases.
    public enum Name {
        public static let frames = "episodic_frames_total"
        public static let commitSeconds = "episodic_commit_seconds"
        public static let queueDepth = "episodic_queue_depth"
        public static let commitFailures = "episodic_commit_failures_total"
    }

    /// The `outcome` dimension of `episodic_frames_total`.
    public enum FrameOutcome: String, Sendable, CaseIterable {
        /// Handed to a stream and stored in its ring.
        case accepted
        /// Written to the episode's files by the stream's writer.
        case written
        /// Replaced by a duplicate of the previous frame (ring full, duplicate policy).
        case duplicated
        /// Replaced by a gap after the producer's bounded wait ran out (block policy).
        case timedOut = "timed_out"
    }

    private struct Key: Hashable {
        var label: String
        var dimensions: [String]
    }

    private let factory: any MetricsFactory
    private let commitTimer: CoreMetrics.Timer
    private let lock = ConditionLock()
    private nonisolated(unsafe) var counters: [Key: Counter] = [:]
    private nonisolated(unsafe) var gauges: [String: Gauge] = [:]

    /// - Parameter factory: where the instruments are created; defaults to the global one.
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        commitTimer = CoreMetrics.Timer(label: Name.commitSeconds, dimensions: [], factory: factory)
    }

    /// Adds `count` frames of `stream` with `outcome`.
    public func recordFrames(stream: String, outcome: FrameOutcome, count: Int = 1) {
        guard count > 0 else { return }
        counter(Name.frames, [("stream", stream), ("outcome", outcome.rawValue)]).increment(by: count)
    }

    /// Adds a ring's counter deltas since `previous` (what a periodic reporter calls).
    public func recordRingDelta(stream: String, from previous: FrameRingCounters, to current: FrameRingCounters) {
        recordFrames(stream: stream, outcome: .accepted, count: current.stored - previous.stored)
        recordFrames(stream: stream, outcome: .duplicated, count: current.duplicated - previous.duplicated)
        recordFrames(stream: stream, outcome: .timedOut, count: current.timedOut - previous.timedOut)
    }

    /// Records how long one episode's commit took, from leaving the queue to committed.
    public func recordCommit(nanoseconds: Int64) {
        commitTimer.recordNanoseconds(nanoseconds)
    }

    /// Counts one episode whose commit failed for good.
    public func recordCommitFailure(code: RecordingError.Code) {
        counter(Name.commitFailures, [("code", code.rawValue)]).increment(by: 1)
    }

    /// Sets the depth of queue `queue`.
    public func recordQueueDepth(_ depth: Int, queue: String = "commit") {
        let gauge = lock.withLock { () -> Gauge in
            if let existing = gauges[queue] { return existing }
            let made = Gauge(label: Name.queueDepth, dimensions: [("queue", queue)], factory: factory)
            gauges[queue] = made
            return made
        }
        gauge.record(depth)
    }

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> Counter {
        let key = Key(label: label, dimensions: dimensions.flatMap { [$0.0, $0.1] })
        return lock.withLock {
            if let existing = counters[key] { return existing }
            let made = Counter(label: label, dimensions: dimensions, factory: factory)
            counters[key] = made
            return made
        }
    }
}
