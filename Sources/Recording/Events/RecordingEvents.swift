/// The event stream for user interfaces (terminal UI, dashboard).
///
/// Each subscriber gets its own `AsyncStream` with a bounded buffer that keeps the newest
/// events: a slow UI misses *events* under load (visible as gaps in
/// ``RecordingEventEnvelope/sequence`` and counted in ``droppedEvents``), and the recording
/// itself never waits for a UI. Data is never carried here, only status.
///
/// Threading: ``emit(_:)`` may be called from any thread or task, including a real-time
/// thread: it takes a short lock and never suspends or blocks on a subscriber.
public final class RecordingEvents: Sendable {
    private struct State {
        var nextSequence: UInt64 = 0
        var nextSubscriber = 0
        var subscribers: [Int: AsyncStream<RecordingEventEnvelope>.Continuation] = [:]
        var dropped = 0
        var finished = false
    }

    private let lock = ConditionLock()
    private nonisolated(unsafe) var state = State()

    public init() {}

    /// A new stream of every event published from now on.
    ///
    /// - Parameter bufferSize: how many unread events the subscriber may fall behind by before
    ///   the oldest are dropped for it.
    public func subscribe(bufferSize: Int = 256) -> AsyncStream<RecordingEventEnvelope> {
        let (stream, continuation) = AsyncStream<RecordingEventEnvelope>.makeStream(
            bufferingPolicy: .bufferingNewest(max(1, bufferSize)))
        let alreadyFinished = lock.withLock { () -> Bool in
            if state.finished { return true }
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[id] = continuation
            continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
            return false
        }
        if alreadyFinished { continuation.finish() }
        return stream
    }

    /// Publishes `event` to every subscriber. Never blocks on them.
    public func emit(_ event: RecordingEvent) {
        lock.withLock {
            guard !state.finished else { return }
            let envelope = RecordingEventEnvelope(sequence: state.nextSequence, event: event)
            state.nextSequence += 1
            // Yielding under the lock keeps every subscriber's order equal to sequence order;
            // `yield` never calls back into this object (only `finish` runs `onTermination`).
            for continuation in state.subscribers.values {
                if case .dropped = continuation.yield(envelope) { state.dropped += 1 }
            }
        }
    }

    /// Events a subscriber's full buffer dropped so far, summed over subscribers.
    public var droppedEvents: Int { lock.withLock { state.dropped } }

    /// Events published so far.
    public var publishedEvents: UInt64 { lock.withLock { state.nextSequence } }

    /// Ends every stream (after its buffered events); later ``emit(_:)`` calls are ignored.
    public func finish() {
        let continuations = lock.withLock { () -> [AsyncStream<RecordingEventEnvelope>.Continuation] in
            state.finished = true
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        // Outside the lock: `finish` runs `onTermination`, which takes the lock.
        for continuation in continuations { continuation.finish() }
    }

    private func unsubscribe(_ id: Int) {
        lock.withLock { _ = state.subscribers.removeValue(forKey: id) }
    }
}
