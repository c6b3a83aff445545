// What `stop` reports.

/// The outcome of a session, exact: what was added, saved, discarded, committed and failed.
public struct SessionSummary: Sendable {
    /// The state after stopping (`stopped`, or `failed` after e.g. a full disk, or `stopping`
    /// when commits were still pending at the timeout).
    public var state: SessionState
    public var commits: CommitCounts
    /// The commit status of every saved episode by session episode number.
    public var statuses: [Int: EpisodeCommitStatus]
    public var framesAdded: Int
    public var framesRejected: Int
    public var episodesSaved: Int
    public var episodesDiscarded: Int
    /// Why recording stopped early, if it did.
    public var failure: RecordingError?
}
