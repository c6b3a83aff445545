// One problem found by the verifier, with a stable code and a fix hint.

/// A problem `episodic verify` reports: stable code, the file concerned, what is
/// wrong, and a one-line hint saying how to fix it.
public struct VerificationProblem: Sendable, Hashable, CustomStringConvertible {
    /// Stable codes (documented in docs/errors.md, never reused).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A Parquet file cannot be opened: missing footer/magic, truncated, unreadable.
        case parquetFooterMissing = "ERR_PARQUET_FOOTER_MISSING"
        /// Episode metadata (meta/episodes or .jsonl) is unreadable or lacks required columns.
        case metadataInvalid = "ERR_METADATA_INVALID"
        /// info.json totals disagree with the files.
        case infoMismatch = "ERR_INFO_MISMATCH"
        /// A data file's row count disagrees with the episodes metadata.
        case rowCountMismatch = "ERR_ROW_COUNT_MISMATCH"
        /// The global `index` column is not 0..N-1 across files in path order.
        case indexGap = "ERR_INDEX_GAP"
        /// Episode metadata rows are not 0..E-1 in order, or data rows' `episode_index` disagrees.
        case episodeIndexOrder = "ERR_EPISODE_INDEX_ORDER"
        /// `frame_index` is not 0..n-1 within an episode.
        case frameIndex = "ERR_FRAME_INDEX"
        /// `timestamp` is not float32(frame / fps).
        case timestamp = "ERR_TIMESTAMP"
        /// A `task_index` or episode task is not in the tasks table, or tasks.parquet lacks its pandas index.
        case taskUnresolved = "ERR_TASK_UNRESOLVED"
        /// Statistics are missing or have the wrong shape.
        case statsShape = "ERR_STATS_SHAPE"
        /// A video file is missing.
        case videoMissing = "ERR_VIDEO_MISSING"
        /// A video file cannot be probed.
        case videoUnreadable = "ERR_VIDEO_UNREADABLE"
        /// A video has a different number of frames than its episodes' rows.
        case frameCountMismatch = "ERR_FRAME_COUNT_MISMATCH"
        /// A video frame is not at exactly k/fps, or an episode's from_timestamp is off.
        case videoTimestamp = "ERR_VIDEO_TIMESTAMP"
    }

    public var code: Code
    /// Path relative to the dataset root.
    public var path: String
    public var message: String
    public var hint: String

    public init(_ code: Code, path: String, _ message: String, hint: String) {
        self.code = code
        self.path = path
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(code.rawValue) \(path): \(message) (\(hint))" }

    /// `{"code", "path", "message", "hint"}`.
    public var json: JSONValue {
        .object([("code", .string(code.rawValue)), ("path", .string(path)),
                 ("message", .string(message)), ("hint", .string(hint))])
    }
}

/// The outcome of verifying one dataset.
public struct VerificationReport: Sendable {
    public var root: String
    public var version: CodebaseVersion
    public var episodes: Int
    public var frames: Int
    public var problems: [VerificationProblem]
    /// Checks that could not run (e.g. videos without ffprobe), with the reason.
    public var skipped: [String]

    public var isValid: Bool { problems.isEmpty }

    public var json: JSONValue {
        .object([
            ("dataset", .string(root)), ("codebase_version", .string(version.rawValue)),
            ("valid", .bool(isValid)), ("episodes", .int(Int64(episodes))), ("frames", .int(Int64(frames))),
            ("problems", .array(problems.map(\.json))), ("skipped", .array(skipped.map { .string($0) })),
        ])
    }
}
