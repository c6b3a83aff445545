// One episode's metadata row (`meta/episodes`, `episodes.jsonl`).

/// Where a file lives in the v3.0 chunked layout.
public struct FileLocation: Hashable, Sendable, Comparable {
    public var chunk: Int
    public var file: Int

    public init(chunk: Int, file: Int) {
        self.chunk = chunk
        self.file = file
    }

    /// lerobot's `update_chunk_file_indices`: the next file, moving to the next chunk
    /// directory after `chunksSize` files.
    public func next(chunksSize: Int) -> FileLocation {
        file == chunksSize - 1 ? FileLocation(chunk: chunk + 1, file: 0) : FileLocation(chunk: chunk, file: file + 1)
    }

    /// The location of the `ordinal`-th file (0-based) when every file is used once.
    public static func nth(_ ordinal: Int, chunksSize: Int) -> FileLocation {
        FileLocation(chunk: ordinal / chunksSize, file: ordinal % chunksSize)
    }

    public static func < (a: FileLocation, b: FileLocation) -> Bool {
        (a.chunk, a.file) < (b.chunk, b.file)
    }
}

/// The segment of one camera's mp4 that holds an episode.
public struct EpisodeVideoSegment: Hashable, Sendable {
    public var key: String
    public var location: FileLocation
    /// Seconds into the mp4 where the episode starts (frames before it in that file / fps).
    public var fromTimestamp: Double
    public var toTimestamp: Double

    public init(key: String, location: FileLocation, fromTimestamp: Double, toTimestamp: Double) {
        self.key = key
        self.location = location
        self.fromTimestamp = fromTimestamp
        self.toTimestamp = toTimestamp
    }
}

/// Everything the dataset metadata records about one episode.
public struct EpisodeRecord: Hashable, Sendable {
    public var episodeIndex: Int
    /// Unique tasks in the episode, in first-use order.
    public var tasks: [String]
    public var length: Int
    public var dataLocation: FileLocation
    /// Global `index` of the first frame (inclusive).
    public var datasetFromIndex: Int
    /// Global `index` after the last frame (exclusive).
    public var datasetToIndex: Int
    /// One segment per video feature, in video-feature order.
    public var videos: [EpisodeVideoSegment]
    public var stats: DatasetStatistics
    /// Where this row lives in `meta/episodes`.
    public var metaLocation: FileLocation

    public init(episodeIndex: Int, tasks: [String], length: Int, dataLocation: FileLocation,
                datasetFromIndex: Int, datasetToIndex: Int, videos: [EpisodeVideoSegment],
                stats: DatasetStatistics, metaLocation: FileLocation) {
        self.episodeIndex = episodeIndex
        self.tasks = tasks
        self.length = length
        self.dataLocation = dataLocation
        self.datasetFromIndex = datasetFromIndex
        self.datasetToIndex = datasetToIndex
        self.videos = videos
        self.stats = stats
        self.metaLocation = metaLocation
    }

    /// The v2.1 `episodes.jsonl` line (without newline).
    public var jsonlLine: String {
        JSONValue.object([
            ("episode_index", .int(Int64(episodeIndex))),
            ("tasks", .array(tasks.map { .string($0) })),
            ("length", .int(Int64(length))),
        ]).pythonCompactJSON()
    }

    /// The v2.1 `episodes_stats.jsonl` line (without newline; no quantiles, as lerobot 0.3 wrote).
    public var statsJSONLLine: String {
        JSONValue.object([
            ("episode_index", .int(Int64(episodeIndex))),
            ("stats", stats.json(includeQuantiles: false)),
        ]).pythonCompactJSON()
    }
}
