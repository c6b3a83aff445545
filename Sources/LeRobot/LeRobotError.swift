// The one error type of the LeRobot module.

/// An error from building, writing, reading or verifying a LeRobot dataset.
///
/// Every error carries a stable ``Code`` (documented in `docs/errors.md`; a code
/// is never reused for another meaning), a message naming the feature, file or
/// value involved, and a hint saying what to do about it.
public struct LeRobotError: Error, Sendable, CustomStringConvertible {
    /// A stable, documented error code such as `ERR_FEATURE_NAME`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A feature name is empty, contains `/`, or is declared twice.
        public static let featureName = Code("ERR_FEATURE_NAME")
        /// A feature shape is empty, has a non-positive dimension, or a camera is not `[H, W, 3]`.
        public static let featureShape = Code("ERR_FEATURE_SHAPE")
        /// A feature dtype is unknown or not allowed where it is used.
        public static let featureDType = Code("ERR_FEATURE_DTYPE")
        /// A value handed in does not match its feature (count, type, image size).
        public static let featureValue = Code("ERR_FEATURE_VALUE")
        /// JSON text could not be parsed, or has the wrong structure.
        public static let json = Code("ERR_JSON")
        /// `meta/info.json` is missing a required key or has a wrong value.
        public static let info = Code("ERR_INFO_INVALID")
        /// The dataset declares a codebase version this library does not handle.
        public static let version = Code("ERR_DATASET_VERSION")
        /// A task string is empty, duplicated, or a task index is unknown.
        public static let task = Code("ERR_TASK")
        /// Statistics have the wrong shape or cannot be combined.
        public static let stats = Code("ERR_STATS")
        /// An operating-system I/O error (errno in the message).
        public static let io = Code("ERR_IO")
        /// The disk is full (ENOSPC or EDQUOT). Shared with the rest of Episodic.
        public static let diskFull = Code("ERR_DISK_FULL")
        /// A path is not a LeRobot dataset (no `meta/info.json`).
        public static let notADataset = Code("ERR_NOT_A_DATASET")
        /// An episode handed to a writer is inconsistent (empty, wrong index, missing video).
        public static let episode = Code("ERR_EPISODE")
        /// A file read while opening a dataset disagrees with the metadata.
        public static let mismatch = Code("ERR_DATASET_MISMATCH")
        /// A dataset to resume has files its manifest does not describe (or the reverse): a crash
        /// left it unclean. `episodic recover` brings it back to a clean state.
        public static let resumeUnclean = Code("ERR_RESUME_UNCLEAN")
        /// A dataset to resume differs from what the caller expects (fps, features, version).
        public static let resumeMismatch = Code("ERR_RESUME_MISMATCH")
        /// Recovery could not finish (a file could not be moved or the metadata cannot be rebuilt).
        public static let recovery = Code("ERR_RECOVERY")
    }

    public var code: Code
    public var message: String
    public var hint: String?
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, hint: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.cause = cause
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let hint { text += " (\(hint))" }
        if let cause { text += "; caused by: \(cause)" }
        return text
    }
}
