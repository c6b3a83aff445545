/// Everything the live progress screen shows, captured at one instant.
///
/// A plain value filled by `record`/`bench` from the recording session's counters, so that
/// ``ProgressRenderer`` is a pure function and its output can be tested exactly.
struct ProgressSnapshot: Sendable, Equatable {
    /// One recorded stream (a camera or a vector feature).
    struct Stream: Sendable, Equatable {
        var name: String
        /// Frames recorded in the current episode.
        var frames: Int
        /// Frames per second over the last second (or the episode so far).
        var fps: Double
        /// Gaps (duplicated or missing frames) in the current episode.
        var gaps: Int
        /// Frames waiting in the stream's queue, and its capacity (`nil` for streams without one).
        var queueDepth: Int?
        var queueCapacity: Int?
    }

    /// What the recorder is doing.
    enum Phase: String, Sendable, Equatable {
        case recording, paused, resetting, finishing
    }

    var phase: Phase
    /// 0-based index of the episode being recorded, and how many the session aims for.
    var episode: Int
    var episodesTotal: Int
    /// Seconds into the current episode (or reset period), and its planned length.
    var phaseElapsed: Double
    var phaseSeconds: Double
    /// Seconds since the session started, and the estimated seconds left in the session.
    var sessionElapsed: Double
    var sessionRemaining: Double
    var streams: [Stream]
    var queued: Int
    var committing: Int
    var committed: Int
    var failed: Int
    /// Free bytes on the dataset's file system (`nil` when unknown).
    var diskFree: Int64?
    /// External state messages rejected so far (`nil` when there is no external state).
    var rejectedStates: Int?
    /// Whether to print the key help line (interactive sessions only).
    var showKeys: Bool
}
