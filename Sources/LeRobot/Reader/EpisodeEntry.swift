// One episode as a dataset's metadata describes it.

/// An episode's metadata, as read from `meta/episodes` (v3.0) or `episodes.jsonl` (v2.1).
public struct EpisodeEntry: Sendable, Hashable {
    /// One camera's file and the episode's time range inside it.
    public struct Video: Sendable, Hashable {
        public var key: String
        /// Path relative to the dataset root.
        public var path: String
        public var fromTimestamp: Double
        public var toTimestamp: Double
    }

    public var episodeIndex: Int
    public var tasks: [String]
    public var length: Int
    /// Data file relative to the dataset root.
    public var dataPath: String
    /// Global index of the first row (inclusive) and after the last (exclusive).
    public var fromIndex: Int
    public var toIndex: Int
    public var videos: [Video]
    /// The episode's statistics, if the metadata has them and they parse.
    public var stats: DatasetStatistics?
    /// Why `stats` is `nil` when the metadata has statistics that do not parse.
    public var statsProblem: String?
}
