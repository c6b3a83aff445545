// What `saveEpisode` returns at once.

/// The receipt of a saved episode: it is in the commit queue (not yet durable; follow it with
/// ``RecordingSession/events`` or ``RecordingSession/waitForCommits(timeout:)``).
public struct EpisodeTicket: Sendable, Hashable {
    /// The session's episode number.
    public var episode: Int
    /// Frames in the episode.
    public var frames: Int
    /// Episodes ahead of it in the commit queue when it entered.
    public var queuePosition: Int
    /// How long the save waited for room in a full queue; nil when it did not wait.
    public var waited: Duration?
}
