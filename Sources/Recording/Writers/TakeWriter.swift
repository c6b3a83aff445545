// The output side of the engine: one writer per stream of an episode take.

import LeRobot
import Video

/// One output of one episode take: a camera's mp4, an image feature's PNGs, the audio WAV.
///
/// Writers are made per take (ahead of the episode, on the pre-warm thread), fed while the
/// episode is recorded, and finished by the committer. Everything slow (encoding, file I/O)
/// happens on the writer's own threads or in ``finish(_:)``, never on the control loop.
///
/// Threading: ``finish(_:)`` and ``cancel()`` are called once each at most, from the committer or
/// a background thread, never from the control loop.
public protocol TakeWriter: AnyObject, Sendable {
    /// The stream's name (feature key or audio stream name), for messages and the sidecar.
    var streamName: String { get }
    /// Finishes the output for an episode of `context.frames` frames (bounded by the writer's own
    /// timeout) and returns its part of the episode. The committer memoizes the outcome, so a
    /// retried commit never finishes a writer twice.
    /// - Throws: `ERR_DISK_FULL` when the disk filled up, else `ERR_COMMIT_FAILED` with the cause.
    func finish(_ context: TakeFinishContext) async throws(RecordingError) -> TakeContribution
    /// Drops the take: stops the writer's work and removes its spool files. Blocking (may wait
    /// for a subprocess to die); called off the control loop.
    func cancel()
}

/// A writer fed whole packed-RGB images by ``RecordingSession/addFrame(_:captureTime:)`` (video
/// encoders, PNG image streams). The frame builder's camera slots route to it.
///
/// Every method is called on the control loop's thread and must be real-time: no allocation, no
/// I/O, a short lock; only ``submit(_:captureTime:)-(UnsafeRawBufferPointer,_)`` may wait, and only
/// as the stream's back-pressure policy allows.
public protocol ImageStreamWriter: TakeWriter {
    /// Lends a free preallocated slot to render the next frame into (nil when none is free).
    func reserveSlot() -> StreamingVideoEncoder.SlotReservation?
    /// Queues a filled reservation as the next frame (no copy).
    func submit(_ reservation: StreamingVideoEncoder.SlotReservation, captureTime: ContinuousClock.Instant) -> SubmitOutcome
    /// Returns an unused reservation.
    func release(_ reservation: StreamingVideoEncoder.SlotReservation)
    /// Copies `rgb` into the queue as the next frame (or duplicates the previous one per policy).
    func submit(_ rgb: UnsafeRawBufferPointer, captureTime: ContinuousClock.Instant) -> SubmitOutcome
    /// The next frame repeats the previous one and is recorded as a gap with `cause`.
    @discardableResult
    func submitGap(cause: GapCause) -> SubmitOutcome
    /// A consistent snapshot of the stream's counters (for progress and metrics).
    var counters: EncoderCounters { get }
}

/// Makes the writer of each image feature it claims, once per episode take. Register one in
/// ``RecordingConfiguration/imageWriters`` to add an output format: the engine routes the
/// feature's frames to its writers and merges what they contribute into each episode.
///
/// The built-in factories (checked after the registered ones) claim `video` features
/// (``VideoWriterFactory``, an ffmpeg encoder per camera) and `image` features
/// (``PNGWriterFactory``, PNGs embedded in the episode's parquet as lerobot does).
public protocol ImageWriterFactory: Sendable {
    /// Whether this factory writes `feature`.
    func claims(_ feature: Feature) -> Bool
    /// Checks the factory's settings for `feature` at `fps` before anything is written.
    /// - Throws: `ERR_RECORDING_INVALID_CONFIGURATION` naming the bad setting.
    func validate(_ feature: Feature, fps: Int) throws(RecordingError)
    /// Creates and starts the writer of `feature` for one take. Called on the pre-warm thread;
    /// may block (spawning a process, creating files).
    func makeWriter(for feature: Feature, take: TakeContext) throws(RecordingError) -> any ImageStreamWriter
}

/// Where and for what a take's writers are made.
public struct TakeContext: Sendable {
    /// The take number (unique per session).
    public var take: Int
    /// The take's spool directory (created by the engine before writers are made).
    public var directory: String
    /// Frames per second of the session.
    public var fps: Int
    /// Frames a typical episode has (for reserving capacity; episodes may be longer).
    public var expectedFrames: Int

    public init(take: Int, directory: String, fps: Int, expectedFrames: Int) {
        self.take = take
        self.directory = directory
        self.fps = fps
        self.expectedFrames = expectedFrames
    }
}

/// What a writer needs to know to finish its part of a saved episode.
public struct TakeFinishContext: Sendable {
    /// The session's episode number.
    public var sessionEpisode: Int
    /// The episode's index in the dataset.
    public var datasetIndex: Int
    /// Frames of the episode (every stream must have exactly this many).
    public var frames: Int
    /// The data file location the episode gets; side files (audio) are numbered like it.
    public var location: FileLocation
    /// The take's spool directory (kept on failure).
    public var spoolDirectory: String

    public init(sessionEpisode: Int, datasetIndex: Int, frames: Int, location: FileLocation, spoolDirectory: String) {
        self.sessionEpisode = sessionEpisode
        self.datasetIndex = datasetIndex
        self.frames = frames
        self.location = location
        self.spoolDirectory = spoolDirectory
    }
}
