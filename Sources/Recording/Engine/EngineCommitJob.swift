// What the session hands to the committer when an episode is saved.

import LeRobot

/// One saved episode: its task, its (soon sealed) table columns and its camera streams.
///
/// Immutable; the committer only reads it. Finishing the streams is memoized by
/// ``EpisodeStreams``, so a retried attempt sees the same finished files.
public struct EngineCommitJob: EpisodeCommitJob {
    /// The session's episode number (the dataset index too, unless an earlier episode failed).
    public let episodeIndex: Int
    public let task: String
    /// Frames added (rows and camera frames per stream).
    public let frames: Int
    let columns: EpisodeColumns
    let streams: EpisodeStreams
}
