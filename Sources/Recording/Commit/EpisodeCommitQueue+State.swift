/// The commit queue's mutable state, guarded by the queue's lock.
struct QueueState<Job: EpisodeCommitJob> {
    /// Jobs waiting for the committer, oldest first.
    var pending: [Job] = []
    /// Whether the committer holds a job right now.
    var committing = false
    var statuses: [Int: EpisodeCommitStatus] = [:]
    var failedJobs: [Int: Job] = [:]
    var committedCount = 0
    var failedCount = 0
    /// Savers waiting for room, in arrival order.
    var spaceWaiters: [SpaceWaiter<Job>] = []
    var drainWaiters: [Int: DrainWaiter] = [:]
    /// The committer, when it is parked waiting for a job.
    var parkedWorker: CheckedContinuation<Void, Never>?
    var closed = false
    var running = false
    var nextWaiterID = 0

    /// Episodes queued or committing: what the capacity bounds.
    var occupancy: Int { pending.count + (committing ? 1 : 0) }

    var counts: CommitCounts {
        CommitCounts(committed: committedCount, failed: failedCount, pending: occupancy)
    }

    mutating func takeWaiterID() -> Int {
        defer { nextWaiterID += 1 }
        return nextWaiterID
    }

    /// The parked committer to wake (outside the lock) if there is work or the queue closed.
    mutating func takeWorkerWake(with job: Job?) -> WorkerWake<Job>? {
        guard let worker = parkedWorker, job != nil || closed else { return nil }
        parkedWorker = nil
        return WorkerWake(continuation: worker)
    }
}

/// A parked committer to resume once the lock is released.
struct WorkerWake<Job> {
    let continuation: CheckedContinuation<Void, Never>
    func resume() { continuation.resume() }
}

/// A saver waiting for room in a full queue.
struct SpaceWaiter<Job: EpisodeCommitJob> {
    let id: Int
    let job: Job
    let started: ContinuousClock.Instant
    let continuation: CheckedContinuation<SpaceWaitOutcome, Never>
    let timeout: Task<Void, Never>
}

/// How a saver's wait for room ended.
enum SpaceWaitOutcome: Sendable {
    case admitted(CommitReceipt)
    case timedOut
    case rejected(RecordingError)
}

/// A caller of `waitForCommits` waiting for the queue to empty.
struct DrainWaiter {
    let continuation: CheckedContinuation<CommitCounts, Never>
    let timeout: Task<Void, Never>
}
