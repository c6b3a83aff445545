// How one camera of a recording session is encoded.

import Video

/// The encoder settings of one camera (`video` feature) of a ``RecordingConfiguration``.
///
/// Size and rate come from the feature and the session; this holds the rest of
/// ``VideoEncoderConfig``. Value type; safe to share.
public struct CameraEncoding: Sendable, Hashable {
    public var codec: VideoCodec
    /// Keyframe interval (lerobot default 2).
    public var gop: Int
    /// Constant rate factor; nil = the codec's default.
    public var crf: Int?
    /// Encoder preset; nil = the fastest.
    public var preset: String?
    /// Encoder threads; `1` makes x264 output byte-identical across runs.
    public var threads: Int?
    /// Frame slots between `addFrame` and ffmpeg's pipe; nil = one second of frames.
    public var queueCapacity: Int?
    /// What `addFrame` does when the camera's queue is full (default: duplicate, never wait).
    public var backpressure: BackpressurePolicy
    /// Bound for finishing one episode's stream before ffmpeg is killed (scaled up with the
    /// episode's length by the committer, see ``RecordingConfiguration/finishTimeout(frames:)``).
    public var finishTimeout: Duration
    /// Where ffmpeg and ffprobe are.
    public var tools: FFmpegTools
    /// Whether the mp4 index goes to the front (`+faststart`); lerobot does not need it.
    public var faststart: Bool
    /// How often the encoder's writer thread looks for new frames; `addFrame` then never wakes
    /// it (waking a parked thread costs the control loop ~50 µs per camera on a VM). nil: wake
    /// per frame. See ``VideoEncoderConfig/writerPollInterval``.
    public var writerPollInterval: Duration?

    public init(
        codec: VideoCodec = .h264, gop: Int = 2, crf: Int? = nil, preset: String? = nil, threads: Int? = nil,
        queueCapacity: Int? = nil, backpressure: BackpressurePolicy = .duplicatePrevious,
        finishTimeout: Duration = .seconds(10), tools: FFmpegTools = .system, faststart: Bool = false,
        writerPollInterval: Duration? = .milliseconds(4)
    ) {
        self.writerPollInterval = writerPollInterval
        self.codec = codec
        self.gop = gop
        self.crf = crf
        self.preset = preset
        self.threads = threads
        self.queueCapacity = queueCapacity
        self.backpressure = backpressure
        self.finishTimeout = finishTimeout
        self.tools = tools
        self.faststart = faststart
    }

    /// The encoder configuration of a `width × height` camera at `fps`.
    func videoConfig(width: Int, height: Int, fps: Int, finishTimeout: Duration) -> VideoEncoderConfig {
        VideoEncoderConfig(
            width: width, height: height, fps: fps, codec: codec, gop: gop, crf: crf, preset: preset,
            threads: threads, queueCapacity: queueCapacity, backpressure: backpressure,
            finishTimeout: finishTimeout, tools: tools, faststart: faststart, writerPollInterval: writerPollInterval)
    }
}
