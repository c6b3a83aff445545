/// What happened to the frames of one ffmpeg camera, every event counted.
///
/// Invariants (checked by the tests): every frame ffmpeg delivered was either taken by a
/// control tick, overwritten before a tick took it, or is still waiting:
/// `received == taken + skipped + (pending ? 1 : 0)`; and every tick got a frame, fresh
/// or repeated: `ticks == taken + duplicated`.
public struct CameraCounters: Sendable, Hashable {
    /// Complete frames read from ffmpeg.
    public var received = 0
    /// Frames handed to a control tick while new.
    public var taken = 0
    /// Frames overwritten by a newer one before any tick took them (the camera is faster than the fps).
    public var skipped = 0
    /// Ticks that found no new frame and repeated the previous one (or black before the first):
    /// each is a gap of cause `late`.
    public var duplicated = 0
    /// Control ticks served.
    public var ticks = 0
    /// Whether a received frame is waiting for the next tick.
    public var pending = false
    /// Whether ffmpeg's output ended (file finished, device gone, ffmpeg died).
    public var ended = false

    public init() {}
}
