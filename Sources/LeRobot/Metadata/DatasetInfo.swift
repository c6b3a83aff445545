// `meta/info.json`: the manifest of a dataset.

/// The contents of `meta/info.json`.
///
/// Written last by the writers (it is the manifest; it can always be rebuilt from
/// the per-episode metadata). Keys are written in the order lerobot writes them
/// for the dataset's version; unknown keys read from a file are kept in ``extra``
/// and written back after ours.
public struct DatasetInfo: Hashable, Sendable {
    /// The version of our own `"episodic"` block. See docs/dataset-format.md for the
    /// policy on reading other versions.
    public static let episodicSchemaVersion: Int64 = 1

    public var version: CodebaseVersion
    public var fps: Int
    public var features: Features
    public var robotType: String?
    public var totalEpisodes: Int = 0
    public var totalFrames: Int = 0
    public var totalTasks: Int = 0
    /// v3.0: maximum files per chunk directory; v2.1: episodes per chunk directory.
    public var chunksSize: Int = 1000
    public var dataFilesSizeInMB: Int = 100
    public var videoFilesSizeInMB: Int = 200
    /// v2.1 only: episodes × cameras.
    public var totalVideos: Int = 0
    /// v2.1 only: number of chunk directories.
    public var totalChunks: Int = 0
    /// The `"episodic"` block read from a file, if any (`nil` for datasets written by others).
    public var episodicBlock: JSONValue?
    /// Whether ``json`` includes the `"episodic"` block. `true` for datasets we create;
    /// when parsing, `true` only if the file had one (so others' files round-trip byte for byte).
    public var writesEpisodicBlock = true
    /// Keys we do not interpret, in file order, written back unchanged.
    public var extra: [(String, JSONValue)] = []

    public init(version: CodebaseVersion = .v3_0, fps: Int, features: Features, robotType: String? = nil) {
        self.version = version
        self.fps = fps
        self.features = features
        self.robotType = robotType
    }

    /// `data_path` template for the version.
    public var dataPathTemplate: String {
        switch version {
        case .v3_0: "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet"
        case .v2_1: "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet"
        }
    }

    /// `video_path` template, or `nil` when the dataset has no video features.
    public var videoPathTemplate: String? {
        guard !features.videos.isEmpty else { return nil }
        switch version {
        case .v3_0: return "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4"
        case .v2_1: return "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4"
        }
    }

    public static func == (lhs: DatasetInfo, rhs: DatasetInfo) -> Bool {
        lhs.json == rhs.json
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(json) }
}
