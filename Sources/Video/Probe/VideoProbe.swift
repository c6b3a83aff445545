import Foundation

/// Reads a video file's first video stream with `ffprobe` and reports exact per-frame timing.
///
/// Used by readers and by `verify` to check LeRobot's video rules (lerobot-format.md §5):
/// `frameCount == rows`, first frame at 0, frame k at exactly k/fps.
///
/// Blocking: ``probe(_:)`` runs ffprobe as a child process and blocks the calling thread
/// (≈ 30–80 ms for an episode file). Safe to call from any thread.
public struct VideoProbe: Sendable {
    public var tools: FFmpegTools

    public init(tools: FFmpegTools = .system) {
        self.tools = tools
    }

    /// Probes `path` and returns its stream facts and every packet's presentation time.
    /// - Throws: `ERR_FFMPEG_MISSING`, or `ERR_VIDEO_PROBE_FAILED` when the file is missing,
    ///   unreadable, has no video stream, or ffprobe's output is not understood.
    public func probe(_ path: String) throws -> VideoProbeResult {
        let ffprobe = try FFmpegTools.resolve(tools.ffprobe)
        let output = try ChildProcess.run(ffprobe, [
            "-v", "error", "-select_streams", "v:0",
            "-show_entries",
            "stream=codec_name,width,height,pix_fmt,time_base,avg_frame_rate,r_frame_rate,duration_ts,start_pts:packet=pts,duration,flags",
            "-of", "json", path,
        ])
        guard output.termination.isSuccess else {
            throw VideoError(.probeFailed, "ffprobe could not read \(path) (\(output.termination))",
                             hint: "check the file exists and is a complete video file",
                             stderrTail: Array(output.stderrLines.suffix(20)))
        }
        let json: ProbeJSON
        do {
            json = try JSONDecoder().decode(ProbeJSON.self, from: Data(output.stdout))
        } catch {
            throw VideoError(.probeFailed, "ffprobe output for \(path) is not the expected JSON: \(error)")
        }
        guard let stream = json.streams?.first else {
            throw VideoError(.probeFailed, "\(path) has no video stream", hint: "is it an audio or data file?")
        }
        guard let tbText = stream.time_base, let timeBase = Rational(parsing: tbText) else {
            throw VideoError(.probeFailed, "\(path): stream has no usable time_base (\(stream.time_base ?? "none"))")
        }
        let packets = json.packets ?? []
        var pts: [Int64] = []
        pts.reserveCapacity(packets.count)
        var end: Int64 = 0
        var keyframes = 0
        for (index, packet) in packets.enumerated() {
            guard let p = packet.pts else {
                throw VideoError(.probeFailed, "\(path): packet \(index) has no pts",
                                 hint: "the stream lacks timestamps; remux it with ffmpeg")
            }
            pts.append(p)
            end = max(end, p + (packet.duration ?? 0))
            if packet.flags?.hasPrefix("K") == true { keyframes += 1 }
        }
        pts.sort()
        if end == 0, let ts = stream.duration_ts { end = ts }
        return VideoProbeResult(
            path: path, codec: stream.codec_name ?? "unknown",
            width: stream.width ?? 0, height: stream.height ?? 0,
            pixelFormat: stream.pix_fmt ?? "unknown", timeBase: timeBase,
            averageFrameRate: stream.avg_frame_rate.flatMap { Rational(parsing: $0) }.flatMap { $0.denominator == 0 || $0.numerator == 0 ? nil : $0 },
            framePTS: pts, keyframeCount: keyframes,
            duration: Rational(end) * timeBase)
    }
}

/// What ``VideoProbe`` found in one video file.
public struct VideoProbeResult: Sendable, Hashable {
    /// The probed path.
    public var path: String
    /// ffprobe's codec name: "h264", "hevc", "av1", … (the name LeRobot's info.json wants).
    public var codec: String
    public var width: Int
    public var height: Int
    /// Pixel format, e.g. "yuv420p".
    public var pixelFormat: String
    /// The stream's time base (seconds per pts tick), e.g. 1/15360.
    public var timeBase: Rational
    /// The container's average frame rate, when it reports one.
    public var averageFrameRate: Rational?
    /// Every frame's pts in presentation order, in ``timeBase`` ticks.
    public var framePTS: [Int64]
    /// How many packets are keyframes.
    public var keyframeCount: Int
    /// End of the last frame (pts + duration) in seconds, exact.
    public var duration: Rational

    /// Number of frames (packets) in the stream.
    public var frameCount: Int { framePTS.count }

    /// Presentation time of frame `index` in seconds, exact.
    public func frameTime(_ index: Int) -> Rational { Rational(framePTS[index]) * timeBase }

    /// Presentation time of the first frame (LeRobot requires 0).
    public var startTime: Rational { framePTS.first.map { Rational($0) * timeBase } ?? Rational(0) }

    /// The first frame whose time is not exactly `index/fps`, or nil when every frame is exact
    /// (the constant-frame-rate rule of LeRobot's decoders, lerobot-format.md §5.3).
    public func firstTimingMismatch(fps: Int) -> (index: Int, expected: Rational, actual: Rational)? {
        for index in framePTS.indices {
            let expected = Rational(Int64(index), Int64(fps))
            let actual = frameTime(index)
            if actual != expected { return (index, expected, actual) }
        }
        return nil
    }
}

/// The subset of `ffprobe -of json` output that ``VideoProbe`` reads.
private struct ProbeJSON: Decodable {
    struct Stream: Decodable {
        var codec_name: String?
        var width: Int?
        var height: Int?
        var pix_fmt: String?
        var time_base: String?
        var avg_frame_rate: String?
        var duration_ts: Int64?
    }
    struct Packet: Decodable {
        var pts: Int64?
        var duration: Int64?
        var flags: String?
    }
    var streams: [Stream]?
    var packets: [Packet]?
}
