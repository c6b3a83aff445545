// What a caller hands to a dataset writer for one finished episode.

/// The values of one table feature for every frame of an episode, row-major
/// (frame 0's elements, then frame 1's, …).
public enum FrameColumn: Sendable {
    case float32([Float])
    case float64([Double])
    case int64([Int64])
    case int32([Int32])
    case bool([Bool])
    case string([String])
    /// One PNG per frame, for `image` features.
    case png([[UInt8]])

    var count: Int {
        switch self {
        case .float32(let v): v.count
        case .float64(let v): v.count
        case .int64(let v): v.count
        case .int32(let v): v.count
        case .bool(let v): v.count
        case .string(let v): v.count
        case .png(let v): v.count
        }
    }

    /// Values of element `i` of `width` per frame, as doubles (for statistics).
    func doubles(frame: Int, width: Int) -> [Double]? {
        let r = frame * width ..< (frame + 1) * width
        switch self {
        case .float32(let v): return v[r].map(Double.init)
        case .float64(let v): return Array(v[r])
        case .int64(let v): return v[r].map(Double.init)
        case .int32(let v): return v[r].map(Double.init)
        case .bool(let v): return v[r].map { $0 ? 1 : 0 }
        case .string, .png: return nil
        }
    }
}

/// An already-encoded mp4 holding one episode of one camera (made by the Video module).
public struct EpisodeVideo: Sendable {
    /// Who owns the file after the episode is committed.
    public enum Handoff: Sendable, Hashable {
        /// The file is copied into the dataset durably and left in place (the caller keeps it).
        case copy
        /// The writer takes the file: it is fsynced and renamed into the dataset (no second
        /// write of the video bytes); across file systems (EXDEV) it is copied, then the
        /// source is removed. The caller must not touch `path` afterwards. If `addEpisode` throws
        /// after its videos step (disk full at the manifest), the file is already at its dataset
        /// path, not counted; a retry must pass that path, or the dataset be recovered
        /// (`DatasetRecovery`, which rolls it forward or quarantines it).
        case move
    }

    /// Where the mp4 is now.
    public var path: String
    /// Frames in the file; must equal the episode length.
    public var frameCount: Int
    /// Copy (default) or move the file into the dataset.
    public var handoff: Handoff

    public init(path: String, frameCount: Int, handoff: Handoff = .copy) {
        self.path = path
        self.frameCount = frameCount
        self.handoff = handoff
    }
}

/// One finished episode: per-frame tasks, table columns, camera files and camera statistics.
public struct EpisodeInput: Sendable {
    /// Number of frames.
    public var length: Int
    /// The task of each frame (usually the same string `length` times).
    public var tasks: [String]
    /// Values of every user table feature (all non-video features but the five defaults).
    public var columns: [String: FrameColumn]
    /// The mp4 of every video feature.
    public var videos: [String: EpisodeVideo]
    /// Statistics of every camera (video and image features), computed while recording
    /// with ``ImageStatsAccumulator`` (this module does not decode video or PNG).
    public var cameraStats: [String: FeatureStatistics]
    /// Statistics of user table features already computed while recording (with
    /// ``VectorStatsAccumulator``); features not listed here are computed from `columns`.
    public var tableStats: [String: FeatureStatistics]

    public init(length: Int, task: String, columns: [String: FrameColumn], videos: [String: EpisodeVideo] = [:],
                cameraStats: [String: FeatureStatistics] = [:], tableStats: [String: FeatureStatistics] = [:]) {
        self.init(length: length, tasks: Array(repeating: task, count: length), columns: columns,
                  videos: videos, cameraStats: cameraStats, tableStats: tableStats)
    }

    public init(length: Int, tasks: [String], columns: [String: FrameColumn], videos: [String: EpisodeVideo] = [:],
                cameraStats: [String: FeatureStatistics] = [:], tableStats: [String: FeatureStatistics] = [:]) {
        self.length = length
        self.tasks = tasks
        self.columns = columns
        self.videos = videos
        self.cameraStats = cameraStats
        self.tableStats = tableStats
    }
}
