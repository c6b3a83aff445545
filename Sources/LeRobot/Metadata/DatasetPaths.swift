// Relative paths of every file of a dataset, for both layouts.

/// Relative paths inside a dataset root, as lerobot's path templates produce them.
/// Pure functions; thread-safe.
public enum DatasetPaths {
    public static let info = "meta/info.json"
    public static let stats = "meta/stats.json"
    public static let tasksParquet = "meta/tasks.parquet"
    public static let tasksJSONL = "meta/tasks.jsonl"
    public static let episodesJSONL = "meta/episodes.jsonl"
    public static let episodesStatsJSONL = "meta/episodes_stats.jsonl"

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// v3.0 `data/chunk-XXX/file-XXX.parquet`.
    public static func data(_ at: FileLocation) -> String {
        "data/chunk-\(pad(at.chunk, 3))/file-\(pad(at.file, 3)).parquet"
    }

    /// v3.0 `videos/KEY/chunk-XXX/file-XXX.mp4`.
    public static func video(key: String, _ at: FileLocation) -> String {
        "videos/\(key)/chunk-\(pad(at.chunk, 3))/file-\(pad(at.file, 3)).mp4"
    }

    /// Episodic's own `audio/STREAM/chunk-XXX/file-XXX.wav`: the recording engine's WAV of the
    /// episode whose data file is at `at` (lerobot ignores `audio/`; recovery checks it).
    public static func audio(stream: String, _ at: FileLocation) -> String {
        "audio/\(stream)/chunk-\(pad(at.chunk, 3))/file-\(pad(at.file, 3)).wav"
    }

    /// v3.0 `meta/episodes/chunk-XXX/file-XXX.parquet`.
    public static func episodes(_ at: FileLocation) -> String {
        "meta/episodes/chunk-\(pad(at.chunk, 3))/file-\(pad(at.file, 3)).parquet"
    }

    /// v2.1 `data/chunk-XXX/episode_XXXXXX.parquet`, chunk = episode / chunksSize.
    public static func dataV21(episode: Int, chunksSize: Int) -> String {
        "data/chunk-\(pad(episode / chunksSize, 3))/episode_\(pad(episode, 6)).parquet"
    }

    /// v2.1 `videos/chunk-XXX/KEY/episode_XXXXXX.mp4`.
    public static func videoV21(key: String, episode: Int, chunksSize: Int) -> String {
        "videos/chunk-\(pad(episode / chunksSize, 3))/\(key)/episode_\(pad(episode, 6)).mp4"
    }

    /// lerobot's size-based rollover test: start a new file when the current one plus
    /// the addition would reach `limitMB` (`size_in_mb + added_mb >= limit`).
    public static func shouldRollOver(currentBytes: Int, addingBytes: Int, limitMB: Int) -> Bool {
        Double(currentBytes + addingBytes) / (1024 * 1024) >= Double(limitMB)
    }
}
