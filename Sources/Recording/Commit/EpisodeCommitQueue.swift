/// The bounded queue of episodes awaiting commit, and its single committer.
///
/// - Bounded: at most ``capacity`` episodes are queued or committing. A save into a full queue
///   waits for room with a bound and says that it waited; if the bound passes, it fails with
///   ``RecordingError/Code/commitQueueFullTimeout`` and the caller still holds the episode.
///   An episode is never dropped.
/// - One committer (``run()``) takes episodes in FIFO order, retries transient errors with the
///   ``RetryPolicy``'s backoff, and marks each `committed` or `failed(code, message)`. A failed
///   job is kept (``failedJob(episode:)``), never deleted.
/// - ``waitForCommits(timeout:)`` returns counts and never waits longer than its timeout.
///
/// Threading: every method is safe from any thread or task. ``tryEnqueue(_:)`` never suspends
/// or blocks (for a real-time caller); ``enqueue(_:maxWait:)`` and ``waitForCommits(timeout:)``
/// suspend without blocking a thread. Status changes are published on the event bus in the
/// order they happen.
public final class EpisodeCommitQueue<Committer: EpisodeCommitting>: Sendable {
    public typealias Job = Committer.Job

    /// The most episodes that may be queued or committing at once.
    public let capacity: Int
    let committer: Committer
    let retry: RetryPolicy
    let events: RecordingEvents?
    let metrics: RecordingMetrics?
    /// Sleeps between retries; injectable so tests see the exact backoff without waiting.
    let backoffSleep: @Sendable (Duration) async throws -> Void

    let lock = ConditionLock()
    nonisolated(unsafe) var state = QueueState<Job>()

    /// - Parameters:
    ///   - capacity: the most episodes queued or committing at once (at least 1).
    ///   - committer: does the I/O of one commit.
    ///   - retry: backoff for transient errors.
    ///   - events: where status changes are published, if anywhere.
    ///   - metrics: where queue depth, commit time and failures are recorded, if anywhere.
    ///   - backoffSleep: how to wait between attempts (default `Task.sleep`).
    public init(
        capacity: Int, committer: Committer, retry: RetryPolicy = RetryPolicy(),
        events: RecordingEvents? = nil, metrics: RecordingMetrics? = nil,
        backoffSleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) throws(RecordingError) {
        guard capacity >= 1 else {
            throw RecordingError(
                .invalidConfiguration, "commit queue capacity \(capacity) must be at least 1",
                hint: "a few episodes is enough; the queue only absorbs bursts of saves")
        }
        self.capacity = capacity
        self.committer = committer
        self.retry = retry
        self.events = events
        self.metrics = metrics
        self.backoffSleep = backoffSleep
    }

    /// Puts `job` in the queue if there is room right now; never waits.
    ///
    /// - Returns: the receipt, or `nil` when the queue is full (or savers are already waiting
    ///   for room: they keep their turn). The job is then still the caller's.
    /// - Throws: ``RecordingError/Code/commitQueueClosed`` after ``close()``;
    ///   ``RecordingError/Code/duplicateEpisode`` if the index is already live or committed.
    public func tryEnqueue(_ job: Job) throws(RecordingError) -> CommitReceipt? {
        let handoff = try lock.withLock { () throws(RecordingError) -> (CommitReceipt, WorkerWake<Job>?)? in
            try checkAcceptable(job)
            guard state.spaceWaiters.isEmpty, state.occupancy < capacity else { return nil }
            return admitLocked(job, waited: nil)
        }
        guard let (receipt, wake) = handoff else { return nil }
        wake?.resume()
        return receipt
    }

    /// Puts `job` in the queue, waiting up to `maxWait` for room if it is full. Waiting savers
    /// are served in arrival order. Cancelling the calling task does not cut the wait short
    /// (the bound does); ``close()`` ends it with ``RecordingError/Code/commitQueueClosed``.
    ///
    /// - Returns: the receipt; its ``CommitReceipt/waited`` says how long it waited, if at all.
    /// - Throws: ``RecordingError/Code/commitQueueFullTimeout`` if the queue stayed full for
    ///   `maxWait` (the job was not queued and is still the caller's), and the errors of
    ///   ``tryEnqueue(_:)``.
    public func enqueue(_ job: Job, maxWait: Duration) async throws(RecordingError) -> CommitReceipt {
        if let receipt = try tryEnqueue(job) { return receipt }
        let started = ContinuousClock.now
        let id = lock.withLock { state.takeWaiterID() }
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<SpaceWaitOutcome, Never>) in
            let immediate = lock.withLock { () -> SpaceWaitOutcome? in
                do throws(RecordingError) {
                    try checkAcceptable(job)
                } catch {
                    return .rejected(error)
                }
                let timeout = Task { [weak self] in
                    // Cancellation means the waiter was served; either way expiring is then a no-op.
                    try? await Task.sleep(for: maxWait)  // ok: cancelled = served
                    self?.expireSpaceWaiter(id)
                }
                state.spaceWaiters.append(
                    SpaceWaiter(id: id, job: job, started: started, continuation: continuation, timeout: timeout))
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
            // Room may have appeared between the failed tryEnqueue and the registration.
            admitWaitersIfRoom()
        }
        switch outcome {
        case .admitted(let receipt):
            return receipt
        case .rejected(let error):
            throw error
        case .timedOut:
            throw RecordingError(
                .commitQueueFullTimeout,
                "episode \(job.episodeIndex) could not be queued: the commit queue stayed full (\(capacity) episodes) for \(maxWait)",
                hint: "the disk or encoder is slower than recording; the episode was not dropped — save it again or stop and wait for commits")
        }
    }

    /// Refuses new episodes from now on; the committer finishes what is queued, then ``run()``
    /// returns. Savers still waiting for room fail with ``RecordingError/Code/commitQueueClosed``.
    public func close() {
        let (waiters, wake) = lock.withLock { () -> ([SpaceWaiter<Job>], WorkerWake<Job>?) in
            state.closed = true
            defer { state.spaceWaiters.removeAll() }
            let wake = state.pending.isEmpty ? state.takeWorkerWake(with: nil) : nil
            return (state.spaceWaiters, wake)
        }
        wake?.resume()
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(returning: .rejected(RecordingError(
                .commitQueueClosed, "episode \(waiter.job.episodeIndex) was not queued: the session is stopping",
                hint: "the episode is still in memory; it was not dropped silently")))
        }
        signalDrainWaitersIfIdle()
    }

    /// The status of `episode`, or `nil` if it never entered this queue.
    public func status(of episode: Int) -> EpisodeCommitStatus? {
        lock.withLock { state.statuses[episode] }
    }

    /// The job of an episode whose commit failed, kept exactly as queued (for recovery).
    public func failedJob(episode: Int) -> Job? {
        lock.withLock { state.failedJobs[episode] }
    }

    /// Counts right now.
    public var counts: CommitCounts {
        lock.withLock { state.counts }
    }

    /// Episodes queued or committing right now.
    public var depth: Int {
        lock.withLock { state.occupancy }
    }

    func checkAcceptable(_ job: Job) throws(RecordingError) {
        if state.closed {
            throw RecordingError(
                .commitQueueClosed, "episode \(job.episodeIndex) was not queued: the commit queue is closed",
                hint: "the session is stopping; start a new session to record more")
        }
        if let existing = state.statuses[job.episodeIndex] {
            // A failed episode may be queued again (by recovery); anything else is a second
            // job for one index.
            if case .failed = existing { return }
            throw RecordingError(
                .duplicateEpisode, "episode \(job.episodeIndex) is already \(existing) in the commit queue",
                hint: "each saved episode needs its own index")
        }
    }

    /// Adds `job` at the tail. Lock held. Returns the receipt and the worker to wake, if parked.
    func admitLocked(_ job: Job, waited: Duration?) -> (CommitReceipt, WorkerWake<Job>?) {
        let position = state.occupancy
        state.statuses[job.episodeIndex] = .queued
        state.failedJobs[job.episodeIndex] = nil
        state.pending.append(job)
        events?.emit(.episodeStatus(episode: job.episodeIndex, status: .queued))
        if let waited { events?.emit(.commitQueueWaited(episode: job.episodeIndex, waited: waited)) }
        publishDepthLocked()
        let wake = state.takeWorkerWake(with: state.pending.first)
        return (CommitReceipt(episodeIndex: job.episodeIndex, queuePosition: position, waited: waited), wake)
    }

    func publishDepthLocked() {
        events?.emit(.commitQueueDepth(state.occupancy))
        metrics?.recordQueueDepth(state.occupancy)
    }
}
