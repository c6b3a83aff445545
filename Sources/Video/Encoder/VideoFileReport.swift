/// What one finished camera stream produced; enough for LeRobot's `info.json` video fields and
/// the episode's loss accounting.
public struct VideoFileReport: Sendable, Hashable {
    /// The finished MP4.
    public var path: String
    /// Frames in the file (= frames handed in: real + duplicates).
    public var frameCount: Int
    public var fps: Int
    /// The info.json codec name: "h264", "hevc" or "av1".
    public var codec: String
    /// The ffmpeg encoder used ("libx264", …).
    public var encoder: String
    public var width: Int
    public var height: Int
    public var pixelFormat: String
    /// MP4 track timescale (ticks per second), a multiple of fps.
    public var timescale: Int
    /// Size of the file in bytes.
    public var byteCount: Int64
    /// Exact accounting, including gap records.
    public var counters: EncoderCounters

    /// Duration in seconds, exactly frameCount/fps.
    public var duration: Rational { Rational(Int64(frameCount), Int64(fps)) }
    /// Runs of duplicated frames and why.
    public var gaps: [GapRecord] { counters.gaps }
}
