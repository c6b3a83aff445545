// The one error type of the Recording module.

/// An error from the recording engine: the session, the frame rings, the commit
/// queue or the disk guard.
///
/// Every error carries a stable ``Code`` (documented in `docs/errors.md`; a code
/// is never reused for another meaning), a message naming the episode, stream,
/// path or value involved, a hint that says what to do, and — for
/// ``Code/prerequisiteFailed`` and ``Code/commitFailed`` — the error that caused it.
public struct RecordingError: Error, Sendable, CustomStringConvertible {
    /// A stable, documented error code such as `ERR_DISK_FULL`.
    ///
    /// A struct over a string rather than an enum, so that codes can be added
    /// without breaking callers that switch over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Free space on the dataset's file system is below the configured floor, or a write hit
        /// ENOSPC/EDQUOT. Shared with the rest of Episodic.
        public static let diskFull = Code("ERR_DISK_FULL")
        /// An event arrived in a session state that does not accept it (for example `episodeSaved`
        /// while waiting for approval).
        public static let invalidTransition = Code("ERR_INVALID_TRANSITION")
        /// The commit queue stayed full for the whole bounded wait of a save; the episode was
        /// not queued and is still the caller's.
        public static let commitQueueFullTimeout = Code("ERR_COMMIT_QUEUE_FULL_TIMEOUT")
        /// An episode's commit failed for good (a permanent error, or every retry used); its
        /// files are kept for `episodic recover`. The cause is attached.
        public static let commitFailed = Code("ERR_COMMIT_FAILED")
        /// A stage could not run because a stage it depends on failed; the cause carries that
        /// stage's own code.
        public static let prerequisiteFailed = Code("ERR_PREREQ_FAILED")
        /// The approval gate refused the session.
        public static let approvalDenied = Code("ERR_APPROVAL_DENIED")
        /// A frame is larger than the fixed slot size of its stream's ring.
        public static let frameTooLarge = Code("ERR_FRAME_TOO_LARGE")
        /// A frame was pushed into a stream that was already finished.
        public static let streamFinished = Code("ERR_STREAM_FINISHED")
        /// The commit queue was closed (the session is stopping) when an episode was handed to it.
        public static let commitQueueClosed = Code("ERR_COMMIT_QUEUE_CLOSED")
        /// An episode index was handed to the commit queue while an earlier job with the same
        /// index is still queued, committing or committed.
        public static let duplicateEpisode = Code("ERR_DUPLICATE_EPISODE")
        /// Free space could not be read (`statvfs` failed); `errno` is in the message.
        public static let diskStatFailed = Code("ERR_DISK_STAT_FAILED")
        /// A transient I/O condition (EINTR, EAGAIN, EBUSY, ETIMEDOUT) that a retry may clear.
        public static let transientIO = Code("ERR_TRANSIENT_IO")
        /// A configuration value is out of range (zero slots, negative floor, …).
        public static let invalidConfiguration = Code("ERR_RECORDING_INVALID_CONFIGURATION")
        /// A frame handed to a recording session does not match its features (unknown key, wrong
        /// dtype or element count, NaN, missing value, wrong camera byte count). The frame was not
        /// taken; nothing else changed.
        public static let invalidFrame = Code("ERR_INVALID_FRAME")
        /// A session call came in a state that does not allow it (for example `addFrame` before
        /// `startEpisode`, or after the session stopped or failed).
        public static let notRecording = Code("ERR_NOT_RECORDING")
        /// An episode was saved before its first frame (discard it instead).
        public static let emptyEpisode = Code("ERR_EMPTY_EPISODE")
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

    /// Wraps the error of a failed prerequisite stage, keeping it as the cause.
    ///
    /// - Parameters:
    ///   - stage: what could not run, for example `"commit of episode 3"`.
    ///   - cause: the prerequisite's own error, whose code stays visible in ``description``.
    public static func prerequisite(_ stage: String, failedBecause cause: any Error & Sendable) -> RecordingError {
        RecordingError(
            .prerequisiteFailed, "\(stage) could not run because a stage it depends on failed",
            hint: "fix the cause below first", cause: cause)
    }

    /// The code of the innermost cause that has one, so that a wrapped failure still reports
    /// what really went wrong (`ERR_DISK_FULL` rather than `ERR_PREREQ_FAILED`).
    public var rootCode: Code {
        var current: RecordingError = self
        while let inner = current.cause as? RecordingError { current = inner }
        return current.code
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let hint { text += " (\(hint))" }
        if let cause { text += "; caused by: \(cause)" }
        return text
    }
}
