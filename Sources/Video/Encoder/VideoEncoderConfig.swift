/// How one camera stream is encoded: size, rate, codec and queueing.
///
/// Input frames are always packed `rgb24` (width × height × 3 bytes, rows top to bottom);
/// the output pixel format defaults to `yuv420p`, which LeRobot requires.
public struct VideoEncoderConfig: Sendable, Hashable {
    public var width: Int
    public var height: Int
    /// Frames per second; frame k gets presentation time exactly k/fps.
    public var fps: Int
    public var codec: VideoCodec
    /// Output pixel format (LeRobot: `yuv420p`, which needs even width and height).
    public var pixelFormat: String
    /// Keyframe interval (LeRobot default 2: fast random access; also what makes the
    /// fragmented spool file survive a crash, since fragments start at keyframes).
    public var gop: Int
    /// Constant rate factor; nil = the codec's default (h264 23, hevc 28, av1 30).
    public var crf: Int?
    /// Encoder preset; nil = the fastest (x264/x265 `ultrafast`, SVT-AV1 `12`).
    public var preset: String?
    /// Encoder threads (`-threads`); nil = ffmpeg's choice. `1` makes x264 output
    /// byte-identical across runs (see docs/video.md).
    public var threads: Int?
    /// Extra ffmpeg output options, appended after the codec options (e.g. ["-tune", "zerolatency"]).
    public var extraOptions: [String]
    /// Frame slots in the queue between ``StreamingVideoEncoder/submit(_:captureTime:)`` and the
    /// encoder pipe; nil = one second of frames (`fps`). Memory: (slots + 1) × frame size.
    public var queueCapacity: Int?
    /// What `submit` does when the queue is full.
    public var backpressure: BackpressurePolicy
    /// Upper bound for ``StreamingVideoEncoder/finish()`` to wait for the encoder to drain and
    /// exit before it is killed (`ERR_ENCODER_TIMEOUT`).
    public var finishTimeout: Duration
    /// Where ffmpeg and ffprobe are.
    public var tools: FFmpegTools
    /// Whether `finish()` moves the MP4 index to the front (`-movflags +faststart`) for
    /// progressive playback over HTTP. It costs a second pass over the file (see docs/video.md);
    /// LeRobot's decoders do not need it.
    public var faststart: Bool
    /// nil (default): `submit` wakes the writer thread for every frame. A duration: `submit`
    /// never wakes it; the writer checks the queue at this interval instead. On virtual machines
    /// and busy hosts waking a parked thread costs the producer tens of microseconds per frame
    /// (an inter-processor interrupt); polling moves that cost off the producer's thread and adds
    /// at most this much latency to the encoder (keep it well below the queue's duration).
    public var writerPollInterval: Duration?

    public init(
        width: Int, height: Int, fps: Int, codec: VideoCodec = .h264,
        pixelFormat: String = "yuv420p", gop: Int = 2, crf: Int? = nil, preset: String? = nil,
        threads: Int? = nil, extraOptions: [String] = [], queueCapacity: Int? = nil,
        backpressure: BackpressurePolicy = .duplicatePrevious,
        finishTimeout: Duration = .seconds(10), tools: FFmpegTools = .system, faststart: Bool = true,
        writerPollInterval: Duration? = nil
    ) {
        self.writerPollInterval = writerPollInterval
        self.width = width
        self.height = height
        self.fps = fps
        self.codec = codec
        self.pixelFormat = pixelFormat
        self.gop = gop
        self.crf = crf
        self.preset = preset
        self.threads = threads
        self.extraOptions = extraOptions
        self.queueCapacity = queueCapacity
        self.backpressure = backpressure
        self.finishTimeout = finishTimeout
        self.tools = tools
        self.faststart = faststart
    }

    /// Bytes of one input frame (rgb24).
    public var frameByteCount: Int { width * height * 3 }

    /// Queue slots actually used.
    public var effectiveQueueCapacity: Int { queueCapacity ?? max(fps, 1) }

    /// The MP4 track timescale: 512 ticks per frame (15360 at 30 fps, what PyAV picks), always a
    /// multiple of fps so every k/fps is exact.
    public var timescale: Int { fps * 512 }

    /// The codec name for LeRobot's `info.json` (`video.codec`).
    public var infoCodecName: String { codec.infoName }

    /// The ffmpeg encoder name (`libx264`, `libx265`, `libsvtav1`, or a hardware encoder for
    /// `.auto`). For `.auto` this may run the one-time hardware probe (blocking).
    public func ffmpegCodecName() throws -> String {
        if codec == .auto, let choice = try HardwareEncoderProbe.choose(tools: tools) { return choice.encoder }
        return codec.softwareEncoder
    }

    /// Checks sizes, rate and queue; throws `ERR_VIDEO_INVALID_CONFIG` naming the bad value.
    public func validate() throws {
        func invalid(_ what: String) -> VideoError {
            VideoError(.invalidConfig, what, hint: "fix the camera's video configuration")
        }
        guard width > 0, height > 0 else { throw invalid("frame size \(width)x\(height) must be positive") }
        if pixelFormat.hasPrefix("yuv420"), width % 2 != 0 || height % 2 != 0 {
            throw invalid("frame size \(width)x\(height) must be even for \(pixelFormat)")
        }
        guard fps > 0, fps <= 1000 else { throw invalid("fps \(fps) must be in 1...1000") }
        guard gop >= 1 else { throw invalid("gop \(gop) must be at least 1") }
        guard effectiveQueueCapacity >= 1 else { throw invalid("queue capacity \(effectiveQueueCapacity) must be at least 1") }
    }
}
