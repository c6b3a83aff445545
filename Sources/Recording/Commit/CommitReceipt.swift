/// What ``EpisodeCommitQueue/enqueue(_:maxWait:)`` returns once an episode is in the queue.
public struct CommitReceipt: Sendable, Hashable {
    /// The episode's index.
    public var episodeIndex: Int
    /// How many episodes were ahead of it (queued or committing) when it entered.
    public var queuePosition: Int
    /// How long the save waited for room in a full queue; `nil` when it did not wait.
    public var waited: Duration?
}

/// Commit totals at one moment, as ``EpisodeCommitQueue/waitForCommits(timeout:)`` returns them.
public struct CommitCounts: Sendable, Hashable {
    /// Episodes durable and valid.
    public var committed: Int
    /// Episodes given up on (kept on disk for `episodic recover`).
    public var failed: Int
    /// Episodes queued or committing.
    public var pending: Int

    public init(committed: Int, failed: Int, pending: Int) {
        self.committed = committed
        self.failed = failed
        self.pending = pending
    }
}
