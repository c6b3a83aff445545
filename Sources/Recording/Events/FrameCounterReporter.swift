/// Carries the exact frame counters of a session's streams (its row ring, its camera and image
/// writers) to the UIs and to swift-metrics, periodically and off the hot path: the producer
/// counts where it already holds the data (ring atomics, the session's lock), and this reads
/// the counts from elsewhere.
///
/// Each ``report()`` publishes a ``RecordingEvent/frameCounters(stream:counters:)`` event for
/// every stream whose counters changed since the last report, and adds the difference to
/// `episodic_frames_total{stream,outcome}`, so the metric stays exact however often it runs.
///
/// Threading: ``report()`` and ``run(every:)`` may be called from any task, one at a time
/// (state is under a lock, so overlapping calls stay correct but may report in either order).
public final class FrameCounterReporter: Sendable {
    private let streams: [(name: String, counters: @Sendable () -> FrameRingCounters)]
    private let events: RecordingEvents?
    private let metrics: RecordingMetrics?
    private let sleep: @Sendable (Duration) async throws -> Void
    private let lock = ConditionLock()
    private nonisolated(unsafe) var last: [FrameRingCounters]

    /// - Parameters:
    ///   - streams: each stream's feature name (for example `observation.images.front`) and ring.
    ///   - events: where counter events go.
    ///   - metrics: where the frame counters are added.
    ///   - sleep: how to wait between reports (injectable so tests drive ticks without a clock).
    public convenience init(
        streams: [(name: String, ring: FrameRing)], events: RecordingEvents?, metrics: RecordingMetrics?,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.init(sources: streams.map { stream in (stream.name, { stream.ring.counters }) }, events: events, metrics: metrics,
                  sleep: sleep)
    }

    /// - Parameters:
    ///   - sources: each stream's name and a function returning its cumulative counters (any thread).
    ///   - events, metrics, sleep: as in ``init(streams:events:metrics:sleep:)``.
    public init(
        sources: [(name: String, counters: @Sendable () -> FrameRingCounters)], events: RecordingEvents?,
        metrics: RecordingMetrics?,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.streams = sources
        self.events = events
        self.metrics = metrics
        self.sleep = sleep
        last = Array(repeating: FrameRingCounters(), count: streams.count)
    }

    /// Reports every stream whose counters changed since the last call; returns how many did.
    @discardableResult
    public func report() -> Int {
        lock.withLock {
            var changed = 0
            for (index, stream) in streams.enumerated() {
                let current = stream.counters()
                guard current != last[index] else { continue }
                metrics?.recordRingDelta(stream: stream.name, from: last[index], to: current)
                events?.emit(.frameCounters(stream: stream.name, counters: current))
                last[index] = current
                changed += 1
            }
            return changed
        }
    }

    /// Reports every `interval` until the task is cancelled or the sleep throws, then reports
    /// once more so the final counts are never left out.
    public func run(every interval: Duration) async {
        while !Task.isCancelled {
            report()
            do {
                try await sleep(interval)
            } catch {
                break  // cancelled: fall through to the final report
            }
        }
        report()
    }
}
