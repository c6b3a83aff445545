// The one error type of the Video module.

/// An error from encoding, probing or writing video, image or audio files.
///
/// Every error carries a stable ``Code`` (documented in `docs/errors.md`; a code
/// is never reused for another meaning), a message naming the file, process or
/// value involved, and a hint that says what to do about it. Encoder failures
/// carry the last lines ffmpeg printed on stderr in ``stderrTail``.
public struct VideoError: Error, Sendable, CustomStringConvertible {
    /// A stable, documented error code such as `ERR_ENCODER_FAILED`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The `ffmpeg` or `ffprobe` executable is not on `PATH` (or at the configured path).
        public static let ffmpegMissing = Code("ERR_FFMPEG_MISSING")
        /// The requested encoder is not available in this ffmpeg build.
        public static let encoderUnsupported = Code("ERR_ENCODER_UNSUPPORTED")
        /// The encoder could not start, died, or exited with an error.
        public static let encoderFailed = Code("ERR_ENCODER_FAILED")
        /// The encoder did not finish within its time bound and was killed.
        public static let encoderTimeout = Code("ERR_ENCODER_TIMEOUT")
        /// An encoder configuration is invalid (odd size for yuv420p, fps ≤ 0, …).
        public static let invalidConfig = Code("ERR_VIDEO_INVALID_CONFIG")
        /// The encoder or writer was used after `finish()`, `cancel()` or a failure.
        public static let closed = Code("ERR_VIDEO_CLOSED")
        /// `ffprobe`/`ffmpeg` could not read a media file, or its output was not understood.
        public static let probeFailed = Code("ERR_VIDEO_PROBE_FAILED")
        /// An image or audio value handed to a writer does not match its declared shape.
        public static let invalidInput = Code("ERR_VIDEO_INVALID_INPUT")
        /// An operating-system I/O error (EACCES, EIO, …); `errno` is in the message.
        public static let io = Code("ERR_VIDEO_IO")
        /// The disk is full (ENOSPC or EDQUOT). Shared with the rest of Episodic.
        public static let diskFull = Code("ERR_DISK_FULL")
    }

    public var code: Code
    public var message: String
    public var hint: String?
    /// The last lines the child process wrote to stderr, oldest first (empty when not from a process).
    public var stderrTail: [String]
    public var cause: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, hint: String? = nil,
        stderrTail: [String] = [], cause: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.stderrTail = stderrTail
        self.cause = cause
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let hint { text += " (\(hint))" }
        if !stderrTail.isEmpty { text += "\nffmpeg said:\n  " + stderrTail.joined(separator: "\n  ") }
        if let cause { text += "; caused by: \(cause)" }
        return text
    }
}

extension VideoError {
    /// Builds an `io` or `diskFull` error from an `errno` value, naming the operation and path.
    static func fromErrno(_ err: Int32, _ operation: String, path: String) -> VideoError {
        let text = String(cString: strerror(err))
        if err == ENOSPC || err == EDQUOT {
            return VideoError(.diskFull, "\(operation) \(path): \(text)",
                              hint: "free disk space; files finished before are intact")
        }
        return VideoError(.io, "\(operation) \(path): errno \(err) (\(text))",
                          hint: "check the path exists and is writable")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
