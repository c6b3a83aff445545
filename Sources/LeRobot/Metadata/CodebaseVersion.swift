// The on-disk format generations this library writes and reads.

/// A LeRobot dataset format generation (`codebase_version` in `info.json`).
public enum CodebaseVersion: String, Hashable, Sendable, CaseIterable {
    /// Chunked files (`data/chunk-000/file-000.parquet`), `meta/episodes/*.parquet`,
    /// `meta/tasks.parquet`, `meta/stats.json`. Read by lerobot ≥ 0.4.
    case v3_0 = "v3.0"
    /// One file per episode, `.jsonl` metadata. Read by lerobot ≤ 0.3.x and forks.
    case v2_1 = "v2.1"

    /// Parses `codebase_version`.
    ///
    /// - Throws: `ERR_DATASET_VERSION` for any other version (v2.0, v1.x, unparsable).
    public static func parse(_ text: String) throws(LeRobotError) -> CodebaseVersion {
        guard let v = CodebaseVersion(rawValue: text) else {
            throw LeRobotError(
                .version, "codebase_version '\(text)' is not supported",
                hint: "convert the dataset with lerobot to v3.0 (or v2.1) first")
        }
        return v
    }
}
