/// What ``StreamingVideoEncoder/submit(_:captureTime:)`` does when every queue slot is taken
/// (the encoder has fallen behind by the whole queue).
///
/// Either way the frame still becomes exactly one output frame — a duplicate of the previous
/// one — and is counted as a gap with cause ``GapCause/queueFull``, so the video keeps the same
/// length as the table. LeRobot's streaming encoder drops the frame instead, which makes the
/// video shorter than the parquet rows.
public enum BackpressurePolicy: Sendable, Hashable {
    /// Wait up to `maxWait` for a free slot (the producer thread blocks), then duplicate.
    case block(maxWait: Duration)
    /// Never wait: a frame that finds the queue full becomes a duplicate at once (the default:
    /// a control loop is never stalled by video).
    case duplicatePrevious
}

/// Why an output frame is a duplicate of the frame before it instead of a new camera frame.
public enum GapCause: String, Sendable, Hashable, CaseIterable {
    /// The queue was full (encoder behind); the submitted frame was not copied.
    case queueFull
    /// The camera frame never arrived (reported by the caller with `submitGap`).
    case frameMissing
    /// The camera frame arrived too late for its slot (reported by the caller).
    case frameLate
    /// The submitted buffer had the wrong byte count for the configured size.
    case invalidFrame
}

/// A run of consecutive output frames that are duplicates, all for one cause.
public struct GapRecord: Sendable, Hashable {
    /// Output frame indices (0-based, the same numbering as the episode's rows).
    public var frames: Range<Int>
    public var cause: GapCause

    public init(frames: Range<Int>, cause: GapCause) {
        self.frames = frames
        self.cause = cause
    }
}

/// What happened to one frame handed to the encoder.
public enum SubmitOutcome: Sendable {
    /// Copied into a queue slot; it will be written as the next output frame.
    case queued
    /// Recorded as a duplicate of the previous frame (output frame count still +1).
    case duplicated(GapCause)
    /// The encoder has failed or was finished/cancelled; nothing was recorded.
    case failed(VideoError)

    /// True for `.queued`.
    public var isQueued: Bool { if case .queued = self { return true } else { return false } }
    /// The cause for `.duplicated`, else nil.
    public var duplicateCause: GapCause? { if case .duplicated(let c) = self { return c } else { return nil } }
    /// The error for `.failed`, else nil.
    public var error: VideoError? { if case .failed(let e) = self { return e } else { return nil } }
}
