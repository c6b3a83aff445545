/// What an audio writer produced; enough for a dataset's audio metadata.
public struct AudioFileReport: Sendable, Hashable {
    public var path: String
    /// ffprobe-style codec name: "pcm_s16le", "pcm_f32le" or "aac".
    public var codec: String
    public var sampleRate: Int
    public var channels: Int
    /// Samples per channel (sample frames) — exact, counted by the writer.
    public var frameCount: Int
    /// Size of the file in bytes.
    public var byteCount: Int64

    /// Duration in seconds, exactly frameCount / sampleRate.
    public var duration: Rational { Rational(Int64(frameCount), Int64(sampleRate)) }
}
